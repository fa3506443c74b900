import { z } from 'zod';
import { type Client, HelpdeskError, type HelpdeskErrorKind } from '../http';
import { fetchJson } from '../parse';

/**
 * What the account's own statuses (6 and up) mean, where they mean done: status number →
 * 'solved' or 'closed'. Statuses not in it are 'custom' (still being worked).
 */
export type StatusMeanings = ReadonlyMap<number, 'solved' | 'closed'>;

export const NO_MEANINGS: StatusMeanings = new Map();

const RESOLVED = 4;
const CLOSED = 5;
const FIRST_CUSTOM = 6;

export const isCustomStatus = (status: number): boolean => status >= FIRST_CUSTOM;

/**
 * `GET /api/v2/ticket_fields`: the status field's `choices` map each status number to
 * `[agent label, customer label]` (`"6": ["Waiting on Customer", "Awaiting your Reply"]`;
 * developers.freshdesk.com/api/#ticket_fields, and a trial account's answer quoted in public
 * connector notes). Other fields' choices have other shapes, so only the status field's are read.
 */
export const FreshdeskTicketFields = z.array(z.object({ name: z.string(), choices: z.unknown().optional() }));
const StatusChoices = z.record(z.string(), z.array(z.string()));

const label = (choice: readonly string[] | undefined): string | null =>
  choice?.[1]?.trim().toLowerCase() || null;

/**
 * The public API says nothing else about a custom status (no category; the SLA-timer flag is
 * only in the admin API, and stopping the timer also fits "waiting on customer"). What it
 * does say is what the customer is told: a custom status shown to customers with the
 * built-in Resolved (or Closed) status's label is one the admin made to mean resolved (or closed).
 */
export function statusMeanings(fields: z.output<typeof FreshdeskTicketFields>): StatusMeanings {
  const parsed = StatusChoices.safeParse(fields.find((f) => f.name === 'status')?.choices);
  if (!parsed.success) return NO_MEANINGS;
  const choices = parsed.data;
  const resolved = label(choices[RESOLVED]);
  const closed = label(choices[CLOSED]);
  const meanings = new Map<number, 'solved' | 'closed'>();
  for (const [key, choice] of Object.entries(choices)) {
    const status = Number(key);
    if (!Number.isInteger(status) || !isCustomStatus(status)) continue;
    const shown = label(choice);
    if (shown === null) continue;
    if (shown === resolved) meanings.set(status, 'solved');
    else if (shown === closed) meanings.set(status, 'closed');
  }
  return meanings;
}

/** Statuses change when an admin edits them: an hour is fresh enough, and costs one request an hour. */
const FRESH_MS = 60 * 60_000;
const cache = new Map<string, { at: number; meanings: Promise<StatusMeanings> }>();

/** Answers that will not change within the hour: asking again on every read would only cost requests. */
const LASTING: ReadonlySet<HelpdeskErrorKind> = new Set(['forbidden', 'not-found', 'invalid', 'malformed']);

/**
 * The account's status meanings, read once an hour per account (and per worker life: the
 * service worker starts with an empty cache). A failed read means none (a custom status
 * stays 'custom', as before); a refusal is kept for the hour, a passing failure is not.
 */
export function freshdeskStatuses(
  client: Client,
  account: string,
  now = Date.now(),
): Promise<StatusMeanings> {
  const cached = cache.get(account);
  if (cached && now - cached.at < FRESH_MS) return cached.meanings;
  const meanings = fetchJson(
    client,
    { method: 'GET', path: '/api/v2/ticket_fields' },
    FreshdeskTicketFields,
  ).then(
    ({ data }) => statusMeanings(data),
    (error: unknown) => {
      if (!(error instanceof HelpdeskError && LASTING.has(error.kind))) cache.delete(account);
      return NO_MEANINGS;
    },
  );
  cache.set(account, { at: now, meanings });
  return meanings;
}
