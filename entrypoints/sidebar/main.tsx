import { render } from 'preact';
import { useSyncExternalStore } from 'preact/compat';
import { createSidebarClient } from '@/lib/messaging/sidebar-client';

const client = createSidebarClient();

function App() {
  const state = useSyncExternalStore(client.store.subscribe, client.store.getState);
  const snapshot = state.snapshot;
  return (
    <main data-testid="sidebar-root">
      <h1 data-testid="ticket-subject">{snapshot?.case.data?.subject ?? ''}</h1>
      <p>{snapshot?.case.data?.status}</p>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
