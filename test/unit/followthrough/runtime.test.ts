import { describe, expect, it, vi } from 'vitest';
import { createFollowRuntime, type ListPort } from '../../../lib/followthrough/runtime';
import { MINUTE, startEach } from './engine';

const start = startEach();

/** A list port that records what the worker posts and lets the test send messages. */
function fakeList() {
  const posted: unknown[] = [];
  let receive: (message: unknown) => void = () => {};
  const port: ListPort = {
    postMessage: (message) => posted.push(message),
    onMessage: {
      addListener: (listener) => {
        receive = listener;
      },
    },
    onDisconnect: { addListener: () => {} },
  };
  return { port, posted, send: (message: unknown) => receive(message) };
}

const views = (posted: unknown[]) =>
  posted.filter(
    (m): m is { type: 'followthrough'; view: { items: { ticket: { id: string } }[] } } =>
      (m as { type?: string }).type === 'followthrough',
  );

describe('follow-through runtime', () => {
  it('answers a list’s hello with the view and pushes it again after a pin; ignores a malformed message', async () => {
    const { helpdesk, deps } = start();
    const runtime = createFollowRuntime(deps);
    const list = fakeList();
    runtime.connect(list.port);
    list.send({ type: 'hello' });
    list.send({ type: 'pin', ticket: { helpdesk: 'zendesk', account: 'acme.zendesk.com' } });
    await vi.waitFor(() => expect(views(list.posted)).toHaveLength(1));
    expect(views(list.posted)[0]?.view.items).toEqual([]);
    list.send({ type: 'pin', ticket: helpdesk.add('zendesk', 101) });
    await vi.waitFor(() => expect(views(list.posted)).toHaveLength(2));
    expect(views(list.posted)[1]?.view.items.map((i) => i.ticket.id)).toEqual(['101']);
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
