import { render } from 'preact';
import { useSyncExternalStore } from 'preact/compat';
import { browser } from 'wxt/browser';
import { FollowThroughPanel } from '@/components/followthrough/FollowThroughPanel';
import { useNow } from '@/components/hooks/use-now';
import type { TicketRef } from '@/lib/domain/ticket-ref';
import { openTicket } from '@/lib/followthrough/open-ticket';
import { createPopupClient } from '@/lib/followthrough/popup-client';
import { localizeDocument, t } from '@/lib/i18n/t';
import '@/components/sidebar.css';
import '@/components/followthrough/followthrough.css';

const client = createPopupClient();

/** Opening a case is looking at it: its attention state clears. */
const open = async (ticket: TicketRef) => {
  client.seen(ticket);
  await openTicket(browser.tabs, ticket);
  window.close();
};

const openReview = async () => {
  await browser.tabs.create({ url: browser.runtime.getURL('/review.html') });
  window.close();
};

function App() {
  const state = useSyncExternalStore(client.store.subscribe, client.store.getState);
  const now = useNow(15_000);
  return (
    <div class="fl fl-popup">
      <FollowThroughPanel
        view={state.view}
        checking={state.checking}
        now={now}
        onOpen={(ticket) => void open(ticket)}
        onUnpin={client.unpin}
        onCheckNow={client.checkNow}
      />
      <button type="button" class="fl-btn" data-testid="open-review" onClick={() => void openReview()}>
        {t('open_review')}
      </button>
    </div>
  );
}

localizeDocument(document.documentElement);
render(<App />, document.getElementById('app')!);
