import { suspectsIn } from '../db/suspect-queries';
import type { SuspectItem } from '../domain/review/page-data';
import type { ReviewDeps } from './deps';
import { agentNames } from './names';
import type { AccountSource } from './source';
import { ticketAddress } from './ticket-address';

/** The period's suspect notes the ledger scans kept, named from the cache, each with its ticket's address. */
export async function suspectsOfPeriod(
  deps: Pick<ReviewDeps, 'db' | 'now'>,
  src: AccountSource,
  start: number,
  end: number,
): Promise<SuspectItem[]> {
  const found = await suspectsIn(deps.db, src.account, start, end);
  const name = await agentNames(
    deps.db,
    src,
    found.flatMap((s) => (s.namedAgent === null ? [] : [s.namedAgent])),
    deps.now(),
    true,
  );
  return found.map((s) => ({
    ...s,
    url: ticketAddress(s.ticket),
    namedName: s.namedAgent === null ? null : name(s.namedAgent),
  }));
}
