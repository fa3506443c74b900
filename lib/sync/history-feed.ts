import { isOpenStatus } from '../domain/case-status';
import { type CreditGrant, reserves } from '../domain/credit-grant';
import type { Agent, Case } from '../domain/model';
import type { HistoryRowData } from '../domain/snapshot';
import { ESCALATED_TAG } from '../domain/tags';

/** A log longer than this many times the rows is compacted (amortized O(1) per change). */
const LOG_SLACK = 2;

/** What a row's derived columns stand on: per account, small, read at every publish. */
export interface RowInputs {
  agents: readonly Agent[];
  grants: readonly CreditGrant[];
}

export interface HistoryFeedSummary {
  id: string;
  version: number;
  size: number;
  open: number;
}

/**
 * One requester's history as the sidebar sees it, kept in the background between
 * publishes. Every changed row gets the next version, so a publish costs the rows
 * that changed, and a sidebar holding version v asks for what changed after it.
 */
export function createHistoryFeed(id: string) {
  const rows = new Map<string, { row: HistoryRowData; version: number }>();
  // Row ids in the order they changed, beside the version of that change; older
  // entries of a row that changed again are skipped when read and dropped by compaction.
  let logIds: string[] = [];
  let logVersions: number[] = [];
  let version = 0;
  let open = 0;
  let names = new Map<string, string>();
  let credits = new Map<string, number>();
  let inputsKey = '';

  const rowOf = (item: Case): HistoryRowData => ({
    case: item,
    assigneeName: item.assigneeId ? (names.get(item.assigneeId) ?? null) : null,
    creditTotal: credits.get(item.ref.id) ?? 0,
    escalated: item.tags.includes(ESCALATED_TAG),
  });
  const isOpen = (row: HistoryRowData) => (isOpenStatus(row.case.status) ? 1 : 0);
  // A helpdesk moves updatedAt on every change of its own; the rest is ours or the archive's.
  const same = (a: HistoryRowData, b: HistoryRowData) =>
    a.case.updatedAt === b.case.updatedAt &&
    a.case.status === b.case.status &&
    a.case.archived === b.case.archived &&
    a.assigneeName === b.assigneeName &&
    a.creditTotal === b.creditTotal &&
    a.escalated === b.escalated;

  const put = (row: HistoryRowData) => {
    const key = row.case.ref.id;
    const old = rows.get(key);
    if (old && same(old.row, row)) return;
    if (old) open -= isOpen(old.row);
    open += isOpen(row);
    version++;
    rows.set(key, { row, version });
    logIds.push(key);
    logVersions.push(version);
    if (logIds.length > LOG_SLACK * rows.size + 1000) compact();
  };

  const compact = () => {
    const ids: string[] = [];
    const versions: number[] = [];
    for (let i = 0; i < logIds.length; i++) {
      if (rows.get(logIds[i]!)?.version !== logVersions[i]) continue;
      ids.push(logIds[i]!);
      versions.push(logVersions[i]!);
    }
    logIds = ids;
    logVersions = versions;
  };

  /** The first log position whose version is after `after` (the log is in version order). */
  const firstAfter = (after: number) => {
    let lo = 0;
    let hi = logVersions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (logVersions[mid]! <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    summary: (): HistoryFeedSummary => ({ id, version, size: rows.size, open }),
    /** Cases as the helpdesk or the cache gave them; only the ones that differ get a new version. */
    upsert(cases: readonly Case[]) {
      for (const item of cases) put(rowOf(item));
    },
    /**
     * Names and credit totals change rarely (a newly fetched agent, a grant): only then
     * is every row derived again, and only rows whose columns moved get a new version.
     */
    derive(inputs: RowInputs) {
      const recorded = inputs.grants.filter(reserves);
      const key = `${inputs.agents.map((agent) => `${agent.id}:${agent.name}`).join('|')}#${recorded
        .map((grant) => `${grant.id}:${grant.ticket.id}:${grant.amount.amount}`)
        .join('|')}`;
      if (key === inputsKey) return;
      inputsKey = key;
      names = new Map(inputs.agents.map((agent) => [agent.id, agent.name]));
      credits = new Map();
      for (const grant of recorded)
        credits.set(grant.ticket.id, (credits.get(grant.ticket.id) ?? 0) + grant.amount.amount);
      for (const { row } of [...rows.values()]) put(rowOf(row.case));
    },
    /** Rows changed after version `after` (0: all of them), each once. */
    since(after: number): HistoryRowData[] {
      const changed: HistoryRowData[] = [];
      for (let i = firstAfter(after); i < logIds.length; i++) {
        const entry = rows.get(logIds[i]!);
        if (entry && entry.version === logVersions[i]) changed.push(entry.row);
      }
      return changed;
    },
    /** Every case, for work that needs them all once per refresh (agent names to fetch). */
    cases: (): Case[] => [...rows.values()].map(({ row }) => row.case),
  };
}

export type HistoryFeed = ReturnType<typeof createHistoryFeed>;
