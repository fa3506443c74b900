import type { Page } from '@playwright/test';
import { periodBounds } from '../../lib/credit/period';
import { encodeIndex, LEDGER_FIELD_LABEL } from '../../lib/domain/grant-index';
import { findMarker } from '../../lib/domain/markers';
import { agentCreditTag } from '../../lib/domain/tags';
import type { SimTicket, SimTicketField } from '../sim/data/model';
import { type Simulator, startSimulator } from '../sim/server';
import { seedGrant } from '../sim/testing/grants';
import { grant, remaining, settledRemaining, UNBOUND_POLICY } from './credit-steps';
import {
  expect,
  expectSubject,
  launchProfile,
  openTicket,
  type Profile,
  setExtensionStorage,
  sidebarFrame,
  test as withSimulator,
} from './fixtures';

/** This file's own simulator, started with the "Frontline ledger" field on every account. */
const test = withSimulator.extend<object, { sim: Simulator }>({
  sim: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const sim = await startSimulator({ seed: 1, size: 'demo', ledgerField: true });
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
});

/**
 * Issue 17 end to end: the team index ("Frontline ledger" field plus per-agent tags)
 * written by a rep's grant, read by another profile's meter and by the manager's review,
 * and the review's answer when a ticket's index is missing or damaged.
 */

const HOSTS = { zendesk: 'acme.zendesk.com', freshdesk: 'acme.freshdesk.com' } as const;
type Helpdesk = keyof typeof HOSTS;
const ZONE = UNBOUND_POLICY.timeZone;
/** Ben approves; the review reads through his session. */
const POLICY = { ...UNBOUND_POLICY, approvers: ['ben@acme.test'] };
const LIVE = { zendesk: ['new', 'open', 'pending'], freshdesk: ['2', '3'] } as const;

/** The account's ledger field, as an admin set it up once. */
function ledgerField(sim: Simulator, helpdesk: Helpdesk): SimTicketField {
  const field = sim.data
    .account(HOSTS[helpdesk])
    .ticketFields.find((f) => f.title === LEDGER_FIELD_LABEL || f.key === 'cf_frontline_ledger');
  if (field === undefined)
    throw new Error(`the simulator's ${helpdesk} account has no "${LEDGER_FIELD_LABEL}" field`);
  return field;
}
const ledgerOf = (sim: Simulator, helpdesk: Helpdesk, ticket: SimTicket) =>
  ticket.customFields[ledgerField(sim, helpdesk).key] ?? null;
const setLedger = (sim: Simulator, helpdesk: Helpdesk, ticket: SimTicket, text: string | null) => {
  ticket.customFields[ledgerField(sim, helpdesk).key] = text;
  ticket.updatedAt = new Date().toISOString();
  ticket.version += 1;
};

/** Live tickets of this file's simulator, none of them credited yet; each test takes its own `skip`. */
function quietTickets(sim: Simulator, helpdesk: Helpdesk, count: number, skip: number): SimTicket[] {
  const sample = sim.data.sampleTicket(helpdesk);
  const live: readonly string[] = LIVE[helpdesk];
  return [...sim.data.account(HOSTS[helpdesk]).tickets.values()]
    .filter(
      (t) =>
        !t.archived &&
        live.includes(t.status) &&
        t.id !== sample.id &&
        t.requesterId !== sample.requesterId &&
        !t.tags.some((tag) => tag.startsWith('frontline_')),
    )
    .slice(skip, skip + count);
}

async function setUp(profile: Profile, sim: Simulator, helpdesk: Helpdesk, email: string) {
  const credentials =
    helpdesk === 'freshdesk'
      ? {
          credentials: {
            [HOSTS.freshdesk]: { helpdesk, apiKey: sim.data.userByEmail(HOSTS.freshdesk, email)!.apiKey! },
          },
        }
      : {};
  await setExtensionStorage(profile, { policy: POLICY, ...credentials });
}

/**
 * A grant as Frontline records it with the index on: its note (the truth), the
 * `frontline_credit` and agent's tags, and its line in the ledger field.
 */
