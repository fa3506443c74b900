import { z } from 'zod';
import type { Client } from '../http';
import { type FreshdeskTicketFields, freshdeskTicketFields } from './ticket-fields';

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

const StatusChoices = z.record(z.string(), z.array(z.string()));

const label = (choice: readonly string[] | undefined): string | null =>
  choice?.[1]?.trim().toLowerCase() || null;

/**
 * The public API says nothing else about a custom status (no category; the SLA-timer flag is
 * only in the admin API, and stopping the timer also fits "waiting on customer"). What it
 * does say is what the customer is told: a custom status shown to customers with the
 * built-in Resolved (or Closed) status's label is one the admin made to mean resolved (or closed).
 */
export function statusMeanings(fields: FreshdeskTicketFields): StatusMeanings {
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

/** The account's status meanings, from its ticket fields (read once an hour, ticket-fields.ts). */
export const freshdeskStatuses = async (
  client: Client,
  account: string,
  now = Date.now(),
): Promise<StatusMeanings> => statusMeanings(await freshdeskTicketFields(client, account, now));
