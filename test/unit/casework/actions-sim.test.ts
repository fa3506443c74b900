import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseworkService } from '../../../lib/casework/actions/service';
import { deriveEscalation } from '../../../lib/casework/escalation';
import { markersIn } from '../../../lib/casework/markers-in-entries';
import { deriveOwner } from '../../../lib/casework/owner';
import { putCaseContext, putEntries, putTrail } from '../../../lib/db/queries';
import { entryMarker } from '../../../lib/domain/markers';
import type { Agent } from '../../../lib/domain/model';
import type { TicketRef } from '../../../lib/domain/ticket-ref';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import type { Client } from '../../../lib/helpdesks/http';
import type { Helpdesk } from '../../sim/data/model';
import { type Simulator, startSimulator } from '../../sim/server';
import { basic, simFetch } from '../../sim/testing/client';
import { freshDb } from './actions-fakes';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 8, size: 'tiny' });
});
afterAll(async () => {
  await sim.close();
});

/** One agent's browser profile: API-token client, own database, own casework engine. */
function profile(helpdesk: Helpdesk, email: string) {
  const account = sim.data.accountOf(helpdesk);
  const user = sim.data.userByEmail(account.host, email);
  if (!user) throw new Error(`the simulator has no ${email}`);
  const authorization =
    helpdesk === 'zendesk' ? basic(`${user.email}/token`, account.apiToken) : basic(user.apiKey ?? '', 'X');
  const client: Client = async (request) => {
    const response = await simFetch(sim, account.host, request.path, {
      method: request.method,
      headers: { authorization },
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    return { status: response.status, headers: response.headers, body: response.body };
  };
  const db = freshDb();
  const me: Agent = { helpdesk, account: account.host, id: user.id, name: user.name, email: user.email };
  const adapter: HelpdeskAdapter = adapterFor(helpdesk);
  const service = createCaseworkService({
    db,
    adapterFor,
    client: () => client,
    now: Date.now,
    changed: () => undefined,
  });
  /** What the context sync caches when the rep opens the ticket. */
  const open = async (ref: TicketRef) => {
    const now = Date.now();
    const [context, entries, trail, groups] = await Promise.all([
      adapter.ticket(client, ref),
      adapter.entries(client, ref),
      adapter.assignmentTrail(client, ref),
      adapter.groups(client, ref.account),
    ]);
    const authors = entries.flatMap((e) => (e.authorId !== null && !e.fromCustomer ? [e.authorId] : []));
    const named = await adapter.agents(client, ref.account, authors);
    await putCaseContext(
      db,
      { ...context, agents: [...context.agents, ...named], groups: [...context.groups, ...groups] },
      now,
    );
    await putEntries(db, ref, entries, now);
    await putTrail(db, ref, trail, now);
    return { context, entries, trail, groups };
  };
  return { me, db, client, adapter, service, open };
}

const uuidFor = (helpdesk: Helpdesk, n: number) =>
  `${helpdesk === 'zendesk' ? 'aaaaaaaa' : 'bbbbbbbb'}-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe.each<Helpdesk>(['zendesk', 'freshdesk'])('casework against the %s simulator', (helpdesk) => {
  it('claim → escalate to a group → the holder reports back: exactly these markers, read back by the derivation', async () => {
    sim.control.reset();
    const simTicket = sim.data.sampleTicket(helpdesk);
    const ticket: TicketRef = { helpdesk, account: simTicket.account, id: simTicket.id };
    const ada = profile(helpdesk, 'ada@acme.test');
    const ben = profile(helpdesk, 'ben@acme.test');
    const markersBefore = sim.data
      .comments(ticket.account, ticket.id)
      .filter((c) => !c.public && c.body.includes('[frontline:')).length;
    expect(markersBefore).toBe(0);

    const { groups } = await ada.open(ticket);
    const tier2 = groups.find((g) => g.name === 'Tier 2');
    if (!tier2) throw new Error('no Tier 2 group');
    expect(await ada.service.run({ kind: 'claim', opId: uuidFor(helpdesk, 1) }, ticket, ada.me)).toEqual({
      ok: true,
    });
    expect(await ada.service.drain()).toBeNull();

    await ada.open(ticket);
    const escalationId = uuidFor(helpdesk, 2);
    const escalate = {
      kind: 'escalate',
      opId: escalationId,
      toGroupId: tier2.id,
      summary: 'Wants the parcel.',
    };
    expect(await ada.service.run(escalate, ticket, ada.me)).toEqual({ ok: true });
    // A double click and a second drain change nothing.
    expect(await ada.service.run(escalate, ticket, ada.me)).toEqual({ ok: true });
    expect(await ada.service.drain()).toBeNull();
    expect(await ada.service.drain()).toBeNull();
    expect(await ada.service.pending(ticket)).toEqual([]);

    // Ben's profile: the obligation is his (member of Tier 2).
    await ben.open(ticket);
    const benView = await ben.service.view(ticket, ben.me, [tier2.id]);
    expect(benView?.obligation).toMatchObject({ escalationId, ownerId: ada.me.id, ownerName: ada.me.name });
    const report = {
      kind: 'report-back',
      opId: uuidFor(helpdesk, 3),
      escalationId,
      text: 'Found it at the depot.',
      returnToOwner: false,
    };
    expect(await ben.service.run(report, ticket, ben.me)).toEqual({ ok: true });
    expect(await ben.service.drain()).toBeNull();

    const written = (await ada.adapter.entries(ada.client, ticket)).flatMap((entry) => {
      const marker = entryMarker(entry);
      return marker === null ? [] : [{ marker, author: entry.authorId }];
    });
    expect(written).toEqual([
      { author: ada.me.id, marker: { kind: 'owner', agent: ada.me.id } },
      {
        author: ada.me.id,
        marker: {
          kind: 'escalation',
          id: escalationId,
          group: tier2.id,
          by: ada.me.id,
          owner: ada.me.id,
          due: expect.any(String),
        },
      },
      {
        author: ben.me.id,
        marker: { kind: 'report-back', escalation: escalationId, by: ben.me.id, returned: false },
      },
    ]);
    const simNow = sim.data.ticket(ticket.account, ticket.id);
    expect(simNow?.tags).toEqual(expect.arrayContaining(['frontline_owner', 'frontline_escalated']));
    expect(simNow?.groupId).toBe(tier2.id);

    // Ada's sidebar, after the next sync: still the owner; escalated → reported back. The simulator's
    // Freshdesk glues the marker to the line before (body_text drops <br>): markersIn still finds it.
    const { context, entries, trail } = await ada.open(ticket);
    const markers = markersIn(entries, context.case.requesterId);
    const owner = deriveOwner({
      case: context.case,
      entries,
      trail,
      requesterId: context.case.requesterId,
      markers,
    });
    expect(owner).toEqual({ ownerId: ada.me.id, source: 'marker' });
    const reportAt = entries.at(-1)?.createdAt ?? '';
    const before = deriveEscalation({
      case: context.case,
      entries: entries.slice(0, -1),
      trail,
      ownerId: owner.ownerId,
      now: Date.parse(reportAt),
      markers: markers.slice(0, -1),
    });
    expect(before).toMatchObject({ state: 'escalated', escalationId, holderGroupId: tier2.id });
    const after = deriveEscalation({
      case: context.case,
      entries,
      trail,
      ownerId: owner.ownerId,
      now: Date.now(),
      markers,
    });
    expect(after).toMatchObject({ state: 'reported-back', escalationId, ownerId: ada.me.id });
    const adaView = await ada.service.view(ticket, ada.me, []);
    expect(adaView?.isOwner).toBe(true);
    expect(adaView?.obligation).toBeNull();
  });
});
