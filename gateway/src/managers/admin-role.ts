import { z } from 'zod';
import type { Agent } from '../../../lib/domain/model';
import { type Client, HelpdeskError } from '../../../lib/helpdesks/http';
import { fetchJson } from '../../../lib/helpdesks/parse';
import type { HelpdeskKind } from '../../../lib/helpdesks/registry';

const ZendeskRole = z.object({ user: z.object({ role: z.string().nullish() }) });
const FreshdeskRoleIds = z.object({ role_ids: z.array(z.union([z.number(), z.string()])).default([]) });
const FreshdeskRoles = z.array(z.object({ id: z.union([z.number(), z.string()]), name: z.string() }));

/** Freshdesk's built-in role for the account's owners (helpdesk-apis.md, Agent `role_ids`). */
const FRESHDESK_ACCOUNT_ADMIN = 'Account Administrator';

/**
 * Whether the signed-in agent administers the account, asked with their own credential:
 * a Zendesk `admin`, or a Freshdesk agent holding the Account Administrator role. Freshdesk
 * lists roles only to administrators, so a 403 there is a plain no.
 */
export async function isAccountAdmin(kind: HelpdeskKind, client: Client, _me: Agent): Promise<boolean> {
  if (kind === 'zendesk') {
    const { data } = await fetchJson(client, { method: 'GET', path: '/api/v2/users/me.json' }, ZendeskRole);
    return data.user.role === 'admin';
  }
  const { data: me } = await fetchJson(
    client,
    { method: 'GET', path: '/api/v2/agents/me' },
    FreshdeskRoleIds,
  );
  if (me.role_ids.length === 0) return false;
  try {
    const { data: roles } = await fetchJson(client, { method: 'GET', path: '/api/v2/roles' }, FreshdeskRoles);
    const admin = new Set(roles.filter((r) => r.name === FRESHDESK_ACCOUNT_ADMIN).map((r) => String(r.id)));
    return me.role_ids.some((id) => admin.has(String(id)));
  } catch (e) {
    if (e instanceof HelpdeskError && (e.kind === 'forbidden' || e.kind === 'not-found')) return false;
    throw e;
  }
}
