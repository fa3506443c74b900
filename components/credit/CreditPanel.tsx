import { useRef } from 'preact/hooks';
import type { CreditView } from '../../lib/domain/snapshot';
import type { HelpdeskKind, TicketRef } from '../../lib/domain/ticket-ref';
import { t } from '../../lib/i18n/t';
import { useFocusRescue } from '../hooks/use-focus-rescue';
import type { SectionState } from '../model/section';
import type { WhenOptions } from '../model/time';
import { Section } from '../Section';
import { ApprovalAnnouncer } from './ApprovalAnnouncer';
import { ApprovalList } from './ApprovalList';
import { AuthorityMeter } from './AuthorityMeter';
import { CredentialsForm } from './CredentialsForm';
import { creditFocusTarget, rememberCreditFocus, type Sent } from './focus-target';
import { GrantAnnouncer } from './GrantAnnouncer';
import { GrantForm } from './GrantForm';
import { GrantStatusList } from './GrantStatusList';
import { creditOffText } from './model/credit-off';
import { SIDEBAR_OPENED, staleTicketPage } from './model/page-stale';
import type { CreditActions } from './types';

interface Props extends CreditActions {
  state: SectionState<CreditView>;
  helpdesk: HelpdeskKind;
  now: number;
  onRetry: () => void;
  /** Tests pin the zone and the intent ids; the sidebar uses the rep's zone and random UUIDs. */
  when?: WhenOptions;
  newId?: () => string;
  /** The ticket shown, and when the page around the sidebar was loaded (tests pin it). */
  ticket?: TicketRef;
  openedAt?: number;
}

/** Grants sent off but not recorded: while a key is needed, they wait for it. */
const waitingForKey = (grants: CreditView['grants']): number =>
  grants.filter((g) => g.state === 'committing' && g.error !== null).length;

function Disabled({ reason }: { reason: string }) {
  return (
    <div class="fl-esc fl-esc--warn" data-testid="credit-disabled" role="status">
      <div>
        <p class="fl-esc__headline">{t('credit_disabled_title')}</p>
        <p class="fl-esc__detail">{reason}</p>
      </div>
    </div>
  );
}

/**
 * Remaining authority, the grant form, and this ticket's grants and approval
 * requests. With no policy or no authority the form is not shown at all:
 * credits fail closed, and the panel says why.
 */
export function CreditPanel({
  state,
  helpdesk,
  now,
  onRetry,
  when,
  newId,
  ticket,
  openedAt = SIDEBAR_OPENED,
  ...actions
}: Props) {
  const body = useRef<HTMLDivElement>(null);
  const sent = useRef<Sent | null>(null);
  const remember = useRef(rememberCreditFocus(() => sent.current)).current;
  useFocusRescue(body, remember, creditFocusTarget);
  return (
    <Section
      testId="credit-panel"
      title={t('credit_title')}
      state={state}
      onRetry={onRetry}
      class="fl-credit"
      aside={
        state.data?.policy && (
          <>
            <span data-testid="credit-source">
              {state.data.policy.source === 'managed' ? t('credit_source_managed') : t('credit_source_self')}
            </span>
            {/* Without a gateway nothing but this browser checks the limits: said once, unobtrusively. */}
            {!state.data.policy.enforced && (
              <span data-testid="credit-advisory" title={t('credit_advisory_title')}>
                {' · '}
                {t('credit_advisory')}
              </span>
            )}
          </>
        )
      }
    >
      {(credit) => {
        const { policy, authority } = credit;
        const enabled = policy !== null && authority !== null;
        const reload = ticket && staleTicketPage(credit.grants, ticket, openedAt);
        return (
          <div ref={body}>
            {credit.needsCredentials && actions.onSaveCredentials && (
              <CredentialsForm
                helpdesk={helpdesk}
                onSave={actions.onSaveCredentials}
                waiting={waitingForKey(credit.grants)}
              />
            )}
            {enabled ? (
              <>
                <AuthorityMeter authority={authority} now={now} clock={when} />
                {authority.tierName && (
                  <p class="fl-credit__tier fl-muted">{t('credit_tier', { tier: authority.tierName })}</p>
                )}
                {actions.onGrant && (
                  <GrantForm
                    policy={policy}
                    authority={authority}
                    onGrant={actions.onGrant}
                    onRequestApproval={actions.onRequestApproval}
                    newId={newId}
                    onAnswered={(answer) => {
                      sent.current = answer;
                    }}
                  />
                )}
              </>
            ) : (
              <Disabled reason={creditOffText(credit.disabledWhy, credit.disabledReason)} />
            )}
            <GrantAnnouncer grants={credit.grants} helpdesk={helpdesk} />
            <GrantStatusList
              grants={credit.grants}
              helpdesk={helpdesk}
              now={now}
              onUndo={actions.onUndo}
              when={when}
            />
            {reload && (
              <p class="fl-esc__detail" data-testid="page-stale" role="status">
                {t('credit_page_stale')}{' '}
                <a href={reload} target="_top" data-testid="page-reload">
                  {t('credit_page_reload')}
                </a>
              </p>
            )}
            <ApprovalAnnouncer approvals={credit.approvals} />
            <ApprovalList approvals={credit.approvals} />
          </div>
        );
      }}
    </Section>
  );
}
