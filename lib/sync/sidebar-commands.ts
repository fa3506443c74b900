import type { CreditRuntime } from '../credit/runtime';
import type { CaseworkCommand } from '../domain/casework';
import type { FollowCommand } from '../domain/followthrough';
import type { Agent } from '../domain/model';
import type { TicketRef } from '../domain/ticket-ref';
import { platformOf } from '../helpdesks/registry';
import type { SidebarCommand } from '../messaging/router';
import { saveCredential } from '../transport/token';
import type { ContextSync } from './context-sync';
import type { ContextStore } from './store';

export interface SidebarCommandDeps {
  store: ContextStore;
  sync: ContextSync;
  credit: CreditRuntime;
  casework: {
    run(command: CaseworkCommand, ticket: TicketRef, me: Agent): Promise<CommandResult>;
    drain(): Promise<void>;
  };
  follow(ticket: TicketRef, command: FollowCommand): Promise<void>;
}

type CommandResult = { ok: true } | { ok: false; message: string };

const NOT_READY = 'Frontline is still loading this ticket: try again in a moment.';

/**
 * Runs a sidebar command (money, credentials, casework, pins) for the ticket a tab shows. Who grants
 * and to whom come from the background's own records (the signed-in agent, the
 * ticket's requester), never from the message; the credit service re-checks
 * policy and limits. A refusal shows in the credit section.
 */
export function createSidebarCommands(deps: SidebarCommandDeps) {
  return async (ticket: TicketRef, command: SidebarCommand): Promise<void> => {
    if (command.type === 'follow') {
      await deps.follow(ticket, command.command);
      return void deps.sync.republish(ticket);
    }
    const feature = command.type === 'casework' ? 'casework' : 'credit';
    await deps.sync.refused(ticket, feature, null);
    const context = await deps.store.read(ticket);
    if (command.type === 'casework') {
      if (!context.me) return deps.sync.refused(ticket, 'casework', NOT_READY);
      const result = await deps.casework.run(command.command, ticket, context.me);
      if (!result.ok) return deps.sync.refused(ticket, 'casework', result.message);
      // The owner hears of the report-back through the badge and a notification: the
      // follow-through watcher checks pinned cases, so an escalated case is pinned for them.
      if (command.command.kind === 'escalate') {
        // No note or date: a pin the rep already made keeps theirs.
        await deps.follow(ticket, { type: 'pin', ticket });
      }
      await deps.sync.republish(ticket);
      return deps.casework.drain();
    }
    if (command.type === 'set-credentials') {
      const credential = platformOf(ticket.helpdesk).credential.fromSecret(
        command.apiKey,
        context.me?.email ?? null,
      );
      if (credential) await saveCredential(ticket.account, { ...credential, helpdesk: ticket.helpdesk });
      await deps.credit.drain();
      return void deps.sync.republish(ticket);
    }
    const me = context.me;
    const customerId = context.case?.requesterId;
    if (!me || !customerId) return deps.sync.refused(ticket, 'credit', NOT_READY);
    const { service } = deps.credit;
    const result =
      command.type === 'grant'
        ? await service.grant(
            { grantId: command.grantId, ticket, amount: command.amount, reason: command.reason },
            me,
            customerId,
          )
        : command.type === 'undo'
          ? await service.undo(command.grantId)
          : await service.requestApproval(
              { requestId: command.requestId, ticket, amount: command.amount, reason: command.reason },
              me,
              customerId,
            );
    if (!result.ok) return deps.sync.refused(ticket, 'credit', result.message);
    await deps.sync.republish(ticket);
    await deps.credit.drain();
  };
}
