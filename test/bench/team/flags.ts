import { parseArgs } from 'node:util';
import type { Helpdesk } from '../../sim/data/model';

export interface TeamFlags {
  helpdesks: Helpdesk[];
  reps: number;
  grantsWeek: number;
  /** Tickets this week's grants sit on (the 6,000 for 10,000 grants: 60 %). */
  grantTickets: number;
  tickets: number;
  plan: string;
  hours: number;
  /** The scheduler's share of the plan (budgetShare), for every browser and the review. */
  share: number;
  seed: number;
  /** Minutes between a rep's ticket views. */
  viewMinutes: number;
  /** Share of views that open one of the rep's last few tickets again (warm in its profile). */
  revisit: number;
  /** Claims, escalations and pins per rep per hour. */
  claimsPerHour: number;
  escalationsPerHour: number;
  pinsPerHour: number;
  /** Minutes between watch cycles (lib/followthrough/watch-schedule.ts's DEFAULT_WATCH_MINUTES). */
  watchMinutes: number;
  /** The Monday-to-Friday week's day the bench works, YYYY-MM-DD (UTC). */
  date: string;
  /** Virtual minutes the work left at the day's end may take before the meters are read. */
  drainMinutes: number;
  /** Virtual minutes a review load may take before the bench gives up on it. */
  reviewLimitMinutes: number;
  /** The account has the "Frontline ledger" field, its values set for the week's grants. */
  ledgerField: boolean;
  /** Skip parts: the day, the ledger cost at two team sizes, the review. */
  skip: string[];
}

const HELP = `npm run bench:team -- [flags]
  --helpdesk zendesk|freshdesk|both   (both)
  --reps N                            reps working the day (200)
  --grants-week N                     grants already recorded this week, and 1/5 of it granted in an 8-hour day (10000)
  --tickets N                         tickets in the account (100000)
  --plan NAME                         the simulator's plan (test/sim/limits.ts): enterprise = 700/min (enterprise)
  --hours N                           length of the working day (0.5; 8 takes hours of real time)
  --share F                           each browser's share of the plan (0.2)
  --seed N                            (1)
  --revisit F                         share of views of a ticket the rep opened lately (0.4)
  --view-minutes N --claims-per-hour N --escalations-per-hour N --pins-per-hour N
  --watch-minutes N --date YYYY-MM-DD --skip day,ledger,review
  --ledger-field yes|no               the account has the "Frontline ledger" field (yes)
  --drain-minutes N                   virtual minutes the day's leftover work may take before the meters are read (15)
  --review-limit-minutes N            virtual minutes a review load may take (60)`;

const num = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} takes a number, not ${value}\n${HELP}`);
  return n;
};

export function parseFlags(argv: string[]): TeamFlags {
  const { values } = parseArgs({
    args: argv,
    options: {
      helpdesk: { type: 'string' },
      reps: { type: 'string' },
      'grants-week': { type: 'string' },
      'grant-tickets': { type: 'string' },
      tickets: { type: 'string' },
      plan: { type: 'string' },
      hours: { type: 'string' },
      share: { type: 'string' },
      seed: { type: 'string' },
      'view-minutes': { type: 'string' },
      revisit: { type: 'string' },
      'claims-per-hour': { type: 'string' },
      'escalations-per-hour': { type: 'string' },
      'pins-per-hour': { type: 'string' },
      'watch-minutes': { type: 'string' },
      date: { type: 'string' },
      skip: { type: 'string' },
      'ledger-field': { type: 'string' },
      'drain-minutes': { type: 'string' },
      'review-limit-minutes': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const helpdesk = values.helpdesk ?? 'both';
  if (!['zendesk', 'freshdesk', 'both'].includes(helpdesk))
    throw new Error(`--helpdesk ${helpdesk}?\n${HELP}`);
  const grantsWeek = num(values['grants-week'], 10_000, 'grants-week');
  const date = values.date ?? '2026-12-03';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`--date takes YYYY-MM-DD\n${HELP}`);
  return {
    helpdesks: helpdesk === 'both' ? ['zendesk', 'freshdesk'] : [helpdesk as Helpdesk],
    reps: Math.max(1, Math.floor(num(values.reps, 200, 'reps'))),
    grantsWeek,
    grantTickets: Math.floor(num(values['grant-tickets'], Math.round(grantsWeek * 0.6), 'grant-tickets')),
    tickets: Math.floor(num(values.tickets, 100_000, 'tickets')),
    plan: values.plan ?? 'enterprise',
    hours: num(values.hours, 0.5, 'hours'),
    share: num(values.share, 0.2, 'share'),
    seed: Math.floor(num(values.seed, 1, 'seed')),
    viewMinutes: num(values['view-minutes'], 5, 'view-minutes'),
    revisit: Math.min(1, num(values.revisit, 0.4, 'revisit')),
    claimsPerHour: num(values['claims-per-hour'], 1, 'claims-per-hour'),
    escalationsPerHour: num(values['escalations-per-hour'], 0.25, 'escalations-per-hour'),
    pinsPerHour: num(values['pins-per-hour'], 0.5, 'pins-per-hour'),
    watchMinutes: num(values['watch-minutes'], 5, 'watch-minutes'),
    date,
    ledgerField: values['ledger-field'] !== 'no',
    drainMinutes: num(values['drain-minutes'], 15, 'drain-minutes'),
    reviewLimitMinutes: num(values['review-limit-minutes'], 60, 'review-limit-minutes'),
    skip: (values.skip ?? '').split(',').filter((s) => s !== ''),
  };
}
