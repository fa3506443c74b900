import type { SimTicket } from './model';

/** The tags a ticket is indexed under, and the list a watched ticket's `tags` proxy wraps. */
const indexedUnder = new WeakMap<SimTicket, readonly string[]>();
const targetOf = new WeakMap<string[], string[]>();

/**
 * An account's tickets by id, with an index of them by tag, so a search with a tag term
 * (`tags:frontline_credit`, `tag:'fl_credit_…'`) reads the tickets carrying that tag, not the
 * whole account (100,000 tickets in bench:team, 30-400 ms a page scanned). The index holds
 * whatever way a ticket's tags change, the simulator's writes and the tests' own
 * (`ticket.tags = [...]`, `ticket.tags.push(...)`): a ticket put in the map has its `tags`
 * watched, so every assignment and every change of the list reindexes it.
 */
export class TicketMap extends Map<string, SimTicket> {
  private readonly tagged = new Map<string, Set<SimTicket>>();

  override set(id: string, ticket: SimTicket): this {
    const before = this.get(id);
    if (before !== undefined && before !== ticket) this.index(before, []);
    super.set(id, ticket);
    this.watch(ticket);
    return this;
  }

  override delete(id: string): boolean {
    const ticket = this.get(id);
    if (ticket !== undefined) this.index(ticket, []);
    return super.delete(id);
  }

  override clear(): void {
    this.tagged.clear();
    super.clear();
  }

  /** The tickets carrying `tag` now, in no particular order. */
  withTag(tag: string): SimTicket[] {
    return [...(this.tagged.get(tag) ?? [])];
  }

  private index(ticket: SimTicket, tags: readonly string[]): void {
    for (const tag of indexedUnder.get(ticket) ?? []) {
      const set = this.tagged.get(tag);
      set?.delete(ticket);
      if (set?.size === 0) this.tagged.delete(tag);
    }
    for (const tag of tags) {
      const set = this.tagged.get(tag) ?? new Set<SimTicket>();
      set.add(ticket);
      this.tagged.set(tag, set);
    }
    indexedUnder.set(ticket, [...tags]);
  }

  private watch(ticket: SimTicket): void {
    const reindex = () => {
      if (this.get(ticket.id) === ticket) this.index(ticket, list);
    };
    const observed = (next: string[]): string[] => {
      const target = targetOf.get(next) ?? next;
      const proxy = new Proxy(target, {
        set(t, key, value) {
          const done = Reflect.set(t, key, value);
          reindex();
          return done;
        },
        deleteProperty(t, key) {
          const done = Reflect.deleteProperty(t, key);
          reindex();
          return done;
        },
      });
      targetOf.set(proxy, target);
      return proxy;
    };
    let list = observed(ticket.tags);
    Object.defineProperty(ticket, 'tags', {
      enumerable: true,
      configurable: true,
      get: () => list,
      set: (next: string[]) => {
        list = observed(next);
        reindex();
      },
    });
    reindex();
  }
}
