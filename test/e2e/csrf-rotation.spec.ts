import { grant, grantRow, newCreditNotes, settledRemaining, UNBOUND_POLICY } from './credit-steps';
import { apiRequests, expect, openTicket, setExtensionStorage, test } from './fixtures';

const ZD = 'acme.zendesk.com';
const NOTE_WRITE = 'PUT /api/v2/tickets/:id';
const RENEW = 'GET /api/v2/users/me/session/renew';

test('a rotated CSRF token costs one retry', async ({ profile, sim }) => {
  await setExtensionStorage(profile, { policy: UNBOUND_POLICY });
  const ticket = sim.data.sampleTicket('zendesk');
  const { frame } = await openTicket(profile, sim.data.ticketUrl(ticket), ticket.subject);
  // The content script has its token once the sidebar settled (it fetches it when the sidebar mounts).
  await settledRemaining(frame);
  const written = newCreditNotes(sim, ZD, ticket.id);
  sim.control.resetLog();
  expect(sim.control.rotateCsrf({ host: ZD })).toBeGreaterThan(0);

  const id = await grant(frame, 0);
  await expect(grantRow(frame, id)).toHaveAttribute('data-state', 'recorded', { timeout: 30_000 });

  const log = apiRequests(sim, ZD);
  const renews = log.filter((entry) => entry.route.replace(/\.json$/, '') === RENEW);
  expect(renews).toHaveLength(1);
  const renewedAt = renews[0]!.seq;
  const writes = log.filter((entry) => entry.method !== 'GET');
  const refused = writes.filter((entry) => entry.status === 403);
  // The grant's note went out with the stale token and was refused once...
  expect(refused.filter((entry) => entry.route === NOTE_WRITE)).toHaveLength(1);
  // ...every write was refused at most once, and only before the token was renewed...
  expect(new Set(refused.map((entry) => entry.route)).size).toBe(refused.length);
  expect(refused.every((entry) => entry.seq < renewedAt)).toBe(true);
  // ...then it succeeded exactly once: one credit note, recorded once. (The team index's own
  // write, a read of the ticket and then a PUT of its tags and ledger line, shares the route, so
  // the notes on the ticket are what is counted.)
  const noteWrites = writes.filter((entry) => entry.route === NOTE_WRITE && entry.status < 300);
  expect(noteWrites[0]!.seq).toBeGreaterThan(renewedAt);
  expect(written()).toHaveLength(1);
  expect(sim.data.ticket(ZD, ticket.id)!.tags).toContain('frontline_credit');
});
