import type { Helpdesk, SimUser } from '../../sim/data/model';
import { browserOptions, teamSimulator } from './account-day';
import type { TeamFlags } from './flags';
import { createBrowser } from './rep';
import { createTraffic } from './traffic';
import { installVirtualDate, virtualTime } from './virtual-time';

/** Ada's own grants this week, the same at every team size. */
export const OWN_GRANTS = 20;

export interface LedgerCost {
  team: number;
  teamGrants: number;
  /** Requests of Ada's first refresh in a fresh profile, and of the next one with nothing new. */
  first: number;
  again: number;
  found: number;
  virtualMs: number;
}

/**
 * One rep's ledger refresh beside a team of `team` agents whose grants grow with it
 * (`grants-week` × team / 200), the rep's own grants the same: the cost must not grow.
 */
export async function ledgerCost(helpdesk: Helpdesk, flags: TeamFlags, team: number): Promise<LedgerCost> {
  const dayStart = Date.parse(`${flags.date}T08:00:00Z`);
  const time = virtualTime(dayStart);
  const grants = Math.max(OWN_GRANTS + 1, Math.round((flags.grantsWeek * team) / 200));
  const { sim, team: account } = await teamSimulator(
    helpdesk,
    flags,
    {
      agents: team,
      grants,
      grantTickets: Math.max(OWN_GRANTS, Math.round((flags.grantTickets * team) / 200)),
      ownGrants: OWN_GRANTS,
    },
    dayStart,
    time,
  );
  const restoreDate = installVirtualDate(time.now);
  try {
    const traffic = createTraffic(dayStart, time.now);
    const ada = account.agents[0] as SimUser;
    const rep = createBrowser(browserOptions(sim, account, time, traffic, flags, ada, 0), 'ada');
    const measure = async () => {
      const before = traffic.total('ada', 'ledger');
      let result: { found: number } | null = null;
      const run = rep.refreshLedger().then((r) => {
        result = r;
      });
      while (result === null) await time.runUntil(time.now() + 5_000);
      await run;
      return {
        requests: traffic.total('ada', 'ledger') - before,
        found: (result as { found: number }).found,
      };
    };
    const first = await measure();
    const again = await measure();
    return {
      team,
      teamGrants: grants,
      first: first.requests,
      again: again.requests,
      found: first.found,
      virtualMs: time.now() - dayStart,
    };
  } finally {
    restoreDate();
    await sim.close();
  }
}
