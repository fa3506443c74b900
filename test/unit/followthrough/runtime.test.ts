import { describe, expect, it } from 'vitest';
import { createFollowRuntime, type ListPort } from '../../../lib/followthrough/runtime';
import { MINUTE, startEach } from './engine';

const start = startEach();

/** A list port that records what the worker posts (its messages are routed by lib/messaging/ports/list). */
function fakeList() {
  const posted: unknown[] = [];
  const port: ListPort = { postMessage: (message) => posted.push(message) };
  return { port, posted };
}

const views = (posted: unknown[]) =>
  posted.filter(
    (m): m is { type: 'followthrough'; view: { items: { ticket: { id: string } }[] } } =>
      (m as { type?: string }).type === 'followthrough',
  );

describe('follow-through runtime', () => {
  it('answers an open list’s hello with the view and pushes it again after a pin; a closed list hears nothing', async () => {
    const { helpdesk, deps } = start();
    const runtime = createFollowRuntime(deps);
    const list = fakeList();
    runtime.opened(list.port);
    await runtime.hello();
    expect(views(list.posted)).toHaveLength(1);
    expect(views(list.posted)[0]?.view.items).toEqual([]);
    await runtime.pin({ type: 'pin', ticket: helpdesk.add('zendesk', 101) });
    expect(views(list.posted)).toHaveLength(2);
    expect(views(list.posted)[1]?.view.items.map((i) => i.ticket.id)).toEqual(['101']);
    runtime.closed(list.port);
    await runtime.hello();
    expect(views(list.posted)).toHaveLength(2);
  });

  it('an alarm and “Check now” at once run one watch cycle', async () => {
    const { helpdesk, deps, tick } = start();
    const runtime = createFollowRuntime(deps);
    await runtime.pin({ type: 'pin', ticket: helpdesk.add('zendesk', 101) });
    tick(MINUTE);
    helpdesk.reset();
    await Promise.all([runtime.checkNow(), runtime.checkNow()]);
    expect(helpdesk.requests).toHaveLength(1);
    await runtime.checkNow();
    expect(helpdesk.requests).toHaveLength(2);
  });
});
