import { describe, expect, it } from 'vitest';
import { createHostTable } from '../../../lib/hosts/table';

const active = () => {
  const table = createHostTable();
  table.set(new Map([['support.acme.com', 'acme.freshdesk.com']]));
  return table;
};

describe('the host table the background checks senders against', () => {
  it('is not ready until the first pass set it, then resolves ready', async () => {
    const table = createHostTable();
    expect(table.done()).toBe(false);
    expect(table.accountOf('support.acme.com')).toBeNull();
    table.set(new Map());
    await table.ready;
    expect(table.done()).toBe(true);
  });

  it('maps an active custom host to its canonical account, and nothing else', () => {
    const table = active();
    expect(table.accountOf('support.acme.com')).toBe('acme.freshdesk.com');
    expect(table.accountOf('SUPPORT.acme.com')).toBe('acme.freshdesk.com');
    expect(table.accountOf('evil.com')).toBeNull();
    expect(table.accountOf('acme.freshdesk.com')).toBeNull();
  });

  it('reads a ticket page on a custom host as the canonical account’s ticket (cache, pins and ledger are shared)', () => {
    const table = active();
    expect(table.matchTicket('https://support.acme.com/a/tickets/42')).toEqual({
      helpdesk: 'freshdesk',
      account: 'acme.freshdesk.com',
      id: '42',
    });
    expect(table.matchTicket('https://support.acme.com/a/dashboard/default')).toBeNull();
    expect(table.matchTicket('https://other.acme.com/a/tickets/42')).toBeNull();
  });

  it('a revoked host stops counting at once', () => {
    const table = active();
    table.revoke(['support.acme.com']);
    expect(table.accountOf('support.acme.com')).toBeNull();
    expect(table.matchTicket('https://support.acme.com/a/tickets/42')).toBeNull();
  });
});
