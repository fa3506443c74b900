import { type AllowRule, allowedBy } from '../allow-rule';

const ID = '\\d{1,20}';
const p = (pattern: string) => new RegExp(`^/api/v2/${pattern}\\.json$`);

/** Exactly the Zendesk endpoints this adapter calls (see api.ts); everything else is refused. */
export const ZENDESK_RULES: readonly AllowRule[] = [
  { method: 'GET', path: p('users/me') },
  { method: 'GET', path: p(`users/${ID}`) },
  { method: 'GET', path: p('users/show_many') },
  { method: 'GET', path: p(`users/${ID}/tickets/requested`) },
  { method: 'GET', path: p('search') },
  { method: 'GET', path: p('tickets/show_many') },
  { method: 'GET', path: p(`tickets/${ID}`) },
  { method: 'GET', path: p(`tickets/${ID}/audits`) },
  { method: 'GET', path: p('groups') },
  { method: 'GET', path: p(`users/${ID}/groups`) },
  { method: 'PUT', path: p(`tickets/${ID}`) },
  { method: 'PUT', path: p(`tickets/${ID}/tags`) },
  { method: 'DELETE', path: p(`tickets/${ID}/tags`) },
];

export const zendeskAllows = (method: string, path: string): boolean =>
  allowedBy(ZENDESK_RULES, method, path);
