import type { CaseworkCommand } from '../../domain/casework';
import { type ApprovalCommand, type CommandResult, type GrantCommand, NOT_READY } from '../../domain/command';
import type { FollowCommand } from '../../domain/followthrough';
import type { Agent } from '../../domain/model';
import { refKey, type TicketRef } from '../../domain/ticket-ref';
import { platformOf } from '../../helpdesks/registry';
import type { TokenCredential } from '../../transport/token';
import type { Hub, PortLike } from '../hub';
import { type BackgroundToSidebar, type SectionName, SidebarToBackground } from '../protocol';
import type { PortRoute } from '../router';
import {
  type CustomHostAccount,
  type ExtensionSelf,
  isSidebarInHelpdeskTab,
  NO_CUSTOM_HOSTS,
} from '../sender';
import { type Handlers, portTable, type RuntimePort } from './table';

/** Our sidebar page inside a helpdesk tab: the tab it speaks for. */
export interface SidebarFrom {
  tabId: number;
}

export interface SidebarPortDeps {
  hub: Hub;
  extension: ExtensionSelf;
  /** Custom helpdesk hosts in force; none when left out. */
  customHosts?: CustomHostAccount;
  /** What the tab shows and what its sidebar asks to see (lib/sync/tab-controller). */
  tabs: {
    hello(tabId: number): void;
    retry(tabId: number, section: SectionName): void;
    entries(tabId: number, ticket: TicketRef): void;
    history(tabId: number, ticket: TicketRef, feed: string | null, since: number): void;
  };
  /** Who grants and to whom, from the background's own records of the ticket, never from the message. */
  context(ticket: TicketRef): Promise<{ me: Agent | null; customerId: string | null }>;
  credit: {
    grant(cmd: GrantCommand, me: Agent, customerId: string): Promise<CommandResult>;
    undo(grantId: string): Promise<CommandResult>;
    requestApproval(cmd: ApprovalCommand, me: Agent, customerId: string): Promise<CommandResult>;
    drain(): Promise<void>;
  };
  casework: {
    run(command: CaseworkCommand, ticket: TicketRef, me: Agent): Promise<CommandResult>;
    drain(): Promise<void>;
  };
  follow(command: FollowCommand): Promise<void>;
  saveCredential(account: string, credential: TokenCredential): Promise<void>;
  /** The ticket's sidebar shows what the command changed. */
  republish(ticket: TicketRef): Promise<void>;
}

export const OTHER_TICKET = 'This tab shows another ticket now: nothing was done.';

export const sidebarFrom =
  (extension: ExtensionSelf, custom: CustomHostAccount = NO_CUSTOM_HOSTS) =>
  (port: RuntimePort): SidebarFrom | null => {
    const tabId = port.sender?.tab?.id;
    return port.sender && tabId !== undefined && isSidebarInHelpdeskTab(port.sender, extension, custom)
      ? { tabId }
      : null;
  };

/**
 * The sidebar's port: what it asks to see (answered by pushes) and the rep's
 * commands (answered by a reply). A command acts on the ticket this tab shows;
 * one naming another ticket (the rep moved on meanwhile) is refused.
 */
export function sidebarPort(deps: SidebarPortDeps): PortRoute<SidebarFrom> {
  const shown = (from: SidebarFrom, named?: TicketRef): TicketRef | CommandResult => {
    const ticket = deps.hub.get(from.tabId)?.ticket;
    if (!ticket) return { ok: false, message: NOT_READY };
    if (named && refKey(named) !== refKey(ticket)) return { ok: false, message: OTHER_TICKET };
    return ticket;
  };

  /** The signed-in agent and the ticket's customer, or why a credit cannot be given yet. */
  const parties = async (ticket: TicketRef) => {
    const { me, customerId } = await deps.context(ticket);
    return me && customerId ? { me, customerId } : null;
  };

  /** A credit command's result: a done one shows in the snapshot before its reply comes; its writes go on after. */
  const settled = async (ticket: TicketRef, result: CommandResult): Promise<CommandResult> => {
    if (!result.ok) return result;
    await deps.republish(ticket);
    void deps.credit.drain();
    return result;
  };

  const handlers = {
    hello: (_message, from) => deps.tabs.hello(from.tabId),
    retry: (message, from) => deps.tabs.retry(from.tabId, message.section),
    entries: (message, from) => deps.tabs.entries(from.tabId, message.ticket),
    history: (message, from) => deps.tabs.history(from.tabId, message.ticket, message.feed, message.since),
    collapse: (_message, from) => deps.hub.toContent(from.tabId, { type: 'collapse' }),

    async grant(message, from) {
      const ticket = shown(from, message.ticket);
      if ('ok' in ticket) return ticket;
      const who = await parties(ticket);
      if (!who) return { ok: false, message: NOT_READY };
      const { grantId, amount, reason } = message;
      return settled(
        ticket,
        await deps.credit.grant({ grantId, ticket, amount, reason }, who.me, who.customerId),
      );
    },
    async undo(message, from) {
      const ticket = shown(from);
      if ('ok' in ticket) return ticket;
      return settled(ticket, await deps.credit.undo(message.grantId));
    },
    async 'request-approval'(message, from) {
      const ticket = shown(from, message.ticket);
      if ('ok' in ticket) return ticket;
      const who = await parties(ticket);
      if (!who) return { ok: false, message: NOT_READY };
      const { requestId, amount, reason } = message;
      return settled(
        ticket,
        await deps.credit.requestApproval({ requestId, ticket, amount, reason }, who.me, who.customerId),
      );
    },
    async 'set-credentials'(message, from) {
      const ticket = shown(from);
      if ('ok' in ticket) return ticket;
      const { me } = await deps.context(ticket);
      const fields = platformOf(ticket.helpdesk).credential.fromSecret(message.apiKey, me?.email ?? null);
      if (!fields) return { ok: false, message: NOT_READY };
      await deps.saveCredential(ticket.account, { ...fields, helpdesk: ticket.helpdesk });
      await deps.credit.drain();
      await deps.republish(ticket);
    },
    async casework(message, from) {
      const ticket = shown(from);
      if ('ok' in ticket) return ticket;
      const { me } = await deps.context(ticket);
      if (!me) return { ok: false, message: NOT_READY };
      const result = await deps.casework.run(message.command, ticket, me);
      if (!result.ok) return result;
      // The owner hears of the report-back through the badge and a notification: the
      // follow-through watcher checks pinned cases, so an escalated case is pinned for them.
      // No note or date: a pin the rep already made keeps theirs.
      if (message.command.kind === 'escalate') await deps.follow({ type: 'pin', ticket });
      await deps.republish(ticket);
      void deps.casework.drain();
      return result;
    },
    async follow(message, from) {
      const ticket = shown(from, 'ticket' in message.command ? message.command.ticket : undefined);
      if ('ok' in ticket) return ticket;
      await deps.follow(message.command);
      await deps.republish(ticket);
    },
  } satisfies Handlers<SidebarToBackground, SidebarFrom>;

  return {
    table: portTable(SidebarToBackground, sidebarFrom(deps.extension, deps.customHosts), handlers),
    opened(port, from) {
      deps.hub.entry(from.tabId).sidebar = port as PortLike<BackgroundToSidebar>;
    },
    closed(port, from) {
      deps.hub.drop(from.tabId, 'sidebar', port);
    },
  };
}
