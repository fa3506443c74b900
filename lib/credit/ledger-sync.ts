import { agentGrantsSince, grantsById, putGrants } from '../db/grant-queries';
import { putLedgerCursor, readLedgerCursor } from '../db/ledger-cursor-queries';
import { getAccount } from '../db/queries';
import type { FrontlineDb } from '../db/schema';
import { addConflicts } from '../db/suspect-queries';
import { inGrantsAndSuspects } from '../db/transactions';
import type { CreditGrant } from '../domain/credit-grant';
import type { Agent, Case } from '../domain/model';
import { type HelpdeskKind, refKey, type TicketRef } from '../domain/ticket-ref';
import { searchAll } from '../helpdesks/search-walk';
import type { CreditServiceDeps } from './deps';
import { healIndexFromNotes } from './heal-index';
import { confirmIdentity } from './identity';
import { agentGrantsInIndex } from './indexed-grants';
import { mergeLedger } from './ledger';
import { cursorAfter, ownLedgerQuery, SEARCH_LAG_MS } from './ledger-window';
import { periodBounds } from './period';
import { grantsInEntries, readChangedNotes, type TaggedSource } from './tagged-grants';
import { type Unindexed, unindexedTickets } from './unindexed';

export interface LedgerRefresh {
  /** Tickets the search of the rep's own tag returned. */
  tickets: number;
  /** Of them, tickets whose grants came from the "Frontline ledger" field, no thread read. */
  indexed: number;
  /** Tickets whose notes were read (the others came from the field or had not changed since the last read). */
  read: number;
  /** Grants found (field, notes, and tickets whose index was healed). */
  found: number;
}

const NOTHING: LedgerRefresh = { tickets: 0, indexed: 0, read: 0, found: 0 };

/**
 * Rebuilds the signed-in rep's own ledger of this period from the helpdesk, so
 * another browser profile of the same rep (or a reinstall) shows the same
 * remaining authority. The meter needs nothing else: it counts the rep's grants
 * this period, and of them those to this customer. Its cost follows the rep's
 * own grants, whatever the team's size:
 * - one search of the rep's tag (`fl_credit_{me}`), the whole period the first
 *   time and then only tickets updated since the last search (ledger-window.ts);
 * - each ticket's grants from its "Frontline ledger" field when the field is
 *   there and believable, otherwise from its notes, read only when the ticket
 *   changed since they were last read;
 * - grants this browser recorded whose ticket lost its tags or line are healed
 *   (healOwnIndex).
 * Helpdesk grants replace local copies of the same id (mergeLedger); local-only
 * grants stay. Search lags minutes behind writes, which the local grants cover meanwhile.
 */
export async function refreshLedger(
  deps: CreditServiceDeps,
  account: string,
  helpdesk: HelpdeskKind,
): Promise<LedgerRefresh> {
  const policy = await deps.loadPolicy(account);
  if ('error' in policy) return NOTHING;
  const source: TaggedSource = {
    account,
    adapter: deps.adapterFor(helpdesk),
    client: deps.client({ helpdesk, account }, 'background'),
  };
  const me = await signedInAgent(deps, source, helpdesk);
  if (me === null) return NOTHING;
  const searchedAt = deps.now();
  const { start } = periodBounds(searchedAt, policy.policy.period, policy.policy.timeZone);
  const cursor = await readLedgerCursor(deps.db, account, me.id);
  const query = ownLedgerQuery(me.id, start, searchedAt, cursor);
  const { cases, missed } = await searchAll(source.adapter, source.client, account, query);

  const merge = async (found: CreditGrant[]) => {
    for (const ticket of (await storeFound(deps, found)).values()) deps.changed(ticket);
  };
  const fromIndex: CreditGrant[] = [];
  const toRead: Case[] = [];
  for (const c of cases) {
    const grants = agentGrantsInIndex(c, me.id);
    if (grants === null) toRead.push(c);
    else fromIndex.push(...grants);
  }
  await merge(await indexedWorthStoring(deps.db, fromIndex));
  const notes = await readChangedNotes(deps.db, source, toRead, { merge });
  const since = query.updatedSince === undefined ? start : Date.parse(query.updatedSince);
  const mine = await agentGrantsSince(deps.db, account, me.id, since);
  const healed = await healOwnIndex(
    source,
    unindexedTickets(mine, cases, me.id, searchedAt - SEARCH_LAG_MS),
    merge,
  );
  // A day holding more of the rep's tickets than one search serves left some unread: the whole period next time.
  const after = cursorAfter(query, start, searchedAt, cursor, me.id);
  await putLedgerCursor(deps.db, account, me.id, missed === 0 ? after : { ...after, fullAt: 0 });
  return {
    tickets: cases.length,
    indexed: cases.length - toRead.length,
    read: notes.read,
    found: fromIndex.length + notes.found.length + healed,
  };
}

