import { useId } from 'preact/hooks';
import type { AuthorityPolicy } from '../../lib/domain/policy';
import { opt } from '../../lib/i18n/options-catalogue';
import { formatFull } from '../model/time';

export interface GatewayPolicyCopy {
  account: string;
  fetchedAt: number;
  policy: AuthorityPolicy;
}

interface Props {
  /** The credit gateway the policy in force names. */
  url: string;
  /** This browser's copies of its policy, one per helpdesk account. */
  copies: readonly GatewayPolicyCopy[];
}

/**
 * The credit gateway's policy, read-only: the gateway enforces it, so nothing here edits it.
 * Each copy says where it came from and when this browser read it.
 */
export function GatewayPolicy({ url, copies }: Props) {
  const headingId = useId();
  return (
    <section class="flo-card" aria-labelledby={headingId} data-testid="gateway-policy">
      <h2 class="flo-title" id={headingId}>
        {opt('options_gateway_title')}
      </h2>
      <p class="flo-help">{opt('options_gateway_help', { url })}</p>
      {copies.length === 0 && <p class="flo-help">{opt('options_gateway_none')}</p>}
      {copies.map((copy) => (
        <div key={copy.account} data-testid="gateway-policy-copy" data-account={copy.account}>
          <p class="flo-source">
            {opt('options_gateway_copy', {
              account: copy.account,
              time: formatFull(new Date(copy.fetchedAt).toISOString()),
            })}
          </p>
          <pre class="flo-help">{JSON.stringify(copy.policy, null, 2)}</pre>
        </div>
      ))}
    </section>
  );
}
