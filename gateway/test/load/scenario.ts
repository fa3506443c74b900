import type { AuthorityPolicy, Tier } from '../../../lib/domain/policy';
import type { SimTicket, SimUser } from '../../../test/sim/data/model';
import { generateTeamAccount, seededUuid, type TeamAccount } from '../../../test/sim/data/team';
import { hashSeed, makeRng, type Rng } from '../../../test/sim/rng';

/**
 * The load test's day (issue 19: "200 reps granting at once against one gateway"): who
 * grants what, on which ticket, and what the gateway must answer. Everything follows from
 * the seed, so a failure can be run again exactly.
 *
 * Every rep has the same tier and makes `grantsPerRep` grants of one amount chosen so that
 * exactly `grantsPerRep - 1` fit the period limit: whichever order they arrive in, the
 * gateway must accept that many and refuse the rest `over-period`. Each of a rep's grants is
 * for another customer, so the per-customer limit never decides; that limit is tested on its
 * own in the gateway's tests. On top:
 * - one rep (the "burst" rep) instead makes `burst` small grants at the same instant, twice
 *   what the period allows;
 * - every `overPerGrantEvery`-th rep also tries one grant above the per-grant limit;
 * - every `duplicateEvery`-th rep's first grant is submitted `copies` times at once (a
 *   retrying browser, two tabs): one verdict, at most one execution.
 */
export interface LoadShape {
  reps: number;
  grantsPerRep: number;
  burst: number;
  overPerGrantEvery: number;
  duplicateEvery: number;
  copies: number;
  seed: number;
}

export const LOAD_SHAPE: LoadShape = {
  reps: 200,
  grantsPerRep: 5,
  burst: 20,
  overPerGrantEvery: 10,
  duplicateEvery: 4,
  copies: 3,
  seed: 19,
};

export const LOAD_TIER: Tier = {
  name: 'Rep',
  perGrant: 5_000,
  perCustomerPerPeriod: 10_000,
  perPeriod: 10_000,
};

export const LOAD_CURRENCY = 'USD';

export type GrantKind = 'within-or-over-period' | 'burst' | 'over-per-grant';

export interface PlannedGrant {
  grantId: string;
  agent: SimUser;
  ticket: SimTicket;
  amount: number;
  kind: GrantKind;
  /** How many times it is submitted, at the same moment. */
  copies: number;
}

export interface LoadPlan {
  shape: LoadShape;
  team: TeamAccount;
  /** The account's admin: the gateway reads and writes the helpdesk as this user. */
  gatewayUser: SimUser;
  reps: SimUser[];
  burstRep: SimUser;
  grants: PlannedGrant[];
  policy: AuthorityPolicy;
  /** How many grants each rep must get accepted: the most their period limit allows. */
  acceptedPerRep: ReadonlyMap<string, number>;
}

/** Grants a rep can make within the period: the largest whole number of `amount` under the limit. */
export const fitsInPeriod = (amount: number, tier: Tier = LOAD_TIER): number =>
  Math.floor(tier.perPeriod / amount);

