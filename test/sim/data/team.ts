import { encodeIndex, type IndexedGrant, LEDGER_FIELD_LABEL } from '../../../lib/domain/grant-index';
import type { CreditMarker } from '../../../lib/domain/markers';
import { creditNoteText } from '../../../lib/domain/note-text';
import { agentCreditTag, CREDIT_TAG } from '../../../lib/domain/tags';
import { between, hashSeed, makeRng, pick, type Rng } from '../rng';
import { generateAccount } from './generate';
import { ID_PLANS } from './ids';
import { setLedgerField } from './ledger-field';
import type { Helpdesk, SimAccount, SimComment, SimThread, SimTicket, SimUser } from './model';
import { commentHtml } from './thread';

/** The shape of a team account: who works there and what they granted before the bench's day. */
export interface TeamShape {
  agents: number;
  tickets: number;
  /** Grants already recorded this week, spread from `weekStart` to `now`. */
  grants: number;
  /** Distinct tickets those grants sit on. */
  grantTickets: number;
  /**
   * Of `grants`, how many the first agent (Ada) made, on the first tickets drawn: the same
   * number whatever the team's size, so one rep's ledger cost can be compared across teams.
   * The other grants are by the rest of the team. Absent: Ada is drawn like everyone else.
   */
  ownGrants?: number;
  weekStart: number;
  now: number;
  seed: number;
  /** The admin set up the "Frontline ledger" field (data/ledger-field.ts): each grant ticket carries its index. */
  ledgerField?: boolean;
}

/** One grant the generator wrote: what its note's marker says, where, when. */
export interface TeamGrant {
  id: string;
  ticketId: string;
  agentId: string;
  customerId: string;
  amount: number;
  at: string;
}

export interface TeamAccount {
  account: SimAccount;
  /** The team's agents, the six named demo agents first. */
  agents: SimUser[];
  grants: TeamGrant[];
  /** Whether the account had the "Frontline ledger" field, so each grant ticket carries its index. */
  ledgerField: boolean;
  ms: number;
}

export const TEAM_CURRENCY = 'USD';
const REASONS = ['Late delivery', 'Damaged item', 'Service outage', 'Goodwill', 'Double charge'];
const TEAM_GROUPS = 4;

const hex = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');

/** A version-4 UUID from the seeded generator: the same account gives the same grant ids. */
export const seededUuid = (rng: Rng): string =>
  `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${pick(rng, ['8', '9', 'a', 'b'])}${hex(rng, 3)}-${hex(rng, 12)}`;

const iso = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Agents beyond the demo six, in the account's groups round-robin (a third also in Support), up to `count`. */
function addAgents(account: SimAccount, count: number, seed: number): SimUser[] {
  const groups = [...account.groups.values()];
  const support = groups.find((g) => g.isDefault) ?? groups[0];
  const base = ID_PLANS[account.helpdesk].users;
  // Past every id the generator gave (it steps users by 7919 from the base).
  let slot = account.users.size + 1;
  const agents = [...account.users.values()].filter((u) => u.role !== 'end-user');
  for (let n = agents.length; n < count; n++) {
    const id = String(base + slot++ * 7919);
    const group = groups[n % Math.min(TEAM_GROUPS, groups.length)];
    const groupIds = [...new Set([group?.id, n % 3 === 0 ? support?.id : undefined])].filter(
      (g): g is string => g !== undefined,
    );
    const email = `rep${n}@acme.test`;
    const user: SimUser = {
      id,
      name: `Rep ${String(n).padStart(3, '0')}`,
      email,
      role: 'agent',
      createdAt: '2024-01-01T00:00:00Z',
      updatedAt: '2024-01-01T00:00:00Z',
      groupIds,
      organizationId: null,
      phone: null,
      timeZone: 'UTC',
      apiKey: account.helpdesk === 'freshdesk' ? `fdkey${hashSeed(email, seed).toString(36)}r${n}` : null,
    };
    account.users.set(id, user);
    agents.push(user);
  }
  return agents;
}

/** Tickets a grant may sit on: not closed or archived (searchable and writable all day), older than the week. */
const grantable = (account: SimAccount, before: number): SimTicket[] => {
  const closed = account.helpdesk === 'zendesk' ? 'closed' : '5';
  return [...account.tickets.values()].filter(
    (t) => !t.archived && t.status !== closed && Date.parse(t.createdAt) < before,
  );
};

/**
 * Grants of the week before the bench's day: `grantTickets` tickets drawn from the open
 * ones, each with at least one grant, the rest spread at random; every grant by a random
 * agent of the team, for the ticket's requester, at a random instant of the week so far.
 */
