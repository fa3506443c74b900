import type { GrantState } from '../domain/credit-grant';
import { caseRange } from './queries';
import { type CaseRow, historyScope } from './rows';
import type { FrontlineDb } from './schema';

export interface EvictionLimits {
  /** Estimated bytes of cached cases with their entries and trails. */
  maxBytes: number;
  maxCases: number;
  /** Stored answers for conditional GETs, newest kept. */
  maxResponses: number;
  /**
   * Once over a cap, evict down to this share of it, so a full cache is not
   * trimmed again on every write.
   */
  lowWater: number;
}

export const DEFAULT_LIMITS: EvictionLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxCases: 100_000,
  maxResponses: 2_000,
  lowWater: 0.9,
};

export interface EvictionResult {
  /** Case keys removed, least recently viewed first. */
  evicted: string[];
  /** After eviction. Still above a cap when only protected cases are left. */
  cases: number;
  bytes: number;
  responsesDropped: number;
}

/** A grant in these states is not yet in the helpdesk: the case holding it must stay. */
const UNRECORDED: GrantState[] = ['pending', 'committing'];

const bytesOf = (row: CaseRow): number => row.size.case + row.size.entries + row.size.trail;

/** Cases that must stay: pinned, holding an unrecorded grant, or with work in the outbox. */
async function protectedCases(db: FrontlineDb): Promise<Set<string>> {
  const [pinned, grants, outbox] = await Promise.all([
    db.pins.toCollection().primaryKeys(),
    db.grants.where('state').anyOf(UNRECORDED).toArray(),
    db.outbox.orderBy('caseKey').uniqueKeys(),
  ]);
  return new Set<string>([...pinned, ...grants.map((grant) => grant.caseKey), ...outbox.map(String)]);
}

async function trimResponses(db: FrontlineDb, max: number): Promise<number> {
  const count = await db.responses.count();
  if (count <= max) return 0;
  const oldest = await db.responses
    .orderBy('storedAt')
    .limit(count - max)
    .primaryKeys();
  await db.responses.bulkDelete(oldest);
  return oldest.length;
}

/**
 * Keeps the cache under its caps: least recently viewed cases go first, with
 * their entries, trail and sync state. A requester who loses a case has their
 * history marked incomplete, so the next view fetches it again.
 */
export async function evict(db: FrontlineDb, limits: Partial<EvictionLimits> = {}): Promise<EvictionResult> {
  const { maxBytes, maxCases, maxResponses, lowWater } = { ...DEFAULT_LIMITS, ...limits };
  const responsesDropped = await trimResponses(db, maxResponses);
  const tables = [db.cases, db.entries, db.trails, db.syncState, db.pins, db.grants, db.outbox];
  // One transaction with the pins, grants and outbox: a case cannot be pinned or
  // granted on between the check and its deletion.
  return db.transaction('rw', tables, async () => {
    let bytes = 0;
    let cases = 0;
    await db.cases.each((row) => {
      bytes += bytesOf(row);
      cases += 1;
    });
    if (bytes <= maxBytes && cases <= maxCases) return { evicted: [], cases, bytes, responsesDropped };

    const keep = await protectedCases(db);
    const targetBytes = Math.floor(maxBytes * lowWater);
    const targetCases = Math.floor(maxCases * lowWater);
    const victims: CaseRow[] = [];
    await db.cases
      .orderBy('lastViewedAt')
      .until(() => bytes <= targetBytes && cases <= targetCases)
      .each((row) => {
        if (keep.has(row.refKey)) return;
        victims.push(row);
        bytes -= bytesOf(row);
        cases -= 1;
      });

    const keys = victims.map((row) => row.refKey);
    const histories = new Set(victims.map((row) => historyScope(row.account, row.requesterId)));
    await db.cases.bulkDelete(keys);
    await db.trails.bulkDelete(keys);
    for (const key of keys) {
      await db.entries
        .where('[caseKey+createdAt]')
        .between(...caseRange(key))
        .delete();
    }
    await db.syncState
      .where('scope')
      .anyOf([...keys, ...histories])
      .delete();
    return { evicted: keys, cases, bytes, responsesDropped };
  });
}
