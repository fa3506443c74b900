import { grantsById, putGrants, recordedGrants } from '../db/grant-queries';
import type { FrontlineDb } from '../db/schema';
import { addConflicts } from '../db/suspect-queries';
import { inGrantsAndSuspects } from '../db/transactions';
import type { CreditGrant } from '../domain/credit-grant';
import type { Case } from '../domain/model';
import { CREDIT_TAG } from '../domain/tags';
import { type HelpdeskKind, refKey, type TicketRef } from '../domain/ticket-ref';
import type { CreditServiceDeps } from './deps';
import { healIndexFromNotes } from './heal-index';
import { mergeLedger } from './ledger';
import { periodBounds } from './period';
import { grantsInEntries, syncTaggedGrants, type TaggedSource } from './tagged-grants';

export interface LedgerRefresh {
  tickets: number;
  /** Tickets whose notes were read (the others had not changed since the last read). */
  read: number;
  /** Grants found in the notes read. */
  found: number;
}

/**
 * Rebuilds this period's ledger of an account from the helpdesk, so another
 * browser profile (or a reinstall) sees the same remaining authority: tickets
 * tagged `frontline_credit` updated this period, and the notes of those that
 * changed since they were last read (syncTaggedGrants). Helpdesk grants
 * replace local copies of the same id (mergeLedger); local-only grants stay.
 * Search lags minutes behind writes, which the local grants cover meanwhile.
 */
export async function refreshLedger(
  deps: CreditServiceDeps,
  account: string,
  helpdesk: HelpdeskKind,
): Promise<LedgerRefresh> {
  const policy = await deps.loadPolicy();
  if ('error' in policy) return { tickets: 0, read: 0, found: 0 };
  const bounds = periodBounds(deps.now(), policy.policy.period, policy.policy.timeZone);
  const source = {
    account,
    adapter: deps.adapterFor(helpdesk),
    client: deps.client({ helpdesk, account }, 'background'),
  };
  const merge = async (found: CreditGrant[]) => {
    for (const ticket of (await storeFound(deps, found)).values()) deps.changed(ticket);
  };
  const result = await syncTaggedGrants(deps.db, source, bounds.start, deps.now(), { merge });
  const restored = await restoreTags(deps.db, source, result.tickets, bounds.start, merge);
  return { tickets: result.tickets.length, read: result.read, found: result.found.length + restored };
}

/**
 * Grants this browser holds as recorded this period on tickets the tag search did
 * not return: someone removed the `frontline_credit` tag (search lag aside), which
 * would hide them from the review and from the rep's authority in any other browser.
 * The tickets' tags are read (Zendesk: one show_many); where the tag is gone, the
 * notes are read, the grants whose note counts stay recorded, and the tag goes back.
 * Returns how many grants were found on such tickets.
 */
async function restoreTags(
  db: FrontlineDb,
  source: TaggedSource,
  searched: readonly Case[],
  start: number,
  merge: (found: CreditGrant[]) => Promise<void>,
): Promise<number> {
  const seen = new Set(searched.map((c) => refKey(c.ref)));
  const rows = await recordedGrants(db);
  const missing = new Map<string, Set<string>>();
  const refs = new Map<string, TicketRef>();
  for (const { grant, at } of rows) {
    const key = refKey(grant.ticket);
    if (grant.ticket.account !== source.account || at < start || seen.has(key)) continue;
    missing.set(key, (missing.get(key) ?? new Set()).add(grant.id));
    refs.set(key, grant.ticket);
  }
  if (missing.size === 0) return 0;
  const { adapter, client, account } = source;
  const ids = [...refs.values()].map((r) => r.id);
  const cases = adapter.cases
    ? await adapter.cases.read(client, account, ids)
    : await Promise.all([...refs.values()].map(async (r) => (await adapter.ticket(client, r)).case));
  let found = 0;
  for (const c of cases.filter((c) => !c.tags.includes(CREDIT_TAG))) {
    const wanted = missing.get(refKey(c.ref)) ?? new Set();
    const entries = await adapter.thread(client, c.ref, c.requesterId);
    const noted = grantsInEntries(entries, c.requesterId).grants.filter((g) => wanted.has(g.id));
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
