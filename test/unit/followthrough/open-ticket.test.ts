import { describe, expect, it } from 'vitest';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import { openTicket, pickTab, ticketUrl } from '../../../lib/followthrough/open-ticket';
import { ref } from './fixtures';

describe('opening a ticket', () => {
  const fd: TicketRef = { helpdesk: 'freshdesk', account: 'acme.freshdesk.com', id: '223' };

  it('builds the agent URL', () => {
    expect(ticketUrl(ref)).toBe('https://acme.zendesk.com/agent/tickets/6130907993114');
    expect(ticketUrl(fd)).toBe('https://acme.freshdesk.com/a/tickets/223');
  });

  it('prefers a tab already on the ticket, then the account’s most recent tab', () => {
    const tabs = [
      { id: 1, url: 'https://other.zendesk.com/agent/tickets/6130907993114', lastAccessed: 9 },
      { id: 2, url: 'https://acme.zendesk.com/agent/dashboard', lastAccessed: 5 },
      { id: 3, url: 'https://acme.zendesk.com/agent/tickets/1', lastAccessed: 7 },
      { id: 4, url: 'https://acme.zendesk.com.evil.test/agent/tickets/6130907993114', lastAccessed: 10 },
    ];
    expect(pickTab(tabs, ref)?.id).toBe(3);
    expect(pickTab([...tabs, { id: 5, url: ticketUrl(ref), lastAccessed: 1 }], ref)?.id).toBe(5);
    expect(pickTab(tabs, fd)).toBeNull();
  });

  it('navigates that tab or opens a new one', async () => {
    const calls: unknown[] = [];
    let open = [{ id: 7, url: 'https://acme.zendesk.com/agent/dashboard' }];
    // Only the three calls openTicket makes; WXT's fake tabs do not filter by URL pattern.
    const tabs = {
      query: async (info: { url: string }) => {
        calls.push(['query', info.url]);
        return open;
      },
      update: async (id: number, props: object) => calls.push(['update', id, props]),
      create: async (props: object) => calls.push(['create', props]),
    } as unknown as Parameters<typeof openTicket>[0];
    await openTicket(tabs, ref);
    open = [];
    await openTicket(tabs, fd);
    expect(calls).toEqual([
      ['query', 'https://acme.zendesk.com/*'],
      ['update', 7, { url: ticketUrl(ref), active: true }],
      ['query', 'https://acme.freshdesk.com/*'],
      ['create', { url: ticketUrl(fd) }],
    ]);
  });
});
