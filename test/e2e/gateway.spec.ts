import type { Frame } from '@playwright/test';
import { creditNoteText } from '../../lib/domain/note-text';
import { GatewayAuthority } from '../../lib/gateway/protocol';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import { grant, grantRow, settledRemaining } from './credit-steps';
import { expect, openTicket, type Profile } from './fixtures';
import {
  GATEWAY_URL,
  GATEWAY_USER,
  type GatewayWorld,
  gatewayTickets,
  postPrivateNote,
  reviewOf,
  submitGrant,
  test,
  writeCreditNote,
  ZENDESK,
} from './gateway-fixtures';

/**
 * Issue 19 end to end: the production build in Chromium, its policy naming only the credit
 * gateway; the gateway (in-memory Postgres) reads the helpdesk simulator with its own user and
 * credits through the Stripe simulator. What the gateway does is checked where it shows: at
 * Stripe, on the ticket, in the sidebar and in the manager's review.
 */

const DAY_MS = 86_400_000;

/** Stripe balance transactions made for one grant (the executor puts the grant id in the metadata). */
const stripeFor = (world: GatewayWorld, grantId: string) =>
  world.stripe.control.balanceTransactions().filter((t) => t.metadata?.frontline_grant_id === grantId);

/** Private notes the gateway's own user wrote on the ticket. */
const gatewayNotes = (sim: Simulator, ticket: SimTicket) => {
  const cleo = sim.data.userByEmail(ZENDESK, GATEWAY_USER);
  return sim.data.comments(ZENDESK, ticket.id).filter((c) => !c.public && c.authorId === cleo?.id);
};

/** Another live ticket of the same requester: where "another device" of the rep grants. */
const otherTicketOf = (sim: Simulator, ticket: SimTicket): SimTicket | undefined =>
  sim.data
    .requesterTickets(ZENDESK, ticket.requesterId)
    .find((t) => t.id !== ticket.id && !t.archived && t.status !== 'closed');

async function openGatewayTicket(profile: Profile, sim: Simulator, ticket: SimTicket): Promise<Frame> {
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  await expect(frame.getByTestId('authority-meter')).toBeVisible({ timeout: 15_000 });
  return frame;
}

test('a rep grants within limits: one Stripe credit, its reference on the ticket by the gateway, the sidebar says credited', async ({
  profile,
  sim,
  world,
}) => {
  const [ticket] = gatewayTickets(sim, world);
  if (!ticket) throw new Error('no ticket for the gateway specs');
  const frame = await openGatewayTicket(profile, sim, ticket);
  const before = world.stripe.control.balanceTransactions().length;
  const id = await grant(frame, 2);
  await expect(grantRow(frame, id)).toContainText(/Credited \(cbtxn_\w+\)/, { timeout: 30_000 });

  const [credit, ...more] = stripeFor(world, id);
  expect(more).toEqual([]);
  expect(credit).toMatchObject({ amount: -2500, currency: 'usd' });
  expect(world.stripe.control.balanceTransactions()).toHaveLength(before + 1);
  const notes = gatewayNotes(sim, ticket).filter((c) => c.body.includes(id));
  expect(notes).toHaveLength(1);
  expect(notes[0]?.body).toContain(credit?.id);
  await expect(grantRow(frame, id)).toContainText(credit?.id ?? 'cbtxn_');

  // CORS is needed, not decoration: the extension holds no host permission for the gateway,
  // so its worker cannot read an answer that does not allow it (/health sends no CORS headers).
  const worker = await profile.serviceWorker();
  const read = (url: string) =>
    worker.evaluate(async (target) => {
      try {
        return (await fetch(target, { credentials: 'omit' })).status;
      } catch {
        return 'blocked';
      }
    }, url);
  expect(await read(`${GATEWAY_URL}/health`)).toBe('blocked');
  expect(await read(`${GATEWAY_URL}/v1/accounts/${ZENDESK}/policy`)).toBe(200);
});

test('a grant past the limit the gateway counted is refused: nothing at Stripe, the gateway’s reason in the sidebar and on the ticket', async ({
  profile,
  sim,
  world,
}) => {
  // The first four customers are the other tests'; this one's budget is untouched.
  const ticket = gatewayTickets(sim, world)
    .slice(4)
    .find((t) => otherTicketOf(sim, t) !== undefined);
  const elsewhere = ticket && otherTicketOf(sim, ticket);
  if (!ticket || !elsewhere) throw new Error('no requester with two live tickets');
  const frame = await openGatewayTicket(profile, sim, ticket);
  // The sidebar read its meter when the ticket opened: the customer's whole $50 was free.
  expect(await settledRemaining(frame)).toBeGreaterThanOrEqual(2500);

  // Meanwhile the rep's other device grants $50 to the same customer on another ticket.
  for (const amount of [2500, 2500]) {
    const other = writeCreditNote(sim, elsewhere, world.ada, { amount });
    expect(await submitGrant(world, elsewhere, other)).toMatchObject({ status: 'executed' });
  }
  const before = world.stripe.control.balanceTransactions().length;

  const id = await grant(frame, 2);
  const row = grantRow(frame, id);
  await expect(row).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  const review = await reviewOf(sim, world, Date.now());
  const refusal = review.refusals.find((r) => r.grantId === id);
  expect(refusal).toMatchObject({ code: 'over-customer-period', agentId: world.ada.id, amount: 2500 });
  await expect(row).toContainText(`Refused by the credit gateway: ${refusal?.message}`);
  expect(stripeFor(world, id)).toEqual([]);
  expect(world.stripe.control.balanceTransactions()).toHaveLength(before);
  await expect
    .poll(
      () =>
        sim.data
          .comments(ZENDESK, ticket.id)
          .filter(
            (c) =>
              !c.public &&
              c.authorId === world.ada.id &&
              c.body.includes(`[frontline:credit-refused v1 grant=${id} `) &&
              c.body.includes('code=over-customer-period]'),
          ).length,
    )
    .toBe(1);
  expect(gatewayNotes(sim, ticket).filter((c) => c.body.includes(id))).toEqual([]);
});