/** Open, unarchived tickets by requester: a note and the gateway's write-back can go on them. */
function openTicketsByCustomer(team: TeamAccount): SimTicket[][] {
  const closed = team.account.helpdesk === 'zendesk' ? 'closed' : '5';
  const byCustomer = new Map<string, SimTicket[]>();
  for (const ticket of team.account.tickets.values()) {
    if (ticket.archived || ticket.status === closed) continue;
    byCustomer.set(ticket.requesterId, [...(byCustomer.get(ticket.requesterId) ?? []), ticket]);
  }
  return [...byCustomer.values()];
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function planLoad(shape: LoadShape = LOAD_SHAPE, now = Date.now()): LoadPlan {
  if (shape.grantsPerRep < 3)
    throw new Error('grantsPerRep must be at least 3: one over the limit, two within');
  const team = generateTeamAccount('zendesk', {
    // The six demo agents come first; the reps are the rest.
    agents: shape.reps + 6,
    tickets: Math.max(400, shape.reps * 4),
    grants: 0,
    grantTickets: 0,
    weekStart: now - 86_400_000,
    now,
    seed: shape.seed,
  });
  const gatewayUser = team.agents.find((a) => a.role === 'admin');
  if (!gatewayUser) throw new Error('the team account has no admin for the gateway to act as');
  const reps = team.agents.filter((a) => a.role === 'agent').slice(-shape.reps);
  if (reps.length < shape.reps) throw new Error(`the team account has only ${reps.length} reps`);
  const customers = openTicketsByCustomer(team);
  const widest = Math.max(shape.grantsPerRep + 1, shape.burst);
  if (customers.length < widest)
    throw new Error(`${customers.length} customers cannot take ${widest} grants each`);

  const rng = makeRng(hashSeed('gateway-load', shape.seed));
  let next = 0;
  /** Each call a new customer (round robin) and one of their open tickets. */
  const nextTicket = (): SimTicket => {
    const tickets = customers[next % customers.length] as SimTicket[];
    const ticket = tickets[Math.floor(next / customers.length) % tickets.length] as SimTicket;
    next++;
    return ticket;
  };
  const amount = Math.floor(LOAD_TIER.perPeriod / (shape.grantsPerRep - 1));
  const burstAmount = Math.floor((2 * LOAD_TIER.perPeriod) / shape.burst);
  const [burstRep] = reps as [SimUser];
  const grants: PlannedGrant[] = [];
  const acceptedPerRep = new Map<string, number>();
  reps.forEach((agent, n) => {
    const burst = agent === burstRep;
    const count = burst ? shape.burst : shape.grantsPerRep;
    const each = burst ? burstAmount : amount;
    acceptedPerRep.set(agent.id, Math.min(count, fitsInPeriod(each)));
    for (let g = 0; g < count; g++) {
      grants.push({
        grantId: seededUuid(rng),
        agent,
        ticket: nextTicket(),
        amount: each,
        kind: burst ? 'burst' : 'within-or-over-period',
        copies: !burst && g === 0 && n % shape.duplicateEvery === 0 ? shape.copies : 1,
      });
    }
    if (!burst && n % shape.overPerGrantEvery === 0) {
      grants.push({
        grantId: seededUuid(rng),
        agent,
        ticket: nextTicket(),
        amount: LOAD_TIER.perGrant + 1_000,
        kind: 'over-per-grant',
        copies: 1,
      });
    }
  });

  const policy: AuthorityPolicy = {
    currency: LOAD_CURRENCY,
    period: 'day',
    timeZone: 'UTC',
    tiers: [LOAD_TIER],
    agents: [],
    defaultTier: LOAD_TIER.name,
    presets: [],
    reasons: ['Goodwill'],
    approvers: [],
    undoSeconds: 0,
    reportBackDueHours: 24,
  };
  return { shape, team, gatewayUser, reps, burstRep, grants, policy, acceptedPerRep };
}

/** One request to send: a grant's copy. */
export interface Send {
  grant: PlannedGrant;
  copy: number;
}

/**
 * The order requests go out in: grants shuffled, but a grant's copies side by side and the
 * burst rep's grants together, so with 200 in flight they are at the gateway at the same time.
 */
export function sendOrder(plan: LoadPlan): Send[] {
  const rng = makeRng(hashSeed('gateway-load-order', plan.shape.seed));
  const burst = plan.grants.filter((g) => g.kind === 'burst');
  const units: PlannedGrant[][] = [burst, ...plan.grants.filter((g) => g.kind !== 'burst').map((g) => [g])];
  return shuffled(rng, units).flatMap((unit) =>
    unit.flatMap((grant) => Array.from({ length: grant.copies }, (_, copy) => ({ grant, copy }))),
  );
}
