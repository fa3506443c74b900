import type { Agent } from '../../../lib/domain/model';
import { adapterFor } from '../../../lib/helpdesks/adapters';
import { ticketRef } from '../accounts/account';
import type { AccountConfig } from '../config';
import type { GatewayDeps } from '../deps';

/** The note's words; the grant id and the reference are what finds it again after a restart. */
export const writeBackText = (grantId: string, executor: string, reference: string): string =>
  `Frontline gateway: the credit ${grantId} was executed by ${executor}, reference ${reference}.`;

const me = new WeakMap<AccountConfig, Promise<Agent>>();

/** The gateway's own helpdesk user, read once per account and process. */
function gatewayUser(deps: GatewayDeps, account: AccountConfig): Promise<Agent> {
  let user = me.get(account);
  if (!user) {
    user = adapterFor(account.kind).me(deps.helpdesk(account), account.account);
    user.catch(() => me.delete(account));
    me.set(account, user);
  }
  return user;
}

/**
 * Writes the executor's reference on the ticket as a private note by the gateway's user,
 * unless the thread already holds that note (a restart between the write and its record must
 * not write it twice), then records the write-back.
 */
export async function writeBack(
  deps: GatewayDeps,
  account: AccountConfig,
  grant: { grantId: string; ticket: string },
  executor: string,
  reference: string,
): Promise<'written' | 'found'> {
  const adapter = adapterFor(account.kind);
  const client = deps.helpdesk(account);
  const ref = ticketRef(account, grant.ticket);
  const user = await gatewayUser(deps, account);
  const entries = await adapter.entries(client, ref);
  const found = entries.some(
    (e) =>
      !e.public && e.authorId === user.id && e.text.includes(grant.grantId) && e.text.includes(reference),
  );
  if (!found) await adapter.addPrivateNote(client, ref, writeBackText(grant.grantId, executor, reference));
  await deps.store.query('UPDATE executions SET written_back_at = $2 WHERE grant_id = $1', [
    grant.grantId,
    new Date(deps.now()).toISOString(),
  ]);
  return found ? 'found' : 'written';
}
