import type { FollowCommand } from '../../domain/followthrough';
import { PopupToBackground } from '../../domain/followthrough';
import type { PortRoute } from '../router';
import { type ExtensionSelf, isOurPage } from '../sender';
import { type Handlers, portTable, type RuntimePort } from './table';

/** The follow-through list: our popup, or the sidebar's tab. Nothing about it varies by sender. */
export type ListFrom = Record<string, never>;

export interface ListPortDeps {
  extension: ExtensionSelf;
  /** lib/followthrough/runtime: the open lists, the view pushed to them, and the commands. */
  follow: {
    opened(port: RuntimePort): void;
    closed(port: RuntimePort): void;
    hello(): Promise<void>;
    pin(command: Extract<FollowCommand, { type: 'pin' }>): Promise<void>;
    unpin(command: Extract<FollowCommand, { type: 'unpin' }>): Promise<void>;
    seen(command: Extract<FollowCommand, { type: 'seen' }>): Promise<void>;
    checkNow(): Promise<void>;
  };
}

export const LIST_PAGES = ['/popup.html', '/sidebar.html'] as const;

export const listFrom =
  (extension: ExtensionSelf) =>
  (port: RuntimePort): ListFrom | null =>
    port.sender && isOurPage(port.sender, extension, LIST_PAGES) ? {} : null;

/** The follow-through list's port: `hello` is answered by a push of the view, each command by a reply. */
export function listPort(deps: ListPortDeps): PortRoute<ListFrom> {
  const { follow } = deps;
  const handlers = {
    hello: () => follow.hello(),
    pin: (message) => follow.pin(message),
    unpin: (message) => follow.unpin(message),
    seen: (message) => follow.seen(message),
    'check-now': () => follow.checkNow(),
  } satisfies Handlers<PopupToBackground, ListFrom>;
  return {
    table: portTable(PopupToBackground, listFrom(deps.extension), handlers),
    opened: (port) => follow.opened(port),
    closed: (port) => follow.closed(port),
  };
}
