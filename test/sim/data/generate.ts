import { between, hashSeed, makeRng, pick, type Rng } from '../rng';
import { ID_PLANS } from './ids';
import type {
  Helpdesk,
  Priority,
  SimAccount,
  SimCustomStatus,
  SimGroup,
  SimTicket,
  SimTicketField,
  SimUser,
} from './model';
import { TicketMap } from './tag-index';
import {
  CUSTOMER_LINES,
  FIRST_NAMES,
  HOSTILE_BODIES,
  HOSTILE_NAMES,
  HOSTILE_SUBJECTS,
  LAST_NAMES,
  SUBJECTS,
  TAGS,
} from './text';
import { generateThread } from './thread';

export type DataSize = 'tiny' | 'demo' | 'bench' | 'scale' | 'bulk';

export interface SizePlan {
  customers: number;
  tickets: number;
  /** Tickets of the sample customer (Maya), several of them archived. */
  sampleTickets: number;
  /** Tickets of the bulk requester (Bea Bulk), 0 for none. */
  bulkTickets: number;
}

const SIZES: Record<DataSize, SizePlan> = {
  tiny: { customers: 6, tickets: 30, sampleTickets: 10, bulkTickets: 0 },
  demo: { customers: 40, tickets: 400, sampleTickets: 14, bulkTickets: 0 },
  bench: { customers: 40, tickets: 400, sampleTickets: 14, bulkTickets: 5000 },
  scale: { customers: 10_000, tickets: 100_000, sampleTickets: 14, bulkTickets: 0 },
  /** One requester with 100,000 tickets beside a few ordinary ones: the history bench. */
  bulk: { customers: 6, tickets: 30, sampleTickets: 4, bulkTickets: 100_000 },
};

export const DEMO_ACCOUNTS: Record<Helpdesk, string> = {
  zendesk: 'acme.zendesk.com',
  freshdesk: 'acme.freshdesk.com',
};

const DAY = 86_400_000;
/** Zendesk archives tickets closed for 120 days; the simulator uses the same age for Freshdesk. */
export const ARCHIVE_AFTER_DAYS = 120;

/** The start of the current UTC day: data stays the same all day, and ages look real in the demo. */
export const defaultNow = (): number => Math.floor(Date.now() / DAY) * DAY;

const iso = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const GROUPS = [
  { name: 'Support', description: 'First line: every ticket starts here', escalation: false },
  { name: 'Tier 2', description: 'Escalation tier for technical problems', escalation: true },
  { name: 'Billing escalations', description: 'Refunds, double charges, invoices', escalation: true },
  { name: 'Tier 3 Engineering', description: 'Bugs that need a code fix', escalation: true },
] as const;

/** Agents and the groups they belong to (by name). The first two are the ones tests sign in as. */
const AGENTS = [
  { name: 'Ada Agent', email: 'ada@acme.test', role: 'agent', groups: ['Support'] },
  { name: 'Ben Backline', email: 'ben@acme.test', role: 'agent', groups: ['Tier 2', 'Billing escalations'] },
  { name: 'Cleo Admin', email: 'cleo@acme.test', role: 'admin', groups: ['Support'] },
  { name: 'Dmitri Ivanov', email: 'dmitri@acme.test', role: 'agent', groups: ['Support', 'Tier 2'] },
  { name: 'سارة أحمد', email: 'sara@acme.test', role: 'agent', groups: ['Support', 'Billing escalations'] },
  {
    name: 'Eve <img src=x onerror=alert(1)>',
    email: 'eve@acme.test',
    role: 'agent',
    groups: ['Tier 3 Engineering'],
  },
] as const;

export const SAMPLE_CUSTOMER_EMAIL = 'maya@customer.test';
export const BULK_CUSTOMER_EMAIL = 'bea.bulk@customer.test';

