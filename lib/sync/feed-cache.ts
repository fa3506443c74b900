import { createHistoryFeed, type HistoryFeed } from './history-feed';
import type { ContextStore } from './store';

/** Requesters whose history feed stays in memory; an evicted one is read from the cache again. */
const RECENT_FEEDS = 20;

/** The history feeds of the requesters seen lately, by `account:requesterId`. */
export function createFeedCache(store: Pick<ContextStore, 'readHistory'>) {
  const feeds = new Map<string, Promise<HistoryFeed>>();

  return {
    /** The requester's feed, seeded from the cache once; later pages reach it as they arrive. */
    feedFor(account: string, requesterId: string): Promise<HistoryFeed> {
      const key = `${account}:${requesterId}`;
      let feed = feeds.get(key);
      if (feed) {
        feeds.delete(key);
      } else {
        feed = store.readHistory(account, requesterId).then((cases) => {
          // A new name per feed: a sidebar holding rows of an evicted feed or a stopped worker asks for all.
          const created = createHistoryFeed(crypto.randomUUID());
          created.upsert(cases);
          return created;
        });
        feed.catch(() => feeds.delete(key));
      }
      feeds.set(key, feed);
      if (feeds.size > RECENT_FEEDS) feeds.delete(feeds.keys().next().value!);
      return feed;
    },
    /** The feed under `key` if it is still in memory. */
    get(key: string): Promise<HistoryFeed> | undefined {
      return feeds.get(key);
    },
  };
}

export type FeedCache = ReturnType<typeof createFeedCache>;
