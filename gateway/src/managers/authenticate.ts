import { isApprover } from '../../../lib/credit/policy';
import type { AuthorityPolicy } from '../../../lib/domain/policy';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { type Client, HelpdeskError } from '../../../lib/helpdesks/http';
import type { HelpdeskKind } from '../../../lib/helpdesks/registry';
import { isAccountAdmin } from './admin-role';
import { credentialKey, type VerifiedCache } from './cache';
import { parseCredential } from './credential';

/** A manager the helpdesk vouched for, and why they may read the team. */
export interface Manager {
  account: string;
  agentId: string;
  name: string;
  email: string | null;
  role: 'admin' | 'approver';
}

/** A refused sign-in: 401 the helpdesk did not accept the credential, 403 it did but the role is missing. */
export class ManagerAuthError extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    readonly code: 'unauthenticated' | 'forbidden' | 'helpdesk-unavailable',
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ManagerAuthError';
  }
}

export interface ManagerAuthDeps {
  cache: VerifiedCache<Manager>;
  /** A client for the account's API that sends this Authorization header (forwarding-client.ts). */
  clientFor(account: string, authorization: string): Client;
}

export interface ManagedAccount {
  account: string;
  kind: HelpdeskKind;
  policy: AuthorityPolicy;
}

const helpdeskName = (kind: HelpdeskKind) => (kind === 'zendesk' ? 'Zendesk' : 'Freshdesk');

function refusal(kind: HelpdeskKind, e: unknown): ManagerAuthError {
  if (e instanceof HelpdeskError) {
    if (e.kind === 'signed-out') {
      return new ManagerAuthError(
        401,
        'unauthenticated',
        `${helpdeskName(kind)} did not accept this credential.`,
      );
    }
    if (e.kind === 'forbidden') {
      return new ManagerAuthError(403, 'forbidden', `${helpdeskName(kind)} says: ${e.message}.`);
    }
    if (e.kind === 'network' || e.kind === 'server' || e.kind === 'rate-limited') {
      return new ManagerAuthError(
        503,
        'helpdesk-unavailable',
        `${helpdeskName(kind)} could not be asked who you are; try again shortly.`,
        30,
      );
    }
  }
  return new ManagerAuthError(
    401,
    'unauthenticated',
    `${helpdeskName(kind)} did not confirm who you are: ${e instanceof Error ? e.message : String(e)}`,
  );
}

/**
 * Who is calling a manager route: the helpdesk's `users/me` / `agents/me` answered with the
 * caller's own credential, then the role (an approver in the policy, else an administrator
 * of the account). A verified credential is believed for a few minutes by its hash; a
 * refusal is never cached, so a fixed role counts at the next request.
 */
export async function authenticateManager(
  deps: ManagerAuthDeps,
  target: ManagedAccount,
  header: string | undefined,
): Promise<Manager> {
  const credential = parseCredential(target.kind, header);
  if ('error' in credential) throw new ManagerAuthError(401, 'unauthenticated', credential.error);
  const key = credentialKey(target.account, credential.authorization);
  const known = deps.cache.get(key);
  if (known) return known;

  const client = deps.clientFor(target.account, credential.authorization);
  let manager: Manager;
  try {
    const me = await adapterFor(target.kind).me(client, target.account);
    const identity = { agentId: me.id, name: me.name, email: me.email, account: target.account };
    if (isApprover(target.policy, { id: me.id, email: me.email })) {
      manager = { ...identity, role: 'approver' };
    } else if (await isAccountAdmin(target.kind, client, me)) {
      manager = { ...identity, role: 'admin' };
    } else {
      throw new ManagerAuthError(
        403,
        'forbidden',
        `${me.name} is neither an administrator of ${target.account} nor one of the policy's approvers.`,
      );
    }
  } catch (e) {
    throw e instanceof ManagerAuthError ? e : refusal(target.kind, e);
  }
  deps.cache.set(key, manager);
  return manager;
}
