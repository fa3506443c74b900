import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server';
import { signIn, simFetch } from './testing/client';

const ZD = 'acme.zendesk.com';
const FD = 'acme.freshdesk.com';
let sim: Simulator;
let zd: string;
let fd: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, size: 'tiny' });
  zd = await signIn(sim, ZD);
  fd = await signIn(sim, FD);
});
afterAll(() => sim.close());

type Audit = { author_id: number; via: unknown; events: Record<string, unknown>[] };

const lastAudit = async (id: string): Promise<Audit> => {
  const res = await simFetch(sim, ZD, `/api/v2/tickets/${id}/audits.json?page[size]=100`, { cookie: zd });
  return (JSON.parse(res.body) as { audits: Audit[] }).audits.at(-1) as Audit;
};
const control = (path: string, body: unknown) =>
  simFetch(sim, 'www.example.com', path, { method: 'POST', body });
const ruleVia = (rel: string, title: string) => ({
  channel: 'rule',
  source: { to: {}, from: { id: 35079792, title }, rel },
});

describe('business rules and odd events in the audits (issue 16)', () => {
  it('a trigger’s assignment: the events carry via rule/trigger inside the requester’s audit', async () => {
    const ticket = sim.data.sampleTicket('zendesk');
    const res = await control('/__sim/tickets/rule-assign', {
      account: ZD,
      ticketId: ticket.id,
      assigneeEmail: 'ben@acme.test',
      groupName: 'Tier 2',
      title: 'Route billing',
    });
    expect(res.status).toBe(201);
    const audit = await lastAudit(ticket.id);
    expect(audit.author_id).toBe(Number(ticket.requesterId));
    expect(audit.via).toMatchObject({ channel: ticket.channel });
    const assign = audit.events.find((e) => e.field_name === 'assignee_id');
    expect(assign).toMatchObject({
      type: 'Change',
      value: expect.any(String),
      via: ruleVia('trigger', 'Route billing'),
    });
  });

  it('an automation’s assignment: the system’s audit (author -1) says via rule/automation', async () => {
    const ticket = sim.data.sampleTicket('zendesk');
    await control('/__sim/tickets/rule-assign', {
      account: ZD,
      ticketId: ticket.id,
      assigneeEmail: 'ada@acme.test',
      rel: 'automation',
      title: 'Escalate after 48 h',
    });
    const audit = await lastAudit(ticket.id);
    expect(audit.author_id).toBe(-1);
    expect(audit.via).toEqual(ruleVia('automation', 'Escalate after 48 h'));
    expect(audit.events[0]).not.toHaveProperty('via');
  });

  it('an event nobody expects is served verbatim in a new audit', async () => {
    const ticket = sim.data.sampleTicket('zendesk');
    const event = { id: 1, type: 'Change', field_name: 'assignee_id', value: 7 };
    await control('/__sim/tickets/audit-event', { account: ZD, ticketId: ticket.id, event });
    expect((await lastAudit(ticket.id)).events).toEqual([event]);
  });

  it('Freshdesk: a reassignment writes responder_id and group_id, as a person in the agent page would', async () => {
    const ticket = sim.data.sampleTicket('freshdesk');
    await control('/__sim/tickets/reassign', {
      account: FD,
      ticketId: ticket.id,
      assigneeEmail: 'ben@acme.test',
      groupName: 'Tier 2',
    });
    const res = await simFetch(sim, FD, `/api/v2/tickets/${ticket.id}`, { cookie: fd });
    const body = JSON.parse(res.body) as { responder_id: number; group_id: number; updated_at: string };
    expect(String(body.responder_id)).toBe(sim.data.userByEmail(FD, 'ben@acme.test')?.id);
    expect(String(body.group_id)).toBe(sim.data.groupByName(FD, 'Tier 2')?.id);
  });

  it('a new ticket a trigger routes: one audit by the requester, the trigger’s Create events marked', async () => {
    const res = await control('/__sim/tickets/email-routed', {
      account: ZD,
      subject: 'Parcel lost',
      body: 'Where is it?',
      assigneeEmail: 'dmitri@acme.test',
      groupName: 'Support',
    });
    const { ticket } = JSON.parse(res.body) as { ticket: { id: string } };
    const audit = await lastAudit(ticket.id);
    const assign = audit.events.find((e) => e.field_name === 'assignee_id');
    expect(assign).toMatchObject({
      type: 'Create',
      value: sim.data.userByEmail(ZD, 'dmitri@acme.test')?.id,
      via: ruleVia('trigger', 'Assign to triage'),
    });
    expect(audit.events.find((e) => e.type === 'Comment')).toMatchObject({
      body: 'Where is it?',
      public: true,
    });
  });

  it('rule assignments are Zendesk’s only', async () => {
    const ticket = sim.data.sampleTicket('freshdesk');
    const res = await control('/__sim/tickets/rule-assign', { account: FD, ticketId: ticket.id });
    expect(res.status).toBe(400);
  });
});
