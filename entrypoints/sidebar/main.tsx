import { render } from 'preact';
import { useSyncExternalStore } from 'preact/compat';
import { browser } from 'wxt/browser';
import { useNow } from '@/components/hooks/use-now';
import { Sidebar } from '@/components/Sidebar';
import { openTicket } from '@/lib/followthrough/open-ticket';
import { createPopupClient } from '@/lib/followthrough/popup-client';
import { localizeDocument } from '@/lib/i18n/t';
import { listenToContent } from '@/lib/messaging/content-link';
import { createSidebarClient } from '@/lib/messaging/sidebar-client';
import '@/components/sidebar.css';

const client = createSidebarClient();
const followThrough = createPopupClient();
// The content script's direct line: the frame's URL fragment is its key (lib/content/frame-link.ts).
listenToContent(location.hash.slice(1), client.locate);

function App() {
  const state = useSyncExternalStore(client.store.subscribe, client.store.getState);
  const list = useSyncExternalStore(followThrough.store.subscribe, followThrough.store.getState);
  const now = useNow(1000);
  return (
    <Sidebar
      snapshot={state.snapshot}
      entries={state.entries}
      history={state.history}
      onRetry={client.retry}
      onExpand={client.expand}
      onCollapseSidebar={client.collapse}
      onGrant={client.grant}
      onUndo={client.undo}
      onRequestApproval={client.requestApproval}
      onSaveCredentials={client.saveCredentials}
      onCasework={client.casework}
      caseworkRefusal={state.caseworkRefusal}
      onPin={client.pin}
      onUnpin={client.unpin}
      followThrough={{
        view: list.view,
        checking: list.checking,
        onOpen: (ticket) => {
          followThrough.seen(ticket);
          void openTicket(browser.tabs, ticket);
        },
        onUnpin: followThrough.unpin,
        onCheckNow: followThrough.checkNow,
      }}
      currency={state.snapshot?.credit.data?.authority?.currency ?? null}
      now={now}
    />
  );
}

localizeDocument(document.documentElement);
render(<App />, document.getElementById('app')!);
