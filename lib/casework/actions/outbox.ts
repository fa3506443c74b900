import { caseRows, dueRows, nextDue } from '../../db/outbox-queries';
import type { FrontlineDb } from '../../db/schema';

/** The outbox kind this module owns; credit rows share the table and are left alone. */
export const CASEWORK_KIND = 'casework';

const CASEWORK_KINDS = [CASEWORK_KIND];

/** Due casework rows, oldest due first. */
export const dueCaseworkRows = (db: FrontlineDb, now: number) => dueRows(db, now, CASEWORK_KINDS);

/** When the next casework row falls due (epoch ms), or null when none waits. */
export const nextCaseworkDue = (db: FrontlineDb) => nextDue(db, CASEWORK_KINDS);

/** The casework rows of one ticket. */
export const ticketRows = (db: FrontlineDb, caseKey: string) => caseRows(db, caseKey, CASEWORK_KINDS);
