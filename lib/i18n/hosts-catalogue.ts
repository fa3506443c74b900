import { translatorFor } from './t';

/**
 * The options page's custom-host strings: a catalogue of its own so the sidebar's bundle
 * does not carry them, under the same rules as ./catalogue (keys in [a-z0-9_], all
 * prefixed `hosts_`, so one `_locales/<lang>/messages.json` holds every catalogue).
 */
export const hostsEn = {
  hosts_title: 'Helpdesk on your own domain',
  hosts_help:
    'If your helpdesk opens on a domain of your own (support.acme.com), add it with the account it belongs to. Your browser asks you to allow Frontline there; then reload the helpdesk tab.',
  hosts_none: 'No custom helpdesk hosts.',
  hosts_host: 'Host',
  hosts_account: 'Account',
  hosts_add: 'Add and allow',
  hosts_allow: 'Allow',
  hosts_remove: 'Remove',
  hosts_by_admin: 'set by your organization',
  hosts_by_rep: 'added by you',
  hosts_active: 'On',
  hosts_needs_permission: 'Needs your permission',
  hosts_listed: '{host} is already listed.',
  hosts_refused: 'Not added: the browser did not allow Frontline on {host}.',
  hosts_added: 'Added. Reload the helpdesk tab on {host}.',
} as const;

export type HostsKey = keyof typeof hostsEn;

export const { t: ht } = translatorFor(hostsEn);
