import { createHistoryRows, type HistoryCopy } from '../../../lib/domain/history-rows';
import type { Agent, Case, Customer, Entry } from '../../../lib/domain/model';
import type { EntriesView, HistoryItem, SidebarSnapshot } from '../../../lib/domain/snapshot';
import { refKey, type TicketRef } from '../../../lib/domain/ticket-ref';

/**
 * A realistic sidebar snapshot for unit tests and a visual check, laced with
 * the payloads helpdesk text can carry. Every one of them must show literally.
 */

export const HOSTILE = {
  script: '<script>alert("subject")</script>',
  img: '<img src=x onerror="alert(1)">',
  name: 'Zoë <b onmouseover=alert(2)>Ortega</b>',
  link: 'javascript:alert(3)',
} as const;

const ACCOUNT = 'acme.zendesk.com';
const NOW = Date.parse('2026-03-10T12:00:00Z');
export const FIXTURE_NOW = NOW;

const ref = (id: string): TicketRef => ({ helpdesk: 'zendesk', account: ACCOUNT, id });

const agent = (id: string, name: string): Agent => ({
  helpdesk: 'zendesk',
  account: ACCOUNT,
  id,
  name,
  email: `${name.split(' ')[0]?.toLowerCase()}@acme.test`,
});

export const ANA = agent('9001', 'Ana Lee');
export const BO = agent('9002', 'Bo Park');

export const CUSTOMER: Customer = {
  helpdesk: 'zendesk',
  account: ACCOUNT,
  id: '4200000000001',
  name: HOSTILE.name,
  email: 'zoe@example.com',
  organization: HOSTILE.img,
};

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const STATUSES: Case['status'][] = [
  'solved',
  'closed',
  'open',
  'pending',
  'solved',
  'closed',
  'on-hold',
  'new',
];
const CHANNELS = ['email', 'web', 'chat', 'api'];

export const makeCase = (id: string, i: number, subject: string): Case => ({
  ref: ref(id),
  subject,
  status: STATUSES[i % STATUSES.length] ?? 'open',
  rawStatus: STATUSES[i % STATUSES.length] ?? 'open',
  priority: i % 3 === 0 ? 'high' : null,
  channel: CHANNELS[i % CHANNELS.length] ?? null,
  createdAt: iso(NOW - (i + 1) * 3 * DAY),
  updatedAt: iso(NOW - (i + 1) * 3 * DAY + 5 * HOUR),
  requesterId: CUSTOMER.id,
  assigneeId: i % 4 === 0 ? null : ANA.id,
  groupId: '77',
  tags: [],
  archived: i > 40,
});

export const CURRENT_ID = '5000000001';

export const CURRENT_CASE: Case = {
  ...makeCase(CURRENT_ID, 0, `Refund not received ${HOSTILE.script}`),
  status: 'open',
  rawStatus: 'open',
  createdAt: iso(NOW - 2 * HOUR),
  updatedAt: iso(NOW - 30 * 60_000),
};

/** `count` earlier tickets plus the current one (first, newest), as the background sends them. */
export const makeHistory = (count: number): HistoryItem[] => [
  { case: CURRENT_CASE, assigneeName: ANA.name, creditTotal: 0, escalated: true, current: true },
  ...Array.from({ length: count }, (_, i) => ({
    case: makeCase(
      String(4_000_000_000 + count - i),
      i,
      i === 1 ? HOSTILE.img : `Order #${1000 + i} arrived late`,
    ),
    assigneeName: i % 4 === 0 ? null : ANA.name,
    creditTotal: i % 5 === 0 ? 1250 : 0,
    escalated: i % 7 === 0,
    current: false,
  })),
];

const HISTORY = makeHistory(24);
export const FIXTURE_FEED = 'fixture-feed';

/** What the sidebar holds once the background sent these rows as one delta. */
export const heldHistory = (items: readonly HistoryItem[], version = items.length): HistoryCopy => {
  const rows = createHistoryRows();
  rows.apply(
    items.map(({ current: _current, ...row }) => row),
    CURRENT_ID,
  );
  return { ticket: refKey(ref(CURRENT_ID)), feed: FIXTURE_FEED, version, rows };
};

/** A snapshot's history summary for these rows, all of them sent. */
export const historySummary = (items: readonly HistoryItem[], total: number | null, complete: boolean) => ({
  loaded: items.length,
  total,
  complete,
  feed: FIXTURE_FEED,
  version: items.length,
});

export const sampleHistory = (): HistoryCopy => heldHistory(HISTORY);

export const sampleSnapshot = (overrides: Partial<SidebarSnapshot> = {}): SidebarSnapshot => ({
  ticket: ref(CURRENT_ID),
  me: ANA,
  signedOut: false,
  offline: false,
  casework: null,
  pin: null,
  case: { data: CURRENT_CASE, refreshing: false, error: null, updatedAt: NOW - 12_000 },
  customer: {
    data: {
      customer: CUSTOMER,
      totalTickets: 25,
      openTickets: 3,
      credits: [
        {
          grantId: 'g-1',
          ticketId: '4000000024',
          amount: 2500,
          currency: 'USD',
          agentName: ANA.name,
          at: iso(NOW - 5 * DAY),
        },
        {
          grantId: 'g-2',
          ticketId: '4000000019',
          amount: 1000,
          currency: 'USD',
          agentName: HOSTILE.script,
          at: iso(NOW - 40 * DAY),
        },
      ],
    },
    refreshing: true,
    error: null,
    updatedAt: NOW - 12_000,
  },
  owner: {
    data: { owner: ANA, source: 'marker', assignee: BO, groupName: 'Billing <Tier 2>' },
    refreshing: false,
    error: null,
    updatedAt: NOW - 12_000,
  },
  escalation: {
    data: {
      state: 'overdue',
      holder: 'Billing <Tier 2>',
      since: iso(NOW - 50 * HOUR),
      dueAt: iso(NOW - 2 * HOUR),
      reportedAt: null,
    },
    refreshing: false,
    error: null,
    updatedAt: NOW - 12_000,
  },
  history: {
    data: historySummary(HISTORY, 1240, false),
    refreshing: true,
    error: null,
    updatedAt: NOW - 12_000,
  },
  // Shown by the credit panel, not by this view; present because the contract requires it.
  credit: { data: null, refreshing: true, error: null, updatedAt: null },
  ...overrides,
});

const entry = (ticketId: string, id: string, over: Partial<Entry>): Entry => ({
  ticket: ref(ticketId),
  id,
  authorId: CUSTOMER.id,
  public: true,
  fromCustomer: true,
  text: '',
  createdAt: iso(NOW - 3 * DAY),
  ...over,
});

export const sampleEntries = (ticketId: string): EntriesView => ({
  ticket: ref(ticketId),
  authors: { [CUSTOMER.id]: CUSTOMER.name, [ANA.id]: ANA.name },
  entries: [
    entry(ticketId, '1', {
      text: `My parcel never came. Tracking: https://track.example.com/p?id=42. ${HOSTILE.img} ${HOSTILE.link}`,
    }),
    entry(ticketId, '2', {
      authorId: ANA.id,
      fromCustomer: false,
      public: false,
      text: `Checked with the carrier; lost in transit.\n${'Long internal notes. '.repeat(60)}`,
      createdAt: iso(NOW - 3 * DAY + HOUR),
    }),
    entry(ticketId, '3', {
      authorId: ANA.id,
      fromCustomer: false,
      text: 'Sorry about that! A replacement is on its way (see www.acme.test/orders).',
      createdAt: iso(NOW - 3 * DAY + 2 * HOUR),
    }),
  ],
});
