import { periodBounds } from '../../../lib/credit/period';
import type { AuthorityPolicyInput } from '../../../lib/domain/policy';
import type { Helpdesk, SimTicket, SimUser } from '../../sim/data/model';
import { generateTeamAccount, TEAM_CURRENCY, type TeamAccount } from '../../sim/data/team';
import { makeRng } from '../../sim/rng';
import { type Simulator, startSimulator } from '../../sim/server';
import { type DayLog, teamAgents, workDay } from './day';
import type { TeamFlags } from './flags';
import { type Browser, createBrowser } from './rep';
import { managerReview, type ReviewLoadFigures } from './review';
import { createTraffic, type Traffic } from './traffic';
import { truthOf } from './truth';
import { installVirtualDate, type VirtualTime, virtualTime } from './virtual-time';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Generous limits: the bench measures traffic, not a policy refusing grants. */
export const TEAM_POLICY: AuthorityPolicyInput = {
  currency: TEAM_CURRENCY,
  period: 'week',
  timeZone: 'UTC',
  tiers: [{ name: 'Team', perGrant: 2500, perCustomerPerPeriod: 1_000_000, perPeriod: 100_000_000 }],
  defaultTier: 'Team',
  presets: [500],
  reasons: ['Goodwill'],
  undoSeconds: 5,
};

export interface Mismatch {
  agent: string;
  shown: number | null;
  truth: number;
}

export interface AccountDay {
  helpdesk: Helpdesk;
  generation: {
    ms: number;
    agents: number;
    tickets: number;
    grants: number;
    grantTickets: number;
    ledgerField: boolean;
  };
  traffic: Traffic;
  reps: string[];
  manager: string;
  dayStart: number;
  dayEnd: number;
  log: DayLog;
  mismatches: Mismatch[];
  checked: number;
  ledgerRuns: number;
  review: { first: ReviewLoadFigures; reload: ReviewLoadFigures } | null;
  realMs: number;
}

const live = (team: TeamAccount): SimTicket[] => {
  const closed = team.account.helpdesk === 'zendesk' ? 'closed' : '5';
  return [...team.account.tickets.values()].filter((t) => !t.archived && t.status !== closed);
};

/** A team account on its own simulator, with the plan's per-account limiter on the virtual clock. */
export async function teamSimulator(
  helpdesk: Helpdesk,
  flags: TeamFlags,
  shape: { agents: number; grants: number; grantTickets: number; ownGrants?: number },
  dayStart: number,
  time: VirtualTime,
): Promise<{ sim: Simulator; team: TeamAccount }> {
  const weekStart = periodBounds(dayStart, 'week', 'UTC').start;
  const team = generateTeamAccount(helpdesk, {
    ...shape,
    tickets: flags.tickets,
    weekStart,
    now: dayStart,
    seed: flags.seed,
    ledgerField: flags.ledgerField,
  });
  const sim = await startSimulator({
    accounts: [team.account],
    plan: flags.plan,
    clock: time.now,
    seed: flags.seed,
  });
  return { sim, team };
}

export const browserOptions = (
  sim: Simulator,
  team: TeamAccount,
  time: VirtualTime,
  traffic: Traffic,
  flags: TeamFlags,
  agent: SimUser,
  n: number,
) => {
  const rng = makeRng(flags.seed * 104_729 + n);
  return {
    sim,
    helpdesk: team.account.helpdesk,
    host: team.account.host,
    agent,
    time,
    traffic,
    policy: TEAM_POLICY,
    // Browsers' clocks are a little off the helpdesk's, up to a minute either way.
    offsetMs: Math.round((rng() * 2 - 1) * MINUTE_MS),
    random: rng,
    share: flags.share,
  };
};

/**
 * One helpdesk's day: the team account generated, `reps` browsers working the day on the
 * virtual clock, every meter checked against the notes at the end, then the manager's
 * review of the week (first load and reload).
 */
