import type { Client } from '../helpdesks/http';
import type { Priority } from './job-queue';

/**
 * Credit writes someone waits for (a grant's note and tag once its undo window
 * ends; an approver's credit beside the decision note) go at view priority.
 * At background priority they share the background part of the minute's
 * request budget with the ledger refresh and a review's load, and a load just
 * read could hold an approver's credit back until the window freed (about 45 s
 * after the decision note, which went at view priority). Reads keep the
 * priority they were asked with.
 */
export const writesAsView =
  (clientFor: (priority: Priority) => Client, priority: Priority): Client =>
  (request, options) =>
    clientFor(request.method === 'GET' ? priority : 'view')(request, options);
