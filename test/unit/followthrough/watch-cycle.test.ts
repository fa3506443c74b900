import { describe, expect, it } from 'vitest';
import { formatMarker } from '../../../lib/domain/markers';
import { HelpdeskError } from '../../../lib/helpdesks/http';
import { DAY, MINUTE, startEach } from './engine';
import { AGENT, HOLDER } from './fake-helpdesk';

const ESCALATION = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const reportBack = `Done, refund issued.\n${formatMarker({
  kind: 'report-back',
  escalation: ESCALATION,
  by: String(HOLDER),
  returned: false,
})}`;

const start = startEach();

describe('watch cycle', () => {
  it('finds a customer reply and a report-back after one cycle; opening one clears it', async () => {
    const { engine, helpdesk, tick } = start();
    const a = helpdesk.add('zendesk', 101);
    const b = helpdesk.add('zendesk', 102);
    const c = helpdesk.add('freshdesk', 201);
    tick(MINUTE);
    for (const ticket of [a, b, c]) await engine.pin({ ticket });
    expect((await engine.check()).badgeCount).toBe(0);

    tick(MINUTE);
    helpdesk.customerReply(c);
    helpdesk.note(b, reportBack);
    const result = await engine.check();
    expect(result.badgeCount).toBe(2);
    expect(result.newlyFlagged.map((i) => i.ticket.id).sort()).toEqual(['102', '201']);

    const view = await engine.view();
    expect(view.badgeCount).toBe(2);
    expect(view.items.map((i) => [i.ticket.id, i.changes])).toEqual([
      ['102', ['reported-back']],
      ['201', ['customer-replied']],
      ['101', []],
    ]);
    expect(view.items[0]?.needsAttention).toBe(true);
    expect(view.items[2]?.needsAttention).toBe(false);
    expect(view.items[0]?.subject).toBe('Ticket 102');
    expect(view.lastCheckedAt).toBe(new Date(Date.parse('2026-11-23T10:02:00Z')).toISOString());

    await engine.seen(c);
    const after = await engine.view();
    expect(after.badgeCount).toBe(1);
    expect(after.items.find((i) => i.ticket.id === '201')?.changes).toEqual([]);

    // Nothing new: the next cycle keeps the report-back flagged and does not re-flag the reply.
    tick(MINUTE);
    const again = await engine.check();
    expect(again.badgeCount).toBe(1);
    expect(again.newlyFlagged).toEqual([]);
  });

  it('flags a status change but not the rep’s own reply', async () => {
    const { engine, helpdesk, tick } = start();
    const a = helpdesk.add('zendesk', 101);
    const b = helpdesk.add('freshdesk', 202);
    await engine.pin({ ticket: a });
    await engine.pin({ ticket: b });
    await engine.check();
    tick(MINUTE);
    helpdesk.agentReply(a);
    helpdesk.setStatus(b, 'pending');
    await engine.check();
    const view = await engine.view();
    expect(view.items.map((i) => [i.ticket.id, i.changes, i.status])).toEqual([
      ['202', ['status-changed'], 'pending'],
      ['101', [], 'open'],
    ]);
  });

  it('fetches the thread only of tickets that moved, without reading the ticket again', async () => {
    const { engine, helpdesk, tick } = start();
    const refs = [101, 102, 103].map((id) => helpdesk.add('zendesk', id));
    for (const ticket of refs) await engine.pin({ ticket });
    await engine.check();
    helpdesk.reset();
    tick(MINUTE);
    helpdesk.customerReply(refs[1] as (typeof refs)[number]);
    const result = await engine.check();
    const paths = helpdesk.requests.map((r) => r.request.path.split('?')[0]);
    expect(paths.sort()).toEqual([
      '/api/v2/tickets/102/audits.json',
      '/api/v2/tickets/show_many.json',
      // The owner's name, once: it is cached for the next cycles.
      '/api/v2/users/show_many.json',
    ]);
    expect(result.requests).toBe(3);

    helpdesk.reset();
    tick(MINUTE);
    helpdesk.customerReply(refs[2] as (typeof refs)[number]);
    expect((await engine.check()).requests).toBe(2);
  });

  it('offers to unpin a case solved more than 3 days ago, and marks one the helpdesk lost', async () => {
    const { engine, helpdesk, tick } = start();
    const a = helpdesk.add('zendesk', 101);
    const gone = helpdesk.add('freshdesk', 202);
    await engine.pin({ ticket: a });
    await engine.pin({ ticket: gone });
    helpdesk.setStatus(a, 'solved');
    helpdesk.remove(gone);
    await engine.check();
    let items = (await engine.view()).items;
    expect(items.find((i) => i.ticket.id === '101')?.offerUnpin).toBe(false);
    expect(items.find((i) => i.ticket.id === '202')?.missing).toBe(true);
    tick(3 * DAY + MINUTE);
    await engine.check();
    items = (await engine.view()).items;
    expect(items.find((i) => i.ticket.id === '101')?.offerUnpin).toBe(true);

    await engine.unpin(a);
    expect((await engine.view()).items.map((i) => i.ticket.id)).toEqual(['202']);
    expect(await engine.pinView(a)).toMatchObject({ pinned: false });
  });

  it('says why it could not check, and keeps the last good time', async () => {
    const { engine, helpdesk, tick } = start();
    await engine.pin({ ticket: helpdesk.add('zendesk', 101) });
    await engine.check();
    const good = (await engine.view()).lastCheckedAt;
    tick(MINUTE);
    helpdesk.failNext(new HelpdeskError('signed-out', 'GET /api/v2/tickets/show_many', 'no session', 401));
    const result = await engine.check();
    expect(result.error).toEqual({
      reason: 'signed-out',
      helpdesk: 'zendesk',
      account: 'acme.zendesk.com',
      status: 401,
    });
    const view = await engine.view();
    expect(view.checkError?.reason).toBe('signed-out');
    expect(view.lastCheckedAt).toBe(good);

    helpdesk.failNext(null);
    await engine.check();
    expect((await engine.view()).checkError).toBeNull();
  });

  it('names the owner from the cache or the helpdesk', async () => {
    const { engine, helpdesk, tick } = start();
    const a = helpdesk.add('zendesk', 101);
    await engine.pin({ ticket: a });
    tick(MINUTE);
    helpdesk.customerReply(a);
    await engine.check();
    const item = (await engine.view()).items[0];
    expect(item?.ownerName).toBe(`Agent ${AGENT}`);
    expect(item?.escalation).toBe('none');
  });
});
