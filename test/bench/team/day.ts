import type { TicketRef } from '../../../lib/domain/ticket-ref';
import type { SimTicket, SimUser } from '../../sim/data/model';
import { seededUuid } from '../../sim/data/team';
import { makeRng, type Rng } from '../../sim/rng';
import type { Simulator } from '../../sim/server';
import type { TeamFlags } from './flags';
import type { Browser } from './rep';
import type { VirtualTime } from './virtual-time';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/**
 * The working day the week's rates are spread over, whatever `--hours` measures: half an
 * hour of a day is half an hour at the day's rate, not the whole day's grants squeezed into it.
 */
export const WORKDAY_HOURS = 8;
/** Tickets a rep keeps coming back to: the last few it opened. */
const RECENT_TICKETS = 10;

/** What the team did in the day, as the reps saw it answered. */
export interface DayLog {
  views: number;
  grants: number;
  grantsRefused: number;
  claims: number;
  escalations: number;
  caseworkRefused: number;
  pins: number;
  watchCycles: number;
  /** Errors the modules threw, by message (a few kinds, many times each). */
  errors: Map<string, number>;
}

/** The gap to the next event of a Poisson process of `perHour` events an hour. */
const gap = (rng: Rng, perHour: number): number =>
  perHour <= 0 ? Number.POSITIVE_INFINITY : (-Math.log(1 - rng()) / perHour) * HOUR_MS;

const refOf = (t: SimTicket): TicketRef => ({ helpdesk: t.helpdesk, account: t.account, id: t.id });

/**
 * A working day of the team: each rep views a ticket every few minutes (the sidebar's
 * reads, and the ledger refresh a view starts when it is due), part of them tickets it
 * opened lately (warm), grants on the ticket in view (2,000 a day for 10,000 a week,
 * spread over the reps and WORKDAY_HOURS), claims, escalates and pins at the flags'
 * rates, and runs a watch cycle every few minutes; all on the one virtual clock.
 */
export async function workDay(options: {
  sim: Simulator;
  host: string;
  reps: Browser[];
  time: VirtualTime;
  flags: TeamFlags;
  end: number;
  /** Tickets the team works on: open, not archived. */
  tickets: SimTicket[];
  escalationGroup: string;
}): Promise<DayLog> {
  const { reps, time, flags, end, tickets } = options;
  const log: DayLog = {
    views: 0,
    grants: 0,
    grantsRefused: 0,
    claims: 0,
    escalations: 0,
    caseworkRefused: 0,
    pins: 0,
    watchCycles: 0,
    errors: new Map(),
  };
  const failed = (error: unknown) => {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 120);
    log.errors.set(message, (log.errors.get(message) ?? 0) + 1);
  };
  const grantsPerRepHour = flags.grantsWeek / 5 / Math.max(1, reps.length) / WORKDAY_HOURS;

  /** One kind of work of one rep, again and again at random gaps until the day ends. */
  const busy = new Map<string, number>();
  const every = async (name: string, rng: Rng, perHour: number, work: () => Promise<void>) => {
    for (;;) {
      const wait = gap(rng, perHour);
      if (time.now() + wait >= end) return;
      await time.sleep(wait);
      busy.set(name, (busy.get(name) ?? 0) + 1);
      await work().catch(failed);
      busy.set(name, (busy.get(name) ?? 0) - 1);
    }
  };
  const pick = (rng: Rng) => tickets[Math.floor(rng() * tickets.length)] as SimTicket;

  const loops = reps.flatMap((rep, r) => {
    const rng = makeRng(flags.seed * 7919 + r);
    const recent: SimTicket[] = [];
    const view = async (t: SimTicket) => {
      const seen = recent.indexOf(t);
      if (seen >= 0) recent.splice(seen, 1);
      recent.push(t);
      if (recent.length > RECENT_TICKETS) recent.shift();
      await rep.view(refOf(t));
      log.views++;
    };
    /** A rep's next ticket: one of its recent ones again (`--revisit` of views), else one it has not opened lately. */
    const next = () =>
      recent.length > 0 && rng() < flags.revisit
        ? (recent[Math.floor(rng() * recent.length)] as SimTicket)
        : pick(rng);
    /**
     * A grant, claim or escalation is made on the ticket the rep has in view: no view of its
     * own (one only when the rep has opened nothing yet).
     */
    const inView = async (): Promise<SimTicket> => {
      const t = recent.at(-1);
      if (t !== undefined) return t;
      const first = pick(rng);
      await view(first);
      return first;
    };
    return [
      every('views', rng, 60 / flags.viewMinutes, () => view(next())),
      every('grants', rng, grantsPerRepHour, async () => {
        const t = await inView();
        const amount = (1 + Math.floor(rng() * 25)) * 100;
        const result = await rep.grant(refOf(t), t.requesterId, amount, seededUuid(rng));
        if (result.ok) log.grants++;
        else log.grantsRefused++;
      }),
      every('claims', rng, flags.claimsPerHour, async () => {
        const t = await inView();
        const result = await rep.casework(refOf(t), { kind: 'claim', opId: seededUuid(rng) });
        if (result.ok) log.claims++;
        else log.caseworkRefused++;
      }),
      every('escalations', rng, flags.escalationsPerHour, async () => {
        const t = await inView();
        const result = await rep.casework(refOf(t), {
          kind: 'escalate',
          opId: seededUuid(rng),
          toGroupId: options.escalationGroup,
          summary: 'Needs the second line: the customer was charged twice.',
        });
        if (result.ok) log.escalations++;
        else log.caseworkRefused++;
      }),
      every('pins', rng, flags.pinsPerHour, async () => {
        await rep.pin(refOf(pick(rng)));
        log.pins++;
      }),
      every('watch', rng, 60 / flags.watchMinutes, async () => {
        await rep.watch();
        log.watchCycles++;
      }),
    ];
  });
  let finished = false;
  // Work started before the end (a grant's undo window, a ledger refresh, a retry) finishes on the clock.
  void Promise.all(loops)
    .then(() => Promise.all(reps.map((r) => r.idle())))
    .then(() => {
      finished = true;
    });
  await time.runUntil(end);
  for (let i = 0; i < flags.drainMinutes && !finished; i++) await time.runUntil(time.now() + MINUTE_MS);
  if (!finished) {
    const still = [...busy].filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name}`);
    failed(
      new Error(
        `work still running ${flags.drainMinutes} minutes after the day ended: ${still.join(', ') || 'ledger refreshes'}`,
      ),
    );
  }
  for (const rep of reps) for (const e of rep.errors) failed(e);
  return log;
}

export const teamAgents = (agents: SimUser[], reps: number, manager: SimUser): SimUser[] =>
  agents.filter((a) => a.id !== manager.id).slice(0, reps);
