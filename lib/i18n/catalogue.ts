/**
 * The English catalogue: the fallback when `browser.i18n` has no translation.
 * Keys use only [a-z0-9_] so the same names work in `_locales/<lang>/messages.json`.
 * Placeholders are `{name}`; plural forms are `<key>_one` / `<key>_other`
 * (see `tp` in ./t.ts).
 */
export const en = {
  sidebar_label: 'Frontline',
  collapse_sidebar: 'Collapse sidebar',
  loading: 'Loading…',
  refreshing: 'Refreshing…',
  retry: 'Retry',
  updated_just_now: 'updated just now',
  updated_ago: 'updated {ago}',
  never_updated: 'not loaded yet',
  error_with_status: '{message} ({status})',
  offline_banner: 'You are offline. Showing saved data.',
  offline_banner_since: 'You are offline. Showing saved data from {ago}.',
  signed_out: 'Sign in to {helpdesk} to see this ticket’s context.',
  helpdesk_zendesk: 'Zendesk',
  helpdesk_freshdesk: 'Freshdesk',
  ticket_number: '#{id}',

  customer_title: 'Customer',
  customer_no_email: 'No email',
  tickets_total_one: '{count} ticket',
  tickets_total_other: '{count} tickets',
  tickets_open_one: '{count} open',
  tickets_open_other: '{count} open',
  credits_title: 'Credits, last 90 days',
  credits_none: 'No credits in the last 90 days',
  credits_from: '{amount} from {names}',

  owner_title: 'Owner',
  owner_none: 'No owner yet',
  owner_source_marker: 'claimed',
  owner_source_first_assigned: 'first assigned',
  owner_source_first_replied: 'first replied',
  owner_now_with: 'Now with {assignee}',
  owner_now_with_group: 'Now with {assignee} in {group}',
  owner_now_in_group: 'Now in {group}, unassigned',
  owner_group: 'Group {group}',

  escalation_title: 'Escalation',
  escalation_none: 'Not escalated',
  escalation_escalated: 'Escalated to {holder}',
  escalation_updated: 'Updated by {holder}',
  escalation_reported_back: 'Reported back by {holder}',
  escalation_returned: 'Returned by {holder}',
  escalation_overdue: 'Overdue: {holder} has not reported back',
  escalation_unknown_holder: 'another team',
  escalation_since: 'since {time} ({age})',
  escalation_due: 'report due {time}',
  escalation_was_due: 'report was due {time} ({age} ago)',
  escalation_reported_at: 'reported {time}',

  history_title: 'Case history',
  history_filter_label: 'Filter case history',
  history_filter_placeholder: 'Filter by subject or text',
  history_status_label: 'Status',
  history_status_all: 'All statuses',
  history_status_option: '{status} ({count})',
  history_loaded: 'Loaded {loaded} of {total}',
  history_loaded_unknown: 'Loaded {loaded}…',
  history_showing: 'Showing {shown} of {count}',
  history_empty: 'No earlier tickets for this customer.',
  history_no_match: 'No tickets match this filter.',
  history_current: 'This ticket',
  history_escalated: 'Escalated',
  history_archived: 'Archived',
  history_created: 'Created {time}',
  history_updated: 'updated {time}',
  history_unassigned: 'Unassigned',
  history_credit: 'Credited {amount}',
  history_credited: 'Credited',
  history_list_label: 'Earlier tickets, newest first',

  entries_loading: 'Loading conversation…',
  entries_empty: 'No replies or notes on this ticket.',
  entry_public: 'Public reply',
  entry_private: 'Private note',
  entry_customer: 'Customer',
  entry_unknown_author: 'Unknown author',
  show_more: 'Show more',
  show_less: 'Show less',

  status_new: 'New',
  status_open: 'Open',
  status_pending: 'Pending',
  status_on_hold: 'On hold',
  status_solved: 'Solved',
  status_closed: 'Closed',
  status_custom: 'Status {raw}',
  status_custom_any: 'Custom statuses',

  channel_unknown: 'Unknown channel',
  channel_email: 'Email',
  channel_web: 'Web form',
  channel_portal: 'Portal',
  channel_chat: 'Chat',
  channel_phone: 'Phone',
  channel_voice: 'Phone',
  channel_api: 'API',
  channel_mobile: 'Mobile',
  channel_feedback_widget: 'Widget',
} as const;

export type MessageKey = keyof typeof en;

/** Keys that have `_one` / `_other` forms, named without the suffix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_one`
    ? `${Base}_other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];
