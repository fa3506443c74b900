import type { CachedContext } from './store';
import type { TicketState } from './ticket-state';

/**
 * Something about a ticket in view changed. `progress`: only what the sync
 * itself holds (a part's status, a history page in the feed), so the last
 * context and views still stand. `data`: the cache, or what is derived from it
 * (grants, policy, casework writes), changed and must be read again; `context`
 * is that fresh read when the one who changed it has it at hand, and `patch` the
 * change itself, applied to the last published context (and to every read of the
 * cache) until its write is done. The publisher starts that write once the publish
 * showing the patch is done (both its snapshots, when the case arrives in it):
 * its reads of the cache (the credit and casework views) would otherwise wait behind it.
 */
export interface TicketChange {
  state: TicketState;
  kind: 'progress' | 'data';
  context?: CachedContext;
  patch?: { apply: ContextPatch; write(): Promise<unknown> };
}

/** Applying a patch twice gives what applying it once does. */
export type ContextPatch = (context: CachedContext) => Promise<CachedContext>;

/** Ticket changes as an event: the part runner and outside services emit, the publisher subscribes. */
export function createTicketChanges() {
  const listeners = new Set<(change: TicketChange) => void>();
  return {
    emit(change: TicketChange): void {
      for (const listener of listeners) listener(change);
    },
    subscribe(listener: (change: TicketChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type TicketChanges = ReturnType<typeof createTicketChanges>;
