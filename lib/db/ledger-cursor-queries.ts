import { personKey } from './rows';
import type { FrontlineDb } from './schema';

/** How far a rep's own ledger search got: read again by a restarted worker, so it asks only what changed. */
export interface LedgerCursor {
  /** The credit period the searches covered (epoch ms of its start). */
  periodStart: number;
  /** When the last complete search was sent (epoch ms). */
  searchedAt: number;
  /** When the last complete search of the whole period was sent (epoch ms). */
  fullAt: number;
}

const scope = (account: string, agentId: string): string => `ledger:${personKey(account, agentId)}`;
const CURSOR = /^(\d{1,16}) (\d{1,16})$/;

export async function readLedgerCursor(
  db: FrontlineDb,
  account: string,
  agentId: string,
): Promise<LedgerCursor | null> {
  const row = await db.syncState.get([scope(account, agentId), 'ledger']);
  const parts = CURSOR.exec(row?.cursor ?? '');
  if (row === undefined || parts === null) return null;
  return { periodStart: Number(parts[1]), fullAt: Number(parts[2]), searchedAt: row.fetchedAt };
}

export async function putLedgerCursor(
  db: FrontlineDb,
  account: string,
  agentId: string,
  cursor: LedgerCursor,
): Promise<void> {
  await db.syncState.put({
    scope: scope(account, agentId),
    section: 'ledger',
    etag: null,
    fetchedAt: cursor.searchedAt,
    cursor: `${cursor.periodStart} ${cursor.fullAt}`,
    complete: true,
    total: null,
  });
}