function indexedGrant(sim: Simulator, helpdesk: Helpdesk, ticket: SimTicket, email: string, amount: number) {
  const agent = sim.data.userByEmail(ticket.account, email)!;
  const id = seedGrant(sim, { ticket, agent, amount, reason: 'Late delivery' });
  const tag = agentCreditTag(agent.id);
  if (!ticket.tags.includes(tag)) ticket.tags.push(tag);
  const before = ledgerOf(sim, helpdesk, ticket);
  const lines = typeof before === 'string' && before !== '' ? `${before}\n` : '';
  const line = encodeIndex([
    {
      id,
      agentId: agent.id,
      customerId: ticket.requesterId,
      amount,
      currency: 'USD',
      at: new Date().toISOString(),
    },
  ]);
  setLedger(sim, helpdesk, ticket, `${lines}${line}`);
  return id;
}

/** Every grant the simulator's notes hold this week, per agent id: what the review must count. */
function noteTotals(sim: Simulator, host: string): Map<string, number> {
  const { start, end } = periodBounds(Date.now(), 'week', ZONE);
  const seen = new Set<string>();
  const totals = new Map<string, number>();
  for (const ticket of sim.data.account(host).tickets.values()) {
    if (!ticket.tags.includes('frontline_credit')) continue;
    for (const comment of sim.data.comments(host, ticket.id)) {
      const marker = findMarker(comment.body, !comment.public);
      const at = Date.parse(comment.createdAt);
      if (marker?.kind !== 'credit' || seen.has(marker.id) || at < start || at >= end) continue;
      if (comment.authorId !== marker.agent || marker.customer !== ticket.requesterId) continue;
      seen.add(marker.id);
      totals.set(marker.agent, (totals.get(marker.agent) ?? 0) + marker.amount);
    }
  }
  return totals;
}

/** The manager's profile: a helpdesk tab as Ben on `tab` (the session the review reads with), then the review. */
async function openReview(profile: Profile, sim: Simulator, tab: SimTicket): Promise<Page> {
  const session = await profile.context.newPage();
  await session.goto(`${sim.data.ticketUrl(tab)}?as=ben@acme.test`);
  await expectSubject(await sidebarFrame(session), tab.subject);
  const page = await profile.context.newPage();
  await page.goto(`chrome-extension://${profile.extensionId}/review.html`);
  await expect(page.getByTestId('review-status')).toContainText('grants from', { timeout: 60_000 });
  return page;
}

const agentLine = (page: Page, host: string, agentId: string) =>
  page.locator(`[data-testid="review-agent"][data-agent-key="${host}:${agentId}"]`);

/** Thread reads of one ticket (Zendesk audits or comments, Freshdesk conversations) in the simulator's log since its reset. */
const threadReads = (sim: Simulator, host: string, ticketId: string) =>
  sim.control
    .log()
    .entries.filter(
      (e) =>
        e.client === 'api' &&
        e.host === host &&
        e.method === 'GET' &&
        new RegExp(`/tickets/${ticketId}/(audits|comments|conversations)`).test(e.path),
    );

