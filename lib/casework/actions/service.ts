import { getOpRecord } from '../../db/op-record-queries';
import { addOutboxRow, outboxRow, postpone } from '../../db/outbox-queries';
import { inOutbox } from '../../db/transactions';
import { CaseworkCommand, type CaseworkView, type PendingOp } from '../../domain/casework';
import type { CommandResult } from '../../domain/command';
import type { Agent } from '../../domain/model';
import { DEFAULT_REPORT_BACK_HOURS } from '../../domain/policy';
import { refKey, type TicketRef } from '../../domain/ticket-ref';
import type { CaseState } from '../case-state';
import { buildCaseworkView } from '../casework-view';
import { loadCase, loadHistory } from './context';
import type { CaseworkServiceDeps } from './deps';
import { CASEWORK_KIND, dueCaseworkRows, nextCaseworkDue } from './outbox';
import { planCommand } from './plan';
import { pendingOps } from './records';
import { sendOp } from './send';

export type { CaseworkServiceDeps } from './deps';

export const OUTBOX_LOCK = 'frontline-casework:outbox';
export const WRONG_ACCOUNT = 'This ticket is on another helpdesk account than the one you are signed in to.';
export const NOT_LOADED = 'Frontline has not loaded this ticket yet; try again in a moment.';
export const INVALID = 'This request is not valid.';

const meOn = (ticket: TicketRef, me: Agent): boolean =>
  me.account === ticket.account && me.helpdesk === ticket.helpdesk;

/** One drain at a time in this service when no Web Lock is given. */
const localLock = () => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(_name: string, work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
};

/**
 * The casework engine behind the sidebar's claim, hand-off, escalate,
 * report-back and route-to-owner. A command is checked against the cache,
 * turned into the exact writes it needs, and queued in the outbox under its op
 * id; drain() sends it. Every state lives in the database, so a killed worker
 * resumes where it stopped.
 */
export function createCaseworkService(deps: CaseworkServiceDeps) {
  const { db } = deps;
  const withLock = deps.withLock ?? localLock();
  const dueHours = async () => (await deps.dueHours?.()) ?? DEFAULT_REPORT_BACK_HOURS;

  async function run(input: unknown, ticket: TicketRef, me: Agent): Promise<CommandResult> {
    const parsed = CaseworkCommand.safeParse(input);
    if (!parsed.success) return { ok: false, message: INVALID };
    const command = parsed.data;
    if (!meOn(ticket, me)) return { ok: false, message: WRONG_ACCOUNT };
    const caseKey = refKey(ticket);
    // The same click again (a double click, a resent message): queued or settled once already.
    if ((await outboxRow(db, command.opId)) !== undefined) return { ok: true };
    if ((await getOpRecord(db, caseKey, command.opId)) !== null) return { ok: true };

    const cached = await loadCase(db, ticket);
    if (cached === null) return { ok: false, message: NOT_LOADED };
    const history = command.kind === 'route-to-owner' ? await loadHistory(db, cached.case) : [];
    const now = deps.now();
    const plan = planCommand({ ...cached, history, me, now, dueHours: await dueHours() }, command);
    if (!plan.ok) return plan;
    if (plan.payload === null) return { ok: true };
    const payload = plan.payload;
    const added = await inOutbox(db, async () => {
      if ((await outboxRow(db, command.opId)) !== undefined) return false;
      await addOutboxRow(db, {
        id: command.opId,
        kind: CASEWORK_KIND,
        caseKey,
        payload,
        createdAt: now,
        nextAttemptAt: now,
        attempts: 0,
        lastError: null,
      });
      return true;
    });
    if (added) deps.changed(ticket);
    return { ok: true };
  }

  /** The sidebar's casework view from the cache; null until the ticket and its entries were fetched once. */
  async function view(
    ticket: TicketRef,
    me: Agent | null,
    myGroupIds: readonly string[],
    /** Owner and escalation as the publish asking for this view worked them out. */
    state: CaseState | null = null,
  ): Promise<CaseworkView | null> {
    const cached = await loadCase(db, ticket);
    if (cached === null) return null;
    const [history, pending] = await Promise.all([
      loadHistory(db, cached.case),
      pendingOps(db, refKey(ticket)),
    ]);
    return buildCaseworkView({
      ...cached,
      history,
      me: me !== null && meOn(ticket, me) ? me : null,
      myGroupIds,
      now: deps.now(),
      dueHours: await dueHours(),
      pending,
      ...(state === null ? {} : { state }),
    });
  }

  return {
    /** Validates and queues a command; `{ ok: true }` also for a duplicate op id. Call drain() after it. */
    run,
    view,
    /** This ticket's writes in flight and unresolved failures, newest first. */
    pending: (ticket: TicketRef): Promise<PendingOp[]> => pendingOps(db, refKey(ticket)),
    /**
     * Sends every due operation, one after another, then says when the next one
     * falls due (epoch ms, for a timer or an alarm) or null. Call on worker start,
     * on an alarm and after each command.
     */
    drain: (): Promise<number | null> =>
      withLock(OUTBOX_LOCK, async () => {
        for (const row of await dueCaseworkRows(db, deps.now())) {
          try {
            await sendOp(deps, row);
          } catch {
            // A database fault in one row must not stall the rest; it is tried again after its backoff.
            await postpone(
              db,
              row.id,
              deps.now(),
              'Something interrupted the request; trying again shortly.',
            );
          }
        }
        return nextCaseworkDue(db);
      }),
  };
}

export type CaseworkService = ReturnType<typeof createCaseworkService>;
