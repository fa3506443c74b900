import { render } from 'preact';
import { useEffect, useState, useSyncExternalStore } from 'preact/compat';
import { Sidebar } from '@/components/Sidebar';
import { createSidebarClient } from '@/lib/messaging/sidebar-client';
import '@/components/sidebar.css';

const client = createSidebarClient();

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function App() {
  const state = useSyncExternalStore(client.store.subscribe, client.store.getState);
  const now = useNow(1000);
  return (
    <Sidebar
      snapshot={state.snapshot}
      entries={state.entries}
      onRetry={client.retry}
      onExpand={client.expand}
      onCollapseSidebar={client.collapse}
      onGrant={client.grant}
      onUndo={client.undo}
      onRequestApproval={client.requestApproval}
      onSaveCredentials={client.saveCredentials}
      currency={state.snapshot?.credit.data?.authority?.currency ?? null}
      now={now}
    />
  );
}

render(<App />, document.getElementById('app')!);