function ticketFields(helpdesk: Helpdesk): SimTicketField[] {
  const base = ID_PLANS[helpdesk].customFields;
  const reasons = ['damaged', 'late', 'double_charge', 'goodwill'].map((v) => ({
    value: v,
    label: v.replace('_', ' '),
  }));
  if (helpdesk === 'zendesk')
    return [
      { id: String(base), key: String(base), title: 'Credit amount', type: 'decimal', choices: [] },
      { id: String(base + 1), key: String(base + 1), title: 'Order number', type: 'text', choices: [] },
      {
        id: String(base + 2),
        key: String(base + 2),
        title: 'Refund reason',
        type: 'tagger',
        choices: reasons,
      },
    ];
  return [
    { id: String(base), key: 'cf_credit_amount', title: 'Credit amount', type: 'decimal', choices: [] },
    { id: String(base + 1), key: 'cf_order_number', title: 'Order number', type: 'text', choices: [] },
    {
      id: String(base + 2),
      key: 'cf_refund_reason',
      title: 'Refund reason',
      type: 'tagger',
      choices: reasons,
    },
  ];
}

function customStatuses(helpdesk: Helpdesk): SimCustomStatus[] {
  if (helpdesk === 'freshdesk')
    return [
      { id: '6', category: 'pending', agentLabel: 'Waiting on Customer' },
      { id: '7', category: 'pending', agentLabel: 'Waiting on Third Party' },
      { id: '8', category: 'open', agentLabel: 'Escalated to Engineering' },
      { id: '9', category: 'open', agentLabel: 'Awaiting Refund' },
    ];
  const base = ID_PLANS.zendesk.customStatuses;
  const list: [SimCustomStatus['category'], string][] = [
    ['new', 'New'],
    ['open', 'Open'],
    ['pending', 'Pending'],
    ['hold', 'On-hold'],
    ['solved', 'Solved'],
    ['open', 'Escalated to Tier 2'],
    ['pending', 'Waiting on customer'],
  ];
  return list.map(([category, agentLabel], i) => ({ id: String(base + i * 1024), category, agentLabel }));
}

interface TicketSpec {
  requester: SimUser;
  ageDays: number;
  hostile: boolean;
  longThread: boolean;
  pinned?: Partial<Pick<SimTicket, 'status' | 'groupId' | 'assigneeId'>>;
}

function zendeskStatus(rng: Rng, ageDays: number): string {
  if (ageDays > 150) return 'closed';
  if (ageDays > 25) return rng() < 0.7 ? 'closed' : 'solved';
  return pick(rng, ['new', 'open', 'open', 'open', 'pending', 'hold', 'solved']);
}

/** Freshdesk numbers, with custom statuses (≥ 6) standing in for some pending/on-hold/open tickets. */
function freshdeskStatus(rng: Rng, zendesk: string): string {
  const map: Record<string, string> = { new: '2', open: '2', pending: '3', solved: '4', closed: '5' };
  if (zendesk === 'hold') return pick(rng, ['6', '7', '8']);
  if (zendesk === 'open' && rng() < 0.25) return '9';
  return map[zendesk] ?? '2';
}

interface Staff {
  agents: SimUser[];
  groups: SimGroup[];
  support: SimGroup;
}