export async function accountDay(helpdesk: Helpdesk, flags: TeamFlags): Promise<AccountDay> {
  const startedReal = performance.now();
  const dayStart = Date.parse(`${flags.date}T08:00:00Z`);
  const dayEnd = dayStart + flags.hours * HOUR_MS;
  const time = virtualTime(dayStart);
  const { sim, team } = await teamSimulator(
    helpdesk,
    flags,
    { agents: Math.max(200, flags.reps + 1), grants: flags.grantsWeek, grantTickets: flags.grantTickets },
    dayStart,
    time,
  );
  const restoreDate = installVirtualDate(time.now);
  const traffic = createTraffic(dayStart, time.now);
  // TEAM_DEBUG=1: where the virtual day is, every 5 s of real time.
  const watch = process.env.TEAM_DEBUG
    ? setInterval(() => {
        let sent = 0;
        let refused = 0;
        for (const w of traffic.wire().values()) {
          sent += w.sent;
          refused += w.refused;
        }
        console.error(new Date(time.now()).toISOString(), {
          sleepers: time.pending(),
          sent,
          refused,
          inFlight: time.inFlight(),
          immediates: time.immediates(),
          kinds: Object.fromEntries(
            ['sidebar', 'writes', 'ledger', 'watcher', 'names'].map((k) => [
              k,
              [...traffic.perMinute({ kinds: [k as never] }).values()].reduce((a, b) => a + b, 0),
            ]),
          ),
        });
      }, 5000)
    : undefined;
  try {
    const managerUser = team.agents.find((a) => a.role === 'admin') as SimUser;
    const agents = teamAgents(team.agents, flags.reps, managerUser);
    const reps: Browser[] = agents.map((agent, n) =>
      createBrowser(browserOptions(sim, team, time, traffic, flags, agent, n), `rep ${agent.name}`),
    );
    const tier = [...team.account.groups.values()].find((g) => g.escalation);
    const log = flags.skip.includes('day')
      ? emptyLog()
      : await workDay({
          sim,
          host: team.account.host,
          reps,
          time,
          flags,
          end: dayEnd,
          tickets: live(team),
          escalationGroup: tier?.id ?? '',
        });

    const bounds = periodBounds(time.now(), 'week', 'UTC');
    const truth = truthOf(sim.data, team.account.host, bounds.start, bounds.end);
    const mismatches: Mismatch[] = [];
    let ledgerRuns = 0;
    const anyTicket = live(team)[0] as SimTicket;
    const ref = { helpdesk, account: team.account.host, id: anyTicket.id };
    if (!flags.skip.includes('day')) {
      traffic.dayOver();
      ledgerRuns = reps.reduce((n, r) => n + r.ledgerRuns(), 0);
      // The meter as the rep sees it: on a ticket opened after the day, whose view refreshes the
      // ledger when due (a rep who opened nothing all day has never refreshed it), the reps one
      // after another over a minute.
      let opened = false;
      const gap = MINUTE_MS / reps.length;
      const open = async (r: Browser, i: number) => {
        await time.sleep(i * gap);
        await r.view(ref);
        await r.idle();
      };
      void Promise.all(reps.map(open)).then(() => {
        opened = true;
      });
      for (let i = 0; i < flags.drainMinutes && !opened; i++) await time.runUntil(time.now() + MINUTE_MS);
      for (const rep of reps) {
        const shown = await rep.remaining(ref, anyTicket.requesterId);
        const expected = (TEAM_POLICY.tiers[0]?.perPeriod ?? 0) - (truth.byAgent.get(rep.me.id) ?? 0);
        if (shown !== expected) mismatches.push({ agent: rep.who, shown, truth: expected });
      }
    }

    let review: AccountDay['review'] = null;
    if (!flags.skip.includes('review')) {
      const manager = createBrowser(
        browserOptions(sim, team, time, traffic, flags, managerUser, 100_000),
        `manager ${managerUser.name}`,
      );
      review = await managerReview({
        manager,
        time,
        traffic,
        policy: TEAM_POLICY,
        host: team.account.host,
        helpdesk,
        truthGrants: truth.grants,
        limitMs: flags.reviewLimitMinutes * MINUTE_MS,
      });
    }
    return {
      helpdesk,
      generation: {
        ms: team.ms,
        agents: team.agents.length,
        tickets: team.account.tickets.size,
        grants: team.grants.length,
        grantTickets: new Set(team.grants.map((g) => g.ticketId)).size,
        ledgerField: team.ledgerField,
      },
      traffic,
      reps: reps.map((r) => r.who),
      manager: `manager ${managerUser.name}`,
      dayStart,
      dayEnd,
      log,
      mismatches,
      checked: flags.skip.includes('day') ? 0 : reps.length,
      ledgerRuns,
      review,
      realMs: performance.now() - startedReal,
    };
  } finally {
    clearInterval(watch);
    restoreDate();
    await sim.close();
  }
}

const emptyLog = (): DayLog => ({
  views: 0,
  grants: 0,
  grantsRefused: 0,
  claims: 0,
  escalations: 0,
  caseworkRefused: 0,
  pins: 0,
  watchCycles: 0,
  errors: new Map(),
});