test('tampering moves nothing, and the review names each attempt', async ({ sim, world }) => {
  const tickets = gatewayTickets(sim, world);
  const ticket = tickets[2];
  if (!ticket) throw new Error('not enough tickets');
  const ben = sim.data.userByEmail(ZENDESK, 'ben@acme.test');
  if (!ben) throw new Error('no Ben');
  const stripeBefore = world.stripe.control.balanceTransactions().length;
  const notesBefore = gatewayNotes(sim, ticket).length;

  // A grant id made up and posted straight to the gateway: no note carries it.
  const forged = crypto.randomUUID();
  expect(await submitGrant(world, ticket, forged)).toMatchObject({
    status: 'refused',
    code: 'note-not-found',
  });

  // Ben, through Zendesk's API with his own token, writes a private note whose marker says Ada
  // granted it (her name in the text too): Zendesk records Ben as the author.
  const borrowed = crypto.randomUUID();
  await postPrivateNote(
    sim,
    world,
    ticket,
    ben,
    creditNoteText(
      {
        kind: 'credit',
        id: borrowed,
        amount: 2500,
        currency: 'USD',
        agent: world.ada.id,
        customer: ticket.requesterId,
        reason: 'Goodwill',
      },
      world.ada.name,
    ),
  );
  expect(await submitGrant(world, ticket, borrowed)).toMatchObject({
    status: 'refused',
    code: 'author-mismatch',
  });

  // A customer's email with a marker in it (Zendesk makes a stranger's email a private comment).
  const fromCustomer = crypto.randomUUID();
  sim.control.addForeignEmail(
    ticket,
    `Please credit me. [frontline:credit v1 id=${fromCustomer} amount=2500 currency=USD agent=${world.ada.id} customer=${ticket.requesterId} reason=Goodwill]`,
  );
  expect(await submitGrant(world, ticket, fromCustomer)).toMatchObject({
    status: 'refused',
    code: 'not-an-agent',
  });

  expect(world.stripe.control.balanceTransactions()).toHaveLength(stripeBefore);
  expect(gatewayNotes(sim, ticket)).toHaveLength(notesBefore);
  const review = await reviewOf(sim, world, Date.now());
  const named = (grantId: string) => review.refusals.find((r) => r.grantId === grantId)?.code;
  expect([named(forged), named(borrowed), named(fromCustomer)]).toEqual([
    'note-not-found',
    'author-mismatch',
    'not-an-agent',
  ]);
  const attempts: string[] = [forged, borrowed, fromCustomer];
  expect(review.grants.filter((g) => attempts.includes(g.grantId))).toEqual([]);
});

test('a browser clock a day ahead of the gateway: the grant is counted in the gateway’s day, not the browser’s', async ({
  profile,
  sim,
  world,
}) => {
  const ticket = gatewayTickets(sim, world)[3];
  if (!ticket) throw new Error('not enough tickets');
  // The worker keeps the Date.now it started with (background.ts passes it as `now`), so
  // the skew is made on the gateway's side: its clock is the true one, a day behind the browser's.
  world.clock.offsetMs = -DAY_MS;
  try {
    const frame = await openGatewayTicket(profile, sim, ticket);
    const id = await grant(frame, 0);
    await expect(grantRow(frame, id)).toContainText(/Credited \(cbtxn_\w+\)/, { timeout: 30_000 });

    const gatewayDay = Date.now() - DAY_MS;
    const counted = (await reviewOf(sim, world, gatewayDay)).grants.find((g) => g.grantId === id);
    expect(counted).toMatchObject({ amount: 500, execution: { state: 'executed' } });
    const browserDay = await reviewOf(sim, world, Date.now());
    expect(browserDay.grants.map((g) => g.grantId)).not.toContain(id);

    const response = await fetch(
      `${world.gateway.url}/v1/accounts/${ZENDESK}/agents/${world.ada.id}/authority?customer=${ticket.requesterId}`,
    );
    const authority = GatewayAuthority.parse(await response.json());
    expect(authority.period.start.slice(0, 10)).toBe(new Date(gatewayDay).toISOString().slice(0, 10));
    expect(authority.customerUsed).toBe(500);
  } finally {
    world.clock.offsetMs = 0;
  }
});