for (const helpdesk of ['zendesk', 'freshdesk'] as const) {
  const host = HOSTS[helpdesk];

  test(`${helpdesk}: a grant made in one profile shows in another profile’s meter for the same rep and in the review, from the team index`, async ({
    profile,
    sim,
  }) => {
    test.setTimeout(180_000);
    const [granted, other, reviewTab] = quietTickets(sim, helpdesk, 3, 0) as [
      SimTicket,
      SimTicket,
      SimTicket,
    ];
    await setUp(profile, sim, helpdesk, 'ada@acme.test');
    const first = await openTicket(profile, sim.data.ticketUrl(granted), granted.subject);
    const id = await grant(first.frame, 0);
    await expect(first.frame.locator(`[data-testid="grant-status"][data-grant-id="${id}"]`)).toHaveAttribute(
      'data-state',
      'recorded',
      { timeout: 30_000 },
    );
    // The grant went into the team index beside its note: Ada's tag and a line in the field.
    const ada = sim.data.userByEmail(host, 'ada@acme.test')!.id;
    await expect.poll(() => granted.tags.includes(agentCreditTag(ada)), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() => String(ledgerOf(sim, helpdesk, granted) ?? ''), { timeout: 20_000 })
      .toContain(id);
    const after = await settledRemaining(first.frame);
    // Ada's own tab would read its ticket again as the sidebar refreshes: only the review's reads are counted below.
    await first.page.close();

    const second = await launchProfile(sim);
    try {
      await setUp(second, sim, helpdesk, 'ada@acme.test');
      const page = await second.context.newPage();
      await page.goto(sim.data.ticketUrl(other));
      const frame = await sidebarFrame(page);
      await expectSubject(frame, other.subject);
      await expect.poll(() => remaining(frame), { timeout: 60_000 }).toBe(after);
    } finally {
      await second.close();
    }

    const manager = await launchProfile(sim);
    try {
      await setUp(manager, sim, helpdesk, 'ben@acme.test');
      sim.control.resetLog();
      const page = await openReview(manager, sim, reviewTab);
      await expect(page.locator(`[data-testid="review-row"][data-grant="${id}"]`)).toHaveCount(1);
      await expect(agentLine(page, host, ada)).toHaveAttribute(
        'data-total',
        String(noteTotals(sim, host).get(ada)),
      );
      // Taken from the index: the review read no note of that ticket.
      expect(threadReads(sim, host, granted.id)).toEqual([]);
    } finally {
      await manager.close();
    }
  });

  test(`${helpdesk}: with the team index missing or damaged on a ticket, the review names that ticket and still counts its notes`, async ({
    profile,
    sim,
  }) => {
    test.setTimeout(120_000);
    const [intact, emptied, damaged, reviewTab] = quietTickets(sim, helpdesk, 4, 3) as [
      SimTicket,
      SimTicket,
      SimTicket,
      SimTicket,
    ];
    indexedGrant(sim, helpdesk, intact, 'ada@acme.test', 400);
    const lost = indexedGrant(sim, helpdesk, emptied, 'ada@acme.test', 600);
    indexedGrant(sim, helpdesk, damaged, 'dmitri@acme.test', 800);
    // A rep empties one ticket's field; hostile text replaces another's.
    setLedger(sim, helpdesk, emptied, null);
    setLedger(
      sim,
      helpdesk,
      damaged,
      '<img src=x onerror="alert(1)">\ng1 not-a-grant 1 2 999999999 USD yesterday',
    );
    const totals = noteTotals(sim, host);

    await setUp(profile, sim, helpdesk, 'ben@acme.test');
    sim.control.resetLog();
    const page = await openReview(profile, sim, reviewTab);
    const named = page.getByTestId('index-disagreement');
    const emptiedItem = named.and(page.locator(`[data-ticket="${emptied.id}"]`));
    const damagedItem = named.and(page.locator(`[data-ticket="${damaged.id}"]`));
    await expect(emptiedItem).toHaveAttribute('data-whys', 'not-in-index');
    await expect(damagedItem).toHaveAttribute('data-whys', /damaged/);
    // Named in words and linked, not by colour alone.
    await expect(emptiedItem).toContainText(`#${emptied.id}`);
    await expect(damagedItem).toContainText('does not parse');
    await expect(emptiedItem.locator('a')).toHaveAttribute('href', sim.data.ticketUrl(emptied));
    await expect(named.and(page.locator(`[data-ticket="${intact.id}"]`))).toHaveCount(0);
    // Their notes still count: every agent's total is what the notes hold.
    await expect(page.locator(`[data-testid="review-row"][data-grant="${lost}"]`)).toHaveCount(1);
    for (const email of ['ada@acme.test', 'dmitri@acme.test']) {
      const agentId = sim.data.userByEmail(host, email)!.id;
      await expect(agentLine(page, host, agentId)).toHaveAttribute('data-total', String(totals.get(agentId)));
    }
    // Only the two whose index could not be taken had their notes read.
    expect(threadReads(sim, host, intact.id)).toEqual([]);
    expect(threadReads(sim, host, emptied.id).length).toBeGreaterThan(0);
    expect(threadReads(sim, host, damaged.id).length).toBeGreaterThan(0);
  });
}
