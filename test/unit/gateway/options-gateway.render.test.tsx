import { afterEach, describe, expect, it } from 'vitest';
import { GatewayPolicy } from '../../../components/options/GatewayPolicy';
import { byTestId, mount, one, unmount } from '../components/dom';
import { GATEWAY_POLICY, GATEWAY_URL } from './fake-gateway';

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

describe('the options page’s gateway policy', () => {
  it('shows each copy read-only, with where it came from and when it was read', () => {
    const host = mount(
      <GatewayPolicy
        url={GATEWAY_URL}
        copies={[
          {
            account: 'acme.zendesk.com',
            fetchedAt: Date.parse('2026-12-04T06:00:00Z'),
            policy: GATEWAY_POLICY,
          },
        ]}
      />,
    );
    hosts.push(host);
    expect(one(host, 'gateway-policy').textContent).toContain(GATEWAY_URL);
    const copy = one(host, 'gateway-policy-copy');
    expect(copy.dataset.account).toBe('acme.zendesk.com');
    expect(copy.textContent).toContain('"perGrant": 1000');
    expect(host.querySelectorAll('input, textarea, button')).toHaveLength(0);
  });

  it('says when no copy was read yet', () => {
    const host = mount(<GatewayPolicy url={GATEWAY_URL} copies={[]} />);
    hosts.push(host);
    expect(byTestId(host, 'gateway-policy-copy')).toEqual([]);
    expect(one(host, 'gateway-policy').textContent).toMatch(/Not read yet/);
  });
});

describe('the options page’s policy card with a managed gateway', () => {
  it('shows the managed entry without calling it an invalid credit policy', async () => {
    const { PolicyEditor } = await import('../../../components/options/PolicyEditor');
    const host = mount(
      <PolicyEditor
        managed={{ gateway: { url: GATEWAY_URL } }}
        local={undefined}
        onSave={async () => undefined}
      />,
    );
    hosts.push(host);
    expect(byTestId(host, 'policy-errors')).toEqual([]);
    expect((one(host, 'policy-json') as HTMLTextAreaElement).value).toContain(GATEWAY_URL);
  });
});
