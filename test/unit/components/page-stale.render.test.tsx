import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreditPanel } from '../../../components/credit/CreditPanel';
import { staleTicketPage } from '../../../components/credit/model/page-stale';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { creditView, grant, NOW, ready } from './credit.fixtures';
import { mount, unmount } from './dom';

const FD: TicketRef = { helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '223' };
const ZD: TicketRef = { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '42' };
const OPENED = NOW - 120_000;
const after = grant({ at: new Date(OPENED + 1_000).toISOString() });

describe('tags stay: a Freshdesk page that holds tags from before a credit', () => {
  it('asks for a reload of that ticket’s page only for a credit recorded since the page loaded, on Freshdesk', () => {
    expect(staleTicketPage([after], FD, OPENED)).toBe('https://acme.freshdesk.com/a/tickets/223');
    expect(staleTicketPage([grant({ at: new Date(OPENED - 1_000).toISOString() })], FD, OPENED)).toBeNull();
    expect(staleTicketPage([{ ...after, state: 'committing' }], FD, OPENED)).toBeNull();
    expect(staleTicketPage([after], ZD, OPENED)).toBeNull();
  });

  it('waits for the team index: a recorded credit whose tags are still being written asks for no reload yet', () => {
    expect(staleTicketPage([{ ...after, indexing: true }], FD, OPENED)).toBeNull();
    expect(staleTicketPage([{ ...after, indexing: false }], FD, OPENED)).toBe(
      'https://acme.freshdesk.com/a/tickets/223',
    );
  });

  const hosts: HTMLElement[] = [];
  afterEach(() => {
    for (const host of hosts.splice(0)) unmount(host);
  });

  it('the credit panel says why and links the ticket page, opened in place of the helpdesk page', () => {
    const host = mount(
      <CreditPanel
        state={ready(creditView({ grants: [after] }))}
        helpdesk="freshdesk"
        ticket={FD}
        openedAt={OPENED}
        now={NOW}
        onRetry={vi.fn()}
      />,
    );
    hosts.push(host);
    const notice = host.querySelector('[data-testid="page-stale"]');
    expect(notice?.textContent).toContain('Reload this ticket before you press Update');
    const link = host.querySelector<HTMLAnchorElement>('[data-testid="page-reload"]');
    expect(link?.getAttribute('href')).toBe('https://acme.freshdesk.com/a/tickets/223');
    expect(link?.getAttribute('target')).toBe('_top');
  });
});
