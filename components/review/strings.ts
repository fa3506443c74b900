import { interpolate, type Params } from '../../lib/i18n/t';

/**
 * The review page's English strings. They live here rather than in the shared
 * catalogue (another team's file); the same `{name}` placeholders, so moving
 * them into the catalogue later is a copy.
 */
const en = {
  title: 'Credit review',
  period: 'Period',
  period_policy: 'The policy’s period',
  'period_this-week': 'This week',
  'period_last-week': 'Last week',
  'period_this-month': 'This month',
  'period_last-month': 'Last month',
  load: 'Load',
  loading: 'Loading…',
  progress: 'Loaded {loaded} of {of} tickets…',
  loaded: '{grants} grants from {tickets} tickets, loaded in {seconds} s.',
  range: '{from} to {to} ({zone})',
  filter: 'Filter by agent, customer, ticket or reason',
  col_agentName: 'Agent',
  col_customerName: 'Customer',
  col_ticketId: 'Ticket',
  col_amount: 'Amount',
  col_reason: 'Reason',
  col_at: 'Time',
  no_grants: 'No credits were granted in this period.',
  shown: '{shown} of {all} grants shown',
  export: 'Export CSV',
  agents: 'Per agent',
  col_count: 'Grants',
  col_total: 'Total',
  col_median: 'Median',
  col_share: 'Solved cases with a grant',
  unknown_share: '—',
  outlier_rule: 'Flagged: {rule}.',
  outlier_none: 'Outliers are flagged from four agents up.',
  outlier_high: 'far above the team',
  outlier_low: 'far below the team',
  chart: 'Total credits per agent',
  chart_daily: 'Team total per day',
  queue: 'Approval requests',
  queue_empty: 'No requests are waiting.',
  queue_item: '{agent} asks to credit {customer} {amount} on ticket {ticket}',
  approve: 'Approve',
  decline: 'Decline',
  decline_reason: 'Reason for declining (the rep sees it)',
  sending: 'Sending…',
  decided: 'Done.',
  retro: 'Retrospective',
  retro_empty: 'No solved cases with credits in this period.',
  retro_position: 'Case {at} of {of}',
  retro_conversation: 'Conversation',
  retro_grant: '{agent} granted {amount}: {reason}',
  retro_resolution: 'Resolution: solved',
  retro_note: 'Coaching note (private, on the ticket)',
  retro_leave: 'Leave a coaching note',
  retro_next: 'Next',
  retro_saved: 'Coaching note saved.',
  errors: 'Not loaded: {errors}',
} as const;

export type ReviewKey = keyof typeof en;

export const rt = (key: ReviewKey, params?: Params): string => interpolate(en[key], params);
