import { type AllowRule, allowedBy } from '../allow-rule';

const ID = '\\d{1,20}';
const p = (pattern: string) => new RegExp(`^/api/v2/${pattern}$`);

/** Exactly the Freshdesk endpoints this adapter calls (see api.ts); everything else is refused. */
export const FRESHDESK_RULES: readonly AllowRule[] = [
  { method: 'GET', path: p('agents/me') },
  { method: 'GET', path: p(`agents/${ID}`) },
  { method: 'GET', path: p('tickets') },
  { method: 'GET', path: p(`tickets/${ID}`) },
  { method: 'GET', path: p(`tickets/archived/${ID}`) },
  { method: 'GET', path: p(`tickets/${ID}/conversations`) },
  { method: 'GET', path: p(`tickets/archived/${ID}/conversations`) },
  { method: 'GET', path: p(`contacts/${ID}`) },
  { method: 'GET', path: p(`companies/${ID}`) },
  { method: 'GET', path: p('groups') },
  { method: 'GET', path: p('search/tickets') },
  { method: 'POST', path: p(`tickets/${ID}/notes`) },
  { method: 'PUT', path: p(`tickets/${ID}`) },
];

export const freshdeskAllows = (method: string, path: string): boolean =>
  allowedBy(FRESHDESK_RULES, method, path);