/**
 * The agent this browser last saw signed in to the account (every view refreshes it);
 * asked of the helpdesk only when this browser never knew (a worker that has not shown
 * a ticket yet). Signed out: nobody, and nothing is read.
 */
async function signedInAgent(
  deps: CreditServiceDeps,
  source: TaggedSource,
  helpdesk: HelpdeskKind,
): Promise<Agent | null> {
  const row = await getAccount(deps.db, source.account);
  if (row !== undefined) return row.me !== null && row.me.helpdesk === helpdesk ? row.me : null;
  const identity = await confirmIdentity(deps, { helpdesk, account: source.account }, source.client);
  return identity.ok ? identity.me : null;
}

/**
 * The field's grants that add something: a grant this browser already holds as
 * recorded with the same amount stays as it is (its reason comes from the note);
 * one held in another state, or with another amount, goes through the merge
 * (mergeLedger keeps the larger, so an edited field cannot shrink a ledger), keeping
 * the local reason.
 */
async function indexedWorthStoring(db: FrontlineDb, indexed: CreditGrant[]): Promise<CreditGrant[]> {
  const local = new Map(
    (
      await grantsById(
        db,
        indexed.map((g) => g.id),
      )
    ).map((g) => [g.id, g]),
  );
  return indexed.flatMap((g) => {
    const held = local.get(g.id);
    if (held === undefined) return [g];
    const same = held.amount.amount === g.amount.amount && held.amount.currency === g.amount.currency;
    return held.state === 'recorded' && same ? [] : [{ ...g, reason: held.reason }];
  });
}

/**
 * Tickets where this browser recorded grants of the rep that the search did not
 * show as indexed (unindexed.ts): someone removed a tag or a line, or the write
 * after the note was lost. Their tags are read (Zendesk: one show_many); where the
 * index is still short, the notes are read, the grants whose note counts stay
 * recorded, and the thread read puts the index back (healIndexFromNotes). Returns how
 * many grants were found on such tickets.
 */
async function healOwnIndex(
  source: TaggedSource,
  tickets: Map<string, Unindexed>,
  merge: (found: CreditGrant[]) => Promise<void>,
): Promise<number> {
  if (tickets.size === 0) return 0;
  const { adapter, client, account } = source;
  const refs = [...tickets.values()].map((t) => t.ref);
  const cases = adapter.cases
    ? await adapter.cases.read(
        client,
        account,
        refs.map((r) => r.id),
      )
    : await Promise.all(refs.map(async (r) => (await adapter.ticket(client, r)).case));
  let found = 0;
  for (const c of cases) {
    const wanted = tickets.get(refKey(c.ref));
    if (wanted === undefined || !wanted.short(c)) continue;
    const entries = await adapter.thread(client, c.ref, c.requesterId);
    const noted = grantsInEntries(entries, c.requesterId).grants.filter((g) => wanted.grantIds.has(g.id));
    if (noted.length === 0) continue;
    await merge(noted);
    await healIndexFromNotes(source, c, entries);
    found += noted.length;
  }
  return found;
}

/**
 * Puts the helpdesk's grants that are new or differ from the local copy; returns their tickets.
 * The one ledger merge: the review's rebuild of any period stores what it finds through it too.
 */
export async function storeFound(
  deps: Pick<CreditServiceDeps, 'db'>,
  found: CreditGrant[],
): Promise<Map<string, TicketRef>> {
  const { db } = deps;
  const ids = new Set(found.map((g) => g.id));
  return inGrantsAndSuspects(db, async () => {
    const local = await grantsById(db, [...ids]);
    const before = new Map(local.map((g) => [g.id, JSON.stringify(g)]));
    const { grants, conflicts } = mergeLedger(local, found);
    const updates = grants.filter((g) => ids.has(g.id) && before.get(g.id) !== JSON.stringify(g));
    await putGrants(db, updates);
    await addConflicts(db, conflicts);
    return new Map(updates.map((g) => [refKey(g.ticket), g.ticket]));
  });
}
