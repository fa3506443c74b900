import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftFromPolicy, policyFromDraft } from '../../../components/options/model';
import { type ConnectionView, ZendeskConnect } from '../../../components/options/ZendeskConnect';
import { byTestId, mount, one, typeInto, unmount } from './dom';

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

const render = (connections: ConnectionView[], clientId: string | null = 'frontline') => {
  const onConnect = vi.fn(async () => undefined);
  const onDisconnect = vi.fn(async () => undefined);
  const host = mount(
    <ZendeskConnect
      clientId={clientId}
      redirectUrl={REDIRECT}
      connections={connections}
      onConnect={onConnect}
      onDisconnect={onDisconnect}
    />,
  );
  hosts.push(host);
  return { host, onConnect, onDisconnect };
};

const click = async (el: Element) => {
  await act(async () => {
    (el as HTMLElement).click();
  });
};

describe('the Zendesk OAuth connection on the options page', () => {
  it('connects the account the rep types and shows the redirect URL to register', async () => {
    const { host, onConnect } = render([]);
    typeInto(one(host, 'oauth-account') as HTMLInputElement, 'acme.zendesk.com');
    await click(one(host, 'oauth-connect'));
    expect(onConnect).toHaveBeenCalledWith('acme.zendesk.com');
    expect(one(host, 'oauth-redirect-url').textContent).toContain(REDIRECT);
  });

  it('says whom a connection acts as, and a refused token says reconnect', async () => {
    const { host, onConnect, onDisconnect } = render([
      { account: 'acme.zendesk.com', name: 'Ben', email: 'ben@acme.test', refused: 401 },
    ]);
    expect(one(host, 'oauth-status').textContent).toBe('Connected as Ben (ben@acme.test)');
    expect(one(host, 'oauth-refused').textContent).toContain('reconnect');
    await click(one(host, 'oauth-reconnect'));
    expect(onConnect).toHaveBeenCalledWith('acme.zendesk.com');
    await click(one(host, 'oauth-disconnect'));
    expect(onDisconnect).toHaveBeenCalledWith('acme.zendesk.com');
  });

  it('shows why a failed connection failed', async () => {
    const { host, onConnect } = render([]);
    onConnect.mockRejectedValueOnce(new Error('The answer was not for this sign-in (state)'));
    await click(one(host, 'oauth-connect'));
    await act(async () => undefined);
    expect(one(host, 'oauth-error').textContent).toBe('The answer was not for this sign-in (state)');
  });

  it('is off, and says so, while the policy names no OAuth client', () => {
    const { host } = render([], null);
    expect(byTestId(host, 'oauth-connect')).toHaveLength(0);
    expect(one(host, 'oauth-off').textContent).toContain('zendeskOAuthClientId');
  });

  it('keeps the policy’s zendeskOAuthClientId through the self-managed editor', () => {
    const draft = draftFromPolicy({ currency: 'USD', zendeskOAuthClientId: 'frontline' });
    expect(draft.zendeskOAuthClientId).toBe('frontline');
    const result = policyFromDraft({ ...draft, zendeskOAuthClientId: '  frontline_acme ' });
    expect('input' in result && result.input.zendeskOAuthClientId).toBe('frontline_acme');
  });
});
