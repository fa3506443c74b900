import { render } from 'preact';
import { useEffect, useSyncExternalStore } from 'preact/compat';
import { ReviewPage } from '@/components/review/ReviewPage';
import { localizeDocument } from '@/lib/i18n/t';
import { createReviewClient } from '@/lib/review/client';
import '@/components/sidebar.css';
import '@/components/review/review.css';

const client = createReviewClient();

function App() {
  const state = useSyncExternalStore(client.store.subscribe, client.store.getState);
  useEffect(() => client.load(client.store.getState().choice), []);
  return <ReviewPage state={state} actions={client} />;
}

localizeDocument(document.documentElement);
render(<App />, document.getElementById('app')!);
