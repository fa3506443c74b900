import { translatorFor } from './t';

/**
 * The review page's English strings: a catalogue of its own so the sidebar's
 * bundle does not carry them, under the same rules as ./catalogue (keys in
 * [a-z0-9_], all prefixed `review_`, so one `_locales/<lang>/messages.json`
 * holds both; `{name}` placeholders; `browser.i18n` first, English otherwise).
 */
export const reviewEn = {
  review_title: 'Credit review',
  review_period: 'Period',
  review_period_policy: 'The policy’s period',
  review_period_this_week: 'This week',
  review_period_last_week: 'Last week',
  review_period_this_month: 'This month',
  review_period_last_month: 'Last month',
  review_load: 'Load',
  review_loading: 'Loading…',
  review_progress: 'Loaded {loaded} of {of} tickets…',
  review_loaded: '{grants} grants from {tickets} tickets ({read} read again), loaded in {seconds} s.',
  review_so_far: '{grants} grants so far; reading the helpdesk…',
  review_missed:
    '{missed} tagged tickets were beyond what the helpdesk’s search lists in one day and are not counted.',
  review_range: '{from} to {to} ({zone})',
  review_filter: 'Filter by agent, customer, ticket or reason',
  review_col_agent_name: 'Agent',
  review_col_customer_name: 'Customer',
  review_col_ticket_id: 'Ticket',
  review_col_amount: 'Amount',
  review_col_reason: 'Reason',
  review_col_at: 'Time',
  review_no_grants: 'No credits were granted in this period.',
  review_shown: '{shown} of {all} grants shown',
  review_export: 'Export CSV',
  review_agents: 'Per agent',
  review_col_count: 'Grants',
  review_col_total: 'Total',
  review_col_median: 'Median',
  review_col_share: 'Solved cases with a grant',
  review_unknown_share: '—',
  review_counting: 'counting…',
  review_share_rule: 'Solved cases: {rule}.',
  review_outlier_rule: 'Flagged: {rule}.',
  review_outlier_none: 'Outliers are flagged from four agents up.',
  review_outlier_high: 'far above the team',
  review_outlier_low: 'far below the team',
  review_chart: 'Grants per agent: smallest, middle half, median, largest',
  review_chart_spread: '{agent}: {count} grants, {min} to {max}, median {median}',
  review_chart_total: 'total {total}',
  review_chart_daily: 'Team total per day',
  review_queue: 'Approval requests',
  review_queue_empty: 'No requests are waiting.',
  review_queue_item: '{agent} asks to credit {customer} {amount} on ticket {ticket}',
  review_approve: 'Approve',
  review_decline: 'Decline',
  review_decline_reason: 'Reason for declining (the rep sees it)',
  review_sending: 'Sending…',
  review_decided: 'Done.',
  review_retro: 'Retrospective',
  review_retro_empty: 'No solved cases with credits in this period.',
  review_retro_position: 'Case {at} of {of}',
  review_retro_conversation: 'Conversation',
  review_retro_grant: '{agent} granted {amount}: {reason}',
  review_retro_resolution: 'Resolution: solved',
  review_retro_resolution_reply: 'Resolution: solved after {author}’s reply of {at}:',
  review_retro_note: 'Coaching note (private, on the ticket)',
  review_retro_leave: 'Leave a coaching note',
  review_retro_next: 'Next',
  review_retro_saved: 'Coaching note saved.',
  review_errors: 'Not loaded: {errors}',
} as const;

export type ReviewKey = keyof typeof reviewEn;

export const { t: rt } = translatorFor(reviewEn);
