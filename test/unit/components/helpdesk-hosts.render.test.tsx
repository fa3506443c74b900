import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HelpdeskHosts, type HostRow } from '../../../components/options/HelpdeskHosts';
import { hostsEn } from '../../../lib/i18n/hosts-catalogue';
import { byTestId, mount, one, typeInto, unmount } from './dom';

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const host of mounted.splice(0)) unmount(host);
});

const ROWS: HostRow[] = [
  { host: 'support.acme.com', account: 'acme.freshdesk.com', by: 'admin', granted: false },
  { host: 'help.acme.com', account: 'acme.freshdesk.com', by: 'rep', granted: true },
];

const render = (rows = ROWS, granted = true) => {
  const onAdd = vi.fn(async () => granted);
  const onAllow = vi.fn(async () => true);
  const onRemove = vi.fn(async () => undefined);
  const host = mount(
    <HelpdeskHosts
      rows={rows}
      problems={['Policy: No wildcards: add each host your agents open.']}
      onAdd={onAdd}
      onAllow={onAllow}
      onRemove={onRemove}
    />,
  );
  mounted.push(host);
  return { host, onAdd, onAllow, onRemove };
};

const click = async (el: Element) => {
  await act(async () => {
    (el as HTMLElement).click();
  });
};

const fill = (host: HTMLElement, name: string, account: string) => {
  typeInto(one(host, 'host-input') as HTMLInputElement, name);
  typeInto(one(host, 'host-account') as HTMLInputElement, account);
};

describe('custom helpdesk hosts on the options page', () => {
  it("lists the administrator's host with its one-click Allow, and the rep's with Remove", async () => {
    const { host, onAllow, onRemove } = render();
    const [admin, rep] = byTestId(host, 'host-row');
    expect(admin!.dataset.state).toBe('needs-permission');
    expect(byTestId(admin!, 'host-remove')).toHaveLength(0);
    await click(one(admin!, 'host-allow'));
    expect(onAllow).toHaveBeenCalledWith('support.acme.com');
    expect(rep!.dataset.state).toBe('on');
    await click(one(rep!, 'host-remove'));
    expect(onRemove).toHaveBeenCalledWith('help.acme.com');
    expect(one(host, 'host-problem').textContent).toContain('No wildcards');
  });

  it('asks for the checked host during the click itself (the browser grants only within the gesture)', async () => {
    const { host, onAdd } = render([]);
    fill(host, ' https://Support.Acme.com/ ', 'acme.freshdesk.com');
    // Synchronous: onAdd must already have been called when click() returns, before any await.
    (one(host, 'host-add') as HTMLElement).click();
    expect(onAdd).toHaveBeenCalledWith({
      host: 'support.acme.com',
      account: 'acme.freshdesk.com',
      kind: 'freshdesk',
    });
    await act(async () => undefined);
    expect(one(host, 'host-notice').textContent).toBe('Added. Reload the helpdesk tab on support.acme.com.');
  });

  it('refuses a bad host, a listed one, or a declined permission with a message, asking nothing', async () => {
    const { host, onAdd } = render(ROWS, false);
    fill(host, '*.acme.com', 'acme.freshdesk.com');
    await click(one(host, 'host-add'));
    expect(one(host, 'host-notice').textContent).toContain('No wildcards');
    fill(host, 'help.acme.com', 'acme.freshdesk.com');
    await click(one(host, 'host-add'));
    expect(one(host, 'host-notice').textContent).toBe('help.acme.com is already listed.');
    expect(onAdd).not.toHaveBeenCalled();
    fill(host, 'new.acme.com', 'acme.freshdesk.com');
    await click(one(host, 'host-add'));
    expect(one(host, 'host-notice').textContent).toBe(
      'Not added: the browser did not allow Frontline on new.acme.com.',
    );
  });

  it('keeps its strings in its own catalogue, under one prefix', () => {
    for (const key of Object.keys(hostsEn)) expect(key).toMatch(/^hosts_[a-z0-9_]+$/);
  });
});
