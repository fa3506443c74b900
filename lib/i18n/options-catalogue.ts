import { translatorFor } from './t';

/**
 * The options page's English strings: a catalogue of its own so the sidebar's bundle does not
 * carry them (its help texts alone are ~2 KB), under the same rules as ./catalogue (keys in
 * [a-z0-9_], all prefixed `options_`, so one `_locales/<lang>/messages.json` holds every page's).
 */
export const optionsEn = {
  options_title: 'Frontline settings',
  options_policy_title: 'Credit policy',
  options_policy_managed: 'Managed by your organization',
  options_policy_managed_help: 'Your administrator set this policy; it cannot be changed here.',
  options_policy_self: 'Self-managed policy',
  options_policy_none: 'No credit policy is set: credits are off until one is saved.',
  options_policy_invalid: 'This policy is invalid, so credits are off: {reason}',
  options_managed_title: 'Organization policy in this browser',
  options_managed_present:
    'This browser has followed your organization’s credit policy since {since}. If it ever stops being readable, credits stay off until an administrator restores it.',
  options_managed_vanished:
    'Your organization’s credit policy is no longer readable; credits are off until an administrator restores it.',
  options_managed_forget_help:
    'This browser has followed your organization’s credit policy since {since}, and it is gone now. Only if your organization stopped managing Frontline on purpose: the button below makes this browser forget that policy, so the self-managed policy on this page applies to credits again.',
  options_managed_forget: 'Forget the organization’s policy and use the self-managed one',
  options_managed_forget_refused:
    'Your organization’s policy is present again, so there is nothing to forget.',
  options_currency: 'Currency',
  options_period: 'Period',
  options_period_day: 'Day',
  options_period_week: 'Week (starts Monday)',
  options_period_month: 'Month',
  options_time_zone: 'Time zone',
  options_tiers: 'Tiers',
  options_tier_name: 'Name',
  options_tier_per_grant: 'Per grant',
  options_tier_per_customer: 'Per customer per period',
  options_tier_per_period: 'Per period',
  options_tier_add: 'Add tier',
  options_remove: 'Remove',
  options_default_tier: 'Default tier',
  options_default_tier_none: 'None (unlisted agents cannot grant)',
  options_agents: 'Agents',
  options_agent_key: 'Agent id or email',
  options_agent_tier: 'Tier',
  options_agent_add: 'Add agent',
  options_presets: 'Preset amounts',
  options_presets_help:
    'The one-click amounts the sidebar offers: up to six, in {currency}, separated by spaces, e.g. 5 10 25.',
  options_reasons: 'Reasons',
  options_reasons_help:
    'What a rep picks from when granting; at least one, one per line, e.g. Late delivery.',
  options_approvers: 'Approvers',
  options_approvers_help:
    'Who decides requests over a rep’s limit (never their own): agent ids or emails, one per line, e.g. lead@acme.com.',
  options_undo_seconds: 'Undo seconds',
  options_report_back_hours: 'Report-back due hours',
  options_webhook: 'Billing webhook (optional)',
  options_webhook_url: 'URL',
  options_webhook_secret: 'Shared secret',
  options_edit_json: 'Edit as JSON',
  options_edit_form: 'Edit as form',
  options_json_label: 'Policy JSON',
  options_json_invalid: 'This is not valid JSON: {reason}',
  options_amount_invalid: '{field}: enter an amount such as {example}',
  options_number_invalid: '{field}: enter a whole number',
  options_save: 'Save policy',
  options_saved: 'Saved. The new policy is in force.',
  options_save_failed: 'Could not save: {reason}',
  options_keys_title: 'Helpdesk API keys',
  options_keys_none: 'No key is saved in this browser. The sidebar asks for one when a credit needs it.',
  options_key_refused:
    '{helpdesk} refused this key ({status}). Enter a new one: credits waiting for it are sent then.',
  options_key_new: 'New key for {account}',
  options_key_replace: 'Replace key',
  options_key_replaced: 'Saved. Credits waiting for a key are being sent.',
  options_settings_title: 'Follow-through',
  options_watch_interval: 'Check pinned tickets every (minutes)',
  options_notifications: 'Notify me when a pinned ticket moves',
  options_settings_save: 'Save settings',
  options_settings_invalid: 'The interval must be a whole number of minutes from 1 to 1440.',
  options_settings_saved: 'Settings saved.',
  options_currency_help: 'The ISO 4217 code every amount on this page is in, e.g. USD, EUR or JPY.',
  options_period_help: 'How often the limits below start again from zero.',
  options_time_zone_help: 'The period starts at midnight here: an IANA zone, e.g. Europe/Berlin.',
  options_tiers_help:
    'A tier is a set of limits in {currency}. Per grant: the most one credit may be, e.g. 25.00. Per customer per period: the most one customer may get from one rep in a period. Per period: the most one rep may grant in a period. Each is at most the next.',
  options_default_tier_help: 'The tier of every agent not listed under Agents.',
  options_agents_help:
    'Agents with another tier than the default: a helpdesk agent id (e.g. 360012345678) or an email (e.g. ada@acme.com).',
  options_undo_seconds_help:
    'How long a rep can undo a credit before it is written, in seconds (0–60), e.g. 5.',
  options_report_back_hours_help:
    'How long the holder of an escalation has to report back, in hours (1–720), e.g. 24.',
  options_webhook_help:
    'Optional: told of each credit once its note is in the helpdesk, signed with the shared secret (HMAC-SHA256).',
  options_webhook_url_help: 'An https:// address, e.g. https://billing.acme.com/frontline/credits.',
  options_webhook_secret_help: 'At least 16 characters; the receiver checks each call’s signature with it.',
  options_not_ready: 'Not ready to save yet (nothing you typed is lost):',
  options_form_cannot_hold:
    'The form cannot show this JSON exactly ({fields}): keep editing it here, where it can be saved as it is.',

  // gw-ext (issue 19): the credit gateway's policy, shown read-only.
  options_gateway_title: 'Credit policy from the gateway',
  options_gateway_help:
    'Your organization’s credit gateway at {url} enforces the credit limits and moves the money. Its policy is shown here read-only.',
  options_gateway_none: 'Not read yet: it is read from the gateway when a ticket is opened.',
  options_gateway_copy: '{account}: read {time}',
} as const;

export type OptionsKey = keyof typeof optionsEn;

export const { t: opt } = translatorFor(optionsEn);