function makeTicket(rng: Rng, account: SimAccount, staff: Staff, spec: TicketSpec, now: number): SimTicket {
  const { agents, groups, support } = staff;
  const created = now - spec.ageDays * DAY - between(rng, 0, DAY / 1000 - 1) * 1000;
  const zStatus = zendeskStatus(rng, spec.ageDays);
  const status =
    spec.pinned?.status ?? (account.helpdesk === 'zendesk' ? zStatus : freshdeskStatus(rng, zStatus));
  const lifetime = Math.min(spec.ageDays * DAY, between(rng, 1, 240) * 3_600_000);
  const updated = Math.min(now - 60_000, created + lifetime);
  const escalated = rng() < 0.15;
  const group = escalated
    ? pick(
        rng,
        groups.filter((g) => g.escalation),
      )
    : support;
  const inGroup = agents.filter((a) => a.groupIds.includes(group.id));
  const assignee =
    status === 'new' || status === '2' ? (rng() < 0.5 ? null : pick(rng, inGroup)) : pick(rng, inGroup);
  const subject = spec.hostile
    ? pick(rng, HOSTILE_SUBJECTS)
    : pick(rng, SUBJECTS).replace('{n}', String(between(rng, 10000, 99999)));
  const description = spec.hostile && rng() < 0.6 ? pick(rng, HOSTILE_BODIES) : pick(rng, CUSTOMER_LINES);
  const tags: string[] = [...new Set([pick(rng, TAGS), ...(rng() < 0.4 ? [pick(rng, TAGS)] : [])])];
  if (spec.longThread) tags.push('long_thread');
  const fields = account.ticketFields;
  const closed = account.helpdesk === 'zendesk' ? status === 'closed' : status === '5';
  const statusCategory = account.helpdesk === 'zendesk' ? status : 'open';
  const customStatus =
    account.helpdesk === 'zendesk'
      ? (account.customStatuses.find(
          (s) => s.category === (statusCategory === 'closed' ? 'solved' : statusCategory),
        )?.id ?? null)
      : null;
  return {
    account: account.host,
    helpdesk: account.helpdesk,
    id: '',
    subject,
    description,
    status,
    priority: pick<Priority | null>(rng, [null, 'low', 'normal', 'normal', 'high', 'urgent']),
    type: pick(rng, [null, 'question', 'incident', 'problem', 'task'] as const),
    channel: pick(rng, ['email', 'email', 'web', 'api', 'chat'] as const),
    requesterId: spec.requester.id,
    submitterId: spec.requester.id,
    assigneeId:
      spec.pinned && 'assigneeId' in spec.pinned ? (spec.pinned.assigneeId ?? null) : (assignee?.id ?? null),
    groupId: spec.pinned && 'groupId' in spec.pinned ? (spec.pinned.groupId ?? null) : group.id,
    organizationId: spec.requester.organizationId,
    tags,
    customFields: {
      [(fields[0] as SimTicketField).key]: null,
      [(fields[1] as SimTicketField).key]: `ORD-${between(rng, 100000, 999999)}`,
      [(fields[2] as SimTicketField).key]:
        rng() < 0.3 ? pick(rng, ['damaged', 'late', 'double_charge']) : null,
    },
    customStatusId: customStatus,
    createdAt: iso(created),
    updatedAt: iso(updated),
    archived: closed && now - updated > ARCHIVE_AFTER_DAYS * DAY,
    thread: null,
    version: 1,
  };
}

