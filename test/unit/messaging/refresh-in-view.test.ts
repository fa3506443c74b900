import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortClientOptions } from '../../../lib/messaging/port-client';
import type { BackgroundToSidebar, SidebarToBackground } from '../../../lib/messaging/protocol';
import {
  createSidebarClient,
  REFRESH_IN_VIEW_MS,
  type SidebarClient,
} from '../../../lib/messaging/sidebar-client';
import { sampleSnapshot } from '../components/fixtures';

let port: PortClientOptions<BackgroundToSidebar> | null = null;
const sent: SidebarToBackground[] = [];

vi.mock('../../../lib/messaging/port-client', () => ({
  connectPort: (options: PortClientOptions<BackgroundToSidebar>) => {
    port = options;
    return { send: (message: SidebarToBackground) => sent.push(message), close: () => undefined };
  },
}));

const show = (id: string) => {
  const snapshot = sampleSnapshot();
  const message = port!.accept({
    type: 'snapshot',
    snapshot: { ...snapshot, ticket: { ...snapshot.ticket, id } },
  });
  if (message) port!.onMessage(message);
};
const hellos = () => sent.filter((m) => m.type === 'hello').length;

let client: SidebarClient;
beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('document', { visibilityState: 'visible' });
  sent.length = 0;
  client = createSidebarClient();
});
afterEach(() => {
  client.close();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('refreshing the ticket in view', () => {
  it('asks again 15 s after the ticket was opened, not on a timer of its own that may fire just after', () => {
    vi.advanceTimersByTime(REFRESH_IN_VIEW_MS - 1_000);
    // The rep opens another ticket: that view refreshes it, so the poll waits a whole period again.
    show('4242');
    vi.advanceTimersByTime(REFRESH_IN_VIEW_MS - 1_000);
    expect(hellos()).toBe(0);
    vi.advanceTimersByTime(REFRESH_IN_VIEW_MS / 5 + 1_000);
    expect(hellos()).toBe(1);
  });

  it('asks nothing while the sidebar is hidden', () => {
    show('4242');
    vi.stubGlobal('document', { visibilityState: 'hidden' });
    vi.advanceTimersByTime(3 * REFRESH_IN_VIEW_MS);
    expect(hellos()).toBe(0);
  });
});
