import { planOf, windowOf } from '../../sim/limits';
import type { AccountDay } from './account-day';
import type { TeamFlags } from './flags';
import type { LedgerCost } from './ledger-cost';
import { BACKGROUND, FOREGROUND, KINDS, type Kind } from './traffic';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface Figure {
  helpdesk: string;
  figure: string;
  value: number | string | null;
  budget: string;
  ok: 'met' | 'MISSED' | '';
}

const judge = (value: number | null, max: number): Figure['ok'] =>
  value !== null && value <= max ? 'met' : 'MISSED';

/** Mean per minute over the day, and the busiest whole working hour's per-minute rate. */
function rates(perMinute: Map<number, number>, minutes: number): { mean: number; peakHour: number } {
  let total = 0;
  const hours = new Map<number, number>();
  for (const [m, n] of perMinute) {
    if (m < 0 || m >= minutes) continue;
    total += n;
    hours.set(Math.floor(m / 60), (hours.get(Math.floor(m / 60)) ?? 0) + n);
  }
  // A day shorter than an hour, or its last part hour, is a rate over the minutes it has.
  const minutesOf = (hour: number) => Math.min(60, minutes - hour * 60);
  const peakHour = Math.max(0, ...[...hours].map(([hour, n]) => n / minutesOf(hour)));
  return { mean: total / Math.max(1, minutes), peakHour };
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The plan's limit as requests a minute (Freshdesk's hourly plans divided by 60). */
export const planPerMinute = (plan: string, helpdesk: AccountDay['helpdesk']): number => {
  const p = planOf(plan);
  return (p[helpdesk] * MINUTE_MS) / windowOf(p, helpdesk);
};

export function trafficTable(day: AccountDay) {
  const minutes = Math.round((day.dayEnd - day.dayStart) / MINUTE_MS);
  const isRep = (who: string) => who.startsWith('rep ');
  const reps = Math.max(1, day.reps.length);
  const rows = [...KINDS, 'background', 'foreground', 'all'].map((kind) => {
    const kinds: readonly Kind[] =
      kind === 'background'
        ? BACKGROUND
        : kind === 'foreground'
          ? FOREGROUND
          : kind === 'all'
            ? KINDS
            : [kind as Kind];
    const account = rates(day.traffic.perMinute({ kinds, who: isRep }), minutes);
    return {
      helpdesk: day.helpdesk,
      kind,
      'account /min (mean)': round(account.mean),
      'account /min (peak hour)': round(account.peakHour),
      'per rep /min (mean)': round(account.mean / reps, 3),
      'per rep /min (peak hour)': round(account.peakHour / reps, 3),
    };
  });
  return rows.filter((r) => r.kind !== 'review');
}

export function figures(day: AccountDay, flags: TeamFlags, costs: LedgerCost[]): Figure[] {
  const out: Figure[] = [];
  const add = (figure: string, value: Figure['value'], budget = '', ok: Figure['ok'] = '') =>
    out.push({ helpdesk: day.helpdesk, figure, value, budget, ok });
  const limit = planPerMinute(flags.plan, day.helpdesk);
  const minutes = Math.round((day.dayEnd - day.dayStart) / MINUTE_MS);
  const isRep = (who: string) => who.startsWith('rep ');
  const background = rates(day.traffic.perMinute({ kinds: BACKGROUND, who: isRep }), minutes);
  const foreground = rates(day.traffic.perMinute({ kinds: FOREGROUND, who: isRep }), minutes);
  add('plan limit (requests/min)', limit);
  if (day.checked > 0) {
    add(
      'background (ledger+watcher+names), peak hour, % of plan',
      round((100 * background.peakHour) / limit),
      '≤ 10 %',
      judge((100 * background.peakHour) / limit, 10),
    );
    add('background, mean over the day, % of plan', round((100 * background.mean) / limit));
    add('foreground (sidebar+writes), peak hour, % of plan', round((100 * foreground.peakHour) / limit));
    const wire = day.traffic.wire();
    let refused = 0;
    let sent = 0;
    for (const [who, w] of wire)
      if (isRep(who)) {
        refused += w.refused;
        sent += w.sent;
      }
    add('requests on the wire (reps, retries included)', sent);
    add("429s received by the reps' browsers", refused, '= 0', refused === 0 ? 'met' : 'MISSED');
    add(
      'reps whose meter ≠ the notes at day end',
      `${day.mismatches.length} of ${day.checked}`,
      '= 0',
      day.mismatches.length === 0 ? 'met' : 'MISSED',
    );
    add('ledger refreshes started by views', day.ledgerRuns);
    add(
      'day: views / grants (refused) / claims / escalations (casework refused) / pins / watch cycles',
      `${day.log.views} / ${day.log.grants} (${day.log.grantsRefused}) / ${day.log.claims} / ${day.log.escalations} (${day.log.caseworkRefused}) / ${day.log.pins} / ${day.log.watchCycles}`,
    );
  }
  const [small, large] = costs;
  if (small && large) {
    add(
      `ledger refresh, one rep, first: ${small.team} reps / ${large.team} reps`,
      `${small.first} / ${large.first}`,
      'same',
      small.first === large.first ? 'met' : 'MISSED',
    );
    add(
      `ledger refresh, one rep, again: ${small.team} reps / ${large.team} reps`,
      `${small.again} / ${large.again}`,
      'same',
      small.again === large.again ? 'met' : 'MISSED',
    );
  }
  if (day.review) {
    const { first, reload } = day.review;
    const s = (ms: number | null) => (ms === null ? null : round(ms / 1000));
    add(
      `review first load: per-agent totals (s, ${flags.share * 100} % share)`,
      s(first.totalsMs),
      '≤ 60 s',
      judge(s(first.totalsMs), 60),
    );
    add(
      'review first load: everything incl. names (s)',
      s(first.everythingMs),
      '≤ 180 s',
      judge(s(first.everythingMs), 180),
    );
    add(
      'review first load: requests / rows / tickets / read / missed',
      `${first.requests} / ${first.rows} / ${first.tickets} / ${first.read} / ${first.missed}`,
    );
    add('review reload, nothing new: requests', reload.requests, '≤ 5', judge(reload.requests, 5));
    if (first.errors.length + reload.errors.length > 0)
      add('review errors', [...first.errors, ...reload.errors].join('; ').slice(0, 200));
  }
  add('real time of this helpdesk (s)', round(day.realMs / 1000));
  return out;
}

/** The busiest endpoints of each of the reps' kinds over the day: what a kind's figure is made of. */
export function endpointTable(day: AccountDay, top = 4) {
  const minutes = Math.max(1, Math.round((day.dayEnd - day.dayStart) / MINUTE_MS));
  return KINDS.filter((k) => k !== 'review').flatMap((kind) =>
    day.traffic
      .endpoints(kind)
      .slice(0, top)
      .map(([endpoint, n]) => ({ kind, endpoint, requests: n, 'per minute': round(n / minutes) })),
  );
}

export function refusalsByWho(day: AccountDay): string {
  const rows = [...day.traffic.wire()]
    .filter(([, w]) => w.refused > 0)
    .sort((a, b) => b[1].refused - a[1].refused);
  if (rows.length === 0) return 'no 429s';
  return `${rows.length} browsers got 429s; most: ${rows
    .slice(0, 5)
    .map(([who, w]) => `${who} ${w.refused}`)
    .join(', ')}`;
}

export { HOUR_MS };