function personName(rng: Rng, index: number): string {
  if (index % 9 === 4) return HOSTILE_NAMES[Math.floor(index / 9) % HOSTILE_NAMES.length] as string;
  return `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
}

function emptyAccount(host: string, helpdesk: Helpdesk, seed: number): SimAccount {
  return {
    host,
    helpdesk,
    name: 'Acme',
    apiToken: `zd${hashSeed(host, seed).toString(36)}token${seed}`,
    users: new Map(),
    groups: new Map(),
    organizations: new Map(),
    tickets: new TicketMap(),
    byRequester: new Map(),
    ticketFields: ticketFields(helpdesk),
    customStatuses: customStatuses(helpdesk),
    nextId: ID_PLANS[helpdesk].runtime,
    nextTicketId: 1,
    makeThread: generateThread,
  };
}

/** One demo account of a helpdesk, the same for the same seed, size and `now`; a plan gives any size (the team bench). */
export function generateAccount(
  helpdesk: Helpdesk,
  seed: number,
  size: DataSize | SizePlan,
  now: number,
): SimAccount {
  const host = DEMO_ACCOUNTS[helpdesk];
  const rng = makeRng(hashSeed(host, seed));
  const plan = typeof size === 'string' ? SIZES[size] : size;
  const ids = ID_PLANS[helpdesk];
  const account = emptyAccount(host, helpdesk, seed);
  const epoch = now - 900 * DAY;

  GROUPS.forEach((g, i) => {
    const id = String(ids.groups + i * 4099);
    account.groups.set(id, {
      id,
      name: g.name,
      description: g.description,
      createdAt: iso(epoch + i * DAY),
      updatedAt: iso(epoch + i * DAY),
      escalation: g.escalation,
      isDefault: i === 0,
    });
  });
  const groupId = (name: string): string =>
    [...account.groups.values()].find((g) => g.name === name)?.id as string;

  for (let i = 0; i < 3; i++) {
    const id = String(ids.organizations + i * 7907);
    const name = ['Globex Corporation', 'Initech', 'Umbrella Retail'][i] as string;
    account.organizations.set(id, { id, name, createdAt: iso(epoch), updatedAt: iso(epoch) });
  }
  const orgIds = [...account.organizations.keys()];

  AGENTS.forEach((a, i) => {
    const id = String(ids.users + i * 7919);
    account.users.set(id, {
      id,
      name: a.name,
      email: a.email,
      role: a.role,
      createdAt: iso(epoch + i * 3_600_000),
      updatedAt: iso(now - between(rng, 1, 30) * DAY),
      groupIds: a.groups.map(groupId),
      organizationId: null,
      phone: null,
      timeZone: 'Europe/Berlin',
      apiKey: helpdesk === 'freshdesk' ? `fdkey${hashSeed(a.email, seed).toString(36)}${i}` : null,
    });
  });

  const customers: SimUser[] = [];
  const customerCount = plan.customers + (plan.bulkTickets > 0 ? 1 : 0);
  for (let i = 0; i < customerCount; i++) {
    const id = String(ids.users + (AGENTS.length + i) * 7919);
    const sample = i === 0;
    const bulk = plan.bulkTickets > 0 && i === customerCount - 1;
    const name = sample ? 'Maya Müller' : bulk ? 'Bea Bulk' : personName(rng, i);
    const email = sample ? SAMPLE_CUSTOMER_EMAIL : bulk ? BULK_CUSTOMER_EMAIL : `customer${i}@customer.test`;
    const created = epoch + between(rng, 0, 200) * DAY;
    const user: SimUser = {
      id,
      name,
      email,
      role: 'end-user',
      createdAt: iso(created),
      updatedAt: iso(created + between(rng, 0, 300) * DAY),
      groupIds: [],
      organizationId: rng() < 0.5 ? pick(rng, orgIds) : null,
      phone: rng() < 0.3 ? `+49 30 ${between(rng, 1000000, 9999999)}` : null,
      timeZone: pick(rng, ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Asia/Riyadh']),
      apiKey: null,
    };
    account.users.set(id, user);
    customers.push(user);
  }

  const specs: TicketSpec[] = [];
  const maya = customers[0] as SimUser;
  const ada = [...account.users.values()].find((u) => u.email === 'ada@acme.test') as SimUser;
  const ben = [...account.users.values()].find((u) => u.email === 'ben@acme.test') as SimUser;
  const open = helpdesk === 'zendesk' ? 'open' : '2';
  for (let k = 0; k < plan.sampleTickets; k++) {
    // Maya's history: the oldest four are archived, one is a long thread, the newest is open and owned by Ada.
    const newest = k === plan.sampleTickets - 1;
    const ageDays = newest ? 1 : k < 4 ? 400 - k * 40 : Math.max(2, 100 - k * 8);
    specs.push({
      requester: maya,
      ageDays,
      hostile: k === 5,
      longThread: k === 6,
      pinned: newest
        ? { status: open, groupId: groupId('Support'), assigneeId: ada.id }
        : k === plan.sampleTickets - 2
          ? { status: open, groupId: groupId('Tier 2'), assigneeId: ben.id }
          : k < 4
            ? { status: helpdesk === 'zendesk' ? 'closed' : '5' }
            : undefined,
    });
  }
  const others = customers.slice(1, plan.bulkTickets > 0 ? -1 : undefined);
  for (let k = specs.length; k < plan.tickets; k++) {
    const requester = others[Math.floor(rng() ** 2 * others.length)] as SimUser;
    const ageDays = Math.floor(rng() ** 1.5 * 720);
    specs.push({ requester, ageDays, hostile: rng() < 0.08, longThread: rng() < 0.01 });
  }
  const bulk = customers[customers.length - 1] as SimUser;
  for (let k = 0; k < plan.bulkTickets; k++)
    specs.push({
      requester: bulk,
      ageDays: Math.floor((k * 1100) / plan.bulkTickets),
      hostile: false,
      longThread: false,
    });

  const groups = [...account.groups.values()];
  const staff: Staff = {
    agents: [...account.users.values()].filter((u) => u.role !== 'end-user'),
    groups,
    support: groups.find((g) => g.isDefault) as SimGroup,
  };
  const tickets = specs.map((spec) => makeTicket(rng, account, staff, spec, now));
  tickets.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  for (const ticket of tickets) {
    ticket.id = String(account.nextTicketId++);
    account.tickets.set(ticket.id, ticket);
    const list = account.byRequester.get(ticket.requesterId) ?? [];
    list.push(ticket);
    account.byRequester.set(ticket.requesterId, list);
  }
  return account;
}
