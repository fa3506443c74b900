import type { ReadMarkRow } from './rows';
import type { FrontlineDb } from './schema';

/** Each case's `updatedAt` when its credit notes were last read, in the order asked; undefined if never. */
export async function readMarksOf(
  db: FrontlineDb,
  caseKeys: readonly string[],
): Promise<(string | undefined)[]> {
  return (await db.readMarks.bulkGet([...caseKeys])).map((row) => row?.updatedAt);
}

export async function putReadMarks(db: FrontlineDb, marks: readonly ReadMarkRow[]): Promise<void> {
  await db.readMarks.bulkPut([...marks]);
}