function weekOfGrants(rng: Rng, tickets: SimTicket[], agents: SimUser[], shape: TeamShape): TeamGrant[] {
  const chosen: SimTicket[] = [];
  const pool = [...tickets];
  for (let i = 0; i < Math.min(shape.grantTickets, pool.length); i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as SimTicket, pool[i] as SimTicket];
    chosen.push(pool[i] as SimTicket);
  }
  const span = Math.max(1, shape.now - shape.weekStart - 60_000);
  return Array.from({ length: chosen.length === 0 ? 0 : shape.grants }, (_, g) => {
    const own = shape.ownGrants !== undefined && g < shape.ownGrants;
    const ticket = g < chosen.length ? (chosen[g] as SimTicket) : pick(rng, chosen);
    const agent = own
      ? (agents[0] as SimUser)
      : shape.ownGrants === undefined
        ? pick(rng, agents)
        : (agents[1 + Math.floor(rng() * (agents.length - 1))] as SimUser);
    return {
      id: seededUuid(rng),
      ticketId: ticket.id,
      agentId: agent.id,
      customerId: ticket.requesterId,
      amount: between(rng, 1, 25) * 100,
      at: iso(shape.weekStart + Math.floor(rng() * span)),
    };
  });
}

const markerOf = (grant: TeamGrant, reason: string): CreditMarker => ({
  kind: 'credit',
  id: grant.id,
  amount: grant.amount,
  currency: TEAM_CURRENCY,
  agent: grant.agentId,
  customer: grant.customerId,
  reason,
});

export const indexedOf = (grant: TeamGrant): IndexedGrant => ({
  id: grant.id,
  agentId: grant.agentId,
  customerId: grant.customerId,
  amount: grant.amount,
  currency: TEAM_CURRENCY,
  at: grant.at,
});

/**
 * A generated ticket's thread with its grants' private notes after it, each written by the
 * agent its marker names (so lib/domain/marker-trust.ts counts it), in time order. Made on
 * first read like every generated thread, so 6,000 grant tickets cost nothing until read.
 */
function threadWithGrants(
  base: (ticket: SimTicket, account: SimAccount) => SimThread,
  byTicket: Map<string, TeamGrant[]>,
  names: Map<string, string>,
) {
  return (ticket: SimTicket, account: SimAccount): SimThread => {
    const thread = base(ticket, account);
    const rng = makeRng(hashSeed(`${account.host}#grants#${ticket.id}`));
    for (const grant of byTicket.get(ticket.id) ?? []) {
      account.nextId += 2;
      const commentId = String(account.nextId);
      const auditId = String(account.nextId + 1);
      account.nextId += 2;
      const body = creditNoteText(markerOf(grant, pick(rng, REASONS)), names.get(grant.agentId) ?? '');
      const comment: SimComment = {
        id: commentId,
        authorId: grant.agentId,
        body,
        html: commentHtml(account.helpdesk, body, false),
        public: false,
        incoming: false,
        createdAt: grant.at,
        auditId,
      };
      thread.comments.push(comment);
      thread.audits.push({
        id: auditId,
        createdAt: grant.at,
        authorId: grant.agentId,
        channel: 'web',
        commentId,
        changes: [],
      });
    }
    return thread;
  };
}

/**
 * A team account for the load model (test/bench/team): the generated account of `tickets`
 * tickets (a tenth as many customers), `agents` agents in groups, and a week of grants:
 * each a private note with its credit marker by the agent it names, the ticket tagged
 * `frontline_credit` and `fl_credit_{agent}`, and, where the account has the "Frontline
 * ledger" field (`ledgerField`), the field holding the ticket's index (lib/domain/grant-index.ts).
 */
export function generateTeamAccount(helpdesk: Helpdesk, shape: TeamShape): TeamAccount {
  const started = performance.now();
  const account = generateAccount(
    helpdesk,
    shape.seed,
    {
      customers: Math.max(10, Math.floor(shape.tickets / 10)),
      tickets: shape.tickets,
      sampleTickets: 14,
      bulkTickets: 0,
    },
    Math.floor(shape.now / 86_400_000) * 86_400_000,
  );
  const rng = makeRng(hashSeed(`${account.host}#team`, shape.seed));
  const agents = addAgents(account, shape.agents, shape.seed);
  const grants = weekOfGrants(rng, grantable(account, shape.weekStart), agents, shape);
  const byTicket = new Map<string, TeamGrant[]>();
  for (const grant of [...grants].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)))
    byTicket.set(grant.ticketId, [...(byTicket.get(grant.ticketId) ?? []), grant]);
  if (shape.ledgerField) setLedgerField(account, true);
  const field = account.ticketFields.find((f) => f.title === LEDGER_FIELD_LABEL);
  for (const [ticketId, list] of byTicket) {
    const ticket = account.tickets.get(ticketId) as SimTicket;
    const tags = new Set([...ticket.tags, CREDIT_TAG, ...list.map((g) => agentCreditTag(g.agentId))]);
    ticket.tags = [...tags];
    const last = list[list.length - 1]?.at ?? ticket.updatedAt;
    if (last > ticket.updatedAt) ticket.updatedAt = last;
    if (field) ticket.customFields[field.key] = encodeIndex(list.map(indexedOf));
  }
  const base = account.makeThread;
  if (base) {
    const names = new Map(agents.map((a) => [a.id, a.name]));
    account.makeThread = threadWithGrants(base, byTicket, names);
  }
  return { account, agents, grants, ledgerField: field !== undefined, ms: performance.now() - started };
}
