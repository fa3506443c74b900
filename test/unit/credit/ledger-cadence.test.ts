import { describe, expect, it } from 'vitest';
import { createLedgerCadence, LEDGER_EVERY_MS, LEDGER_RETRY_MS } from '../../../lib/credit/ledger-cadence';
import { createCreditService } from '../../../lib/credit/service';
import { putMe } from '../../../lib/db/queries';
import { ACCOUNT, ADA, harness, START } from './fakes';

describe('ledger cadence', () => {
  it('a rep viewing tickets all hour refreshes the ledger every 10 minutes: 6 requests an hour, across worker restarts', async () => {
    const h = harness();
    await putMe(h.deps.db, ACCOUNT, ADA, START);
    const service = createCreditService(h.deps);
    const refresh = (account: string) => service.refreshLedger(account, 'zendesk');
    let cadence = createLedgerCadence({ db: h.deps.db, now: () => h.clock.now, refresh });
    let ran = 0;
    for (let second = 0; second < 3_600; second += 30) {
      // The service worker is stopped when idle: a new one (new memory) every 5 minutes.
      if (second % 300 === 0)
        cadence = createLedgerCadence({ db: h.deps.db, now: () => h.clock.now, refresh });
      if (await cadence(ACCOUNT, 'zendesk')) ran++;
      h.clock.now += 30_000;
    }
    expect(ran).toBe(3_600_000 / LEDGER_EVERY_MS);
    expect(h.helpdesk.calls).toEqual(Array(6).fill('searchTickets'));
  });

  it('a failing refresh is tried again after a minute, not on every view', async () => {
    const h = harness();
    await putMe(h.deps.db, ACCOUNT, ADA, START);
    const service = createCreditService(h.deps);
    const cadence = createLedgerCadence({
      db: h.deps.db,
      now: () => h.clock.now,
      refresh: (account) => service.refreshLedger(account, 'zendesk'),
    });
    h.helpdesk.failNext('searchTickets', new Error('offline'), new Error('offline'));
    const views: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      views.push(await cadence(ACCOUNT, 'zendesk'));
      h.clock.now += 15_000;
    }
    // Views at 0, 15, …, 105 s: attempts at 0 (fails), 60 s (fails), and not again before 120 s.
    expect(h.helpdesk.calls).toEqual(['searchTickets', 'searchTickets']);
    expect(views.every((v) => !v)).toBe(true);
    h.clock.now = START + 2 * LEDGER_RETRY_MS;
    expect(await cadence(ACCOUNT, 'zendesk')).toBe(true);
    expect(h.clock.now - START).toBeLessThan(LEDGER_EVERY_MS);
  });
});
