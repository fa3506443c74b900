import { describe, expect, it } from 'vitest';
import { generateAccount } from './data/generate';
import { createStore } from './data/store';
import { HOSTILE_BODIES, HOSTILE_NAMES, HOSTILE_SUBJECTS } from './data/text';

const NOW = Date.parse('2025-06-01T00:00:00Z');
const snapshot = (seed: number, size: 'tiny' | 'demo' = 'demo') => {
  const account = generateAccount('zendesk', seed, size, NOW);
  const store = createStore([account]);
  return [...account.tickets.values()].map((t) => ({ ...t, thread: store.thread(t) }));
};

describe('the data generator', () => {
  it('is deterministic by seed, size and now, and differs by seed', () => {
    expect(JSON.stringify(snapshot(5))).toBe(JSON.stringify(snapshot(5)));
    expect(JSON.stringify(snapshot(5))).not.toBe(JSON.stringify(snapshot(6)));
    expect(snapshot(5, 'tiny').length).toBeLessThan(snapshot(5).length);
  });

  it('makes threads that do not depend on the order they are read in', () => {
    const a = createStore([generateAccount('freshdesk', 2, 'demo', NOW)]);
    const b = createStore([generateAccount('freshdesk', 2, 'demo', NOW)]);
    const ids = [...a.account('acme.freshdesk.com').tickets.keys()];
    const forward = ids.map((id) => a.comments('acme.freshdesk.com', id));
    const backward = [...ids]
      .reverse()
      .map((id) => b.comments('acme.freshdesk.com', id))
      .reverse();
    expect(JSON.stringify(forward)).toBe(JSON.stringify(backward));
  });

  it('has the demo agents, escalation groups, ~40 customers and ~400 tickets', () => {
    const account = generateAccount('zendesk', 1, 'demo', NOW);
    const store = createStore([account]);
    const host = account.host;
    expect(host).toBe('acme.zendesk.com');
    expect(store.userByEmail(host, 'ada@acme.test')?.name).toBe('Ada Agent');
    const ben = store.userByEmail(host, 'ben@acme.test');
    const escalation = store
      .groups(host)
      .filter((g) => g.escalation)
      .map((g) => g.id);
    expect(ben?.groupIds.some((g) => escalation.includes(g))).toBe(true);
    expect(store.groups(host).map((g) => g.name)).toEqual(
      expect.arrayContaining(['Tier 2', 'Billing escalations']),
    );
    expect(store.customers(host)).toHaveLength(40);
    expect(account.tickets.size).toBe(400);
  });

  it('puts hostile strings in names, subjects and bodies', () => {
    const account = generateAccount('zendesk', 1, 'demo', NOW);
    const store = createStore([account]);
    const names = store.customers(account.host).map((c) => c.name);
    expect(names.some((n) => (HOSTILE_NAMES as readonly string[]).includes(n))).toBe(true);
    const tickets = [...account.tickets.values()];
    expect(tickets.some((t) => (HOSTILE_SUBJECTS as readonly string[]).includes(t.subject))).toBe(true);
    const bodies = tickets.flatMap((t) => store.thread(t).comments.map((c) => c.body));
    expect(bodies.some((b) => b.includes('<script>'))).toBe(true);
    expect(bodies.some((b) => b.includes('onerror'))).toBe(true);
    expect(bodies.some((b) => /[\u0590-\u06FF]/.test(b))).toBe(true);
    expect(bodies.some((b) => /\p{Extended_Pictographic}/u.test(b))).toBe(true);
    expect(HOSTILE_BODIES.length).toBeGreaterThan(3);
  });

  it('gives Zendesk ids above 2^32 (below 2^53) and long threads', () => {
    const account = generateAccount('zendesk', 1, 'demo', NOW);
    const store = createStore([account]);
    for (const user of account.users.values()) {
      expect(Number(user.id)).toBeGreaterThan(2 ** 32);
      expect(Number.isSafeInteger(Number(user.id))).toBe(true);
    }
    const lengths = [...account.tickets.values()].map((t) => store.thread(t).comments.length);
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(40);
    for (const t of account.tickets.values())
      for (const c of store.thread(t).comments) expect(Number(c.id)).toBeGreaterThan(2 ** 32);
  });

  it('records reassignments as audits ending at the current group and assignee', () => {
    const account = generateAccount('zendesk', 1, 'demo', NOW);
    const store = createStore([account]);
    let checked = 0;
    for (const t of account.tickets.values()) {
      const changes = store.thread(t).audits.flatMap((a) => a.changes);
      const groups = changes.filter((c) => c.field === 'group_id');
      const assignees = changes.filter((c) => c.field === 'assignee_id');
      if (groups.length > 1) {
        expect(groups.at(-1)?.value).toBe(t.groupId);
        checked++;
      }
      if (assignees.length > 0) expect(assignees.at(-1)?.value).toBe(t.assigneeId);
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('archives tickets closed for 120 days, and the sample requester has some', () => {
    const account = generateAccount('freshdesk', 1, 'demo', NOW);
    const store = createStore([account]);
    for (const t of account.tickets.values())
      if (t.archived) {
        expect(t.status).toBe('5');
        expect(NOW - Date.parse(t.updatedAt)).toBeGreaterThan(120 * 86_400_000);
      }
    const sample = store.sampleTicket('freshdesk');
    const history = store.requesterTickets(account.host, sample.requesterId);
    expect(sample.archived).toBe(false);
    expect(history.length).toBeGreaterThanOrEqual(5);
    expect(history.filter((t) => t.archived).length).toBeGreaterThanOrEqual(2);
    expect(store.userByEmail(account.host, 'ada@acme.test')?.id).toBe(sample.assigneeId);
  });

  it('has Freshdesk custom statuses (≥ 6) and Zendesk custom status ids', () => {
    const fd = generateAccount('freshdesk', 1, 'demo', NOW);
    const statuses = new Set([...fd.tickets.values()].map((t) => Number(t.status)));
    expect([...statuses].some((s) => s >= 6)).toBe(true);
    const zd = generateAccount('zendesk', 1, 'demo', NOW);
    expect([...zd.tickets.values()].every((t) => t.customStatusId !== null)).toBe(true);
  });

  it('bench adds one requester with 5,000 tickets', () => {
    const account = generateAccount('zendesk', 1, 'bench', NOW);
    const store = createStore([account]);
    const bulk = store.userByEmail(account.host, 'bea.bulk@customer.test');
    expect(store.requesterTickets(account.host, bulk?.id ?? '')).toHaveLength(5000);
  });
});
