import { createStore } from 'zustand/vanilla';
import { BackgroundToPopup, type FollowThroughView, type PopupToBackground } from '../domain/followthrough';
import type { TicketRef } from '../domain/ticket-ref';
import { connectPort } from '../messaging/port-client';
import { PORT } from '../messaging/ports/names';

/** The popup's port; the background answers `hello` with the view and pushes every change. */
export const POPUP_PORT = PORT.followThrough;

export interface PopupState {
  /** null until the background's first answer. */
  view: FollowThroughView | null;
  checking: boolean;
}

/** The popup's whole state, fed by the background; every inbound message is validated. */
export function createPopupClient(alive: () => boolean = () => true) {
  const store = createStore<PopupState>(() => ({ view: null, checking: false }));

  const port = connectPort<BackgroundToPopup, PopupToBackground>({
    name: POPUP_PORT,
    alive,
    accept: (raw) => {
      const parsed = BackgroundToPopup.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    onConnect: (send) => send({ type: 'hello' } satisfies PopupToBackground),
    onMessage: (message) => {
      switch (message.type) {
        case 'followthrough':
          return store.setState({ view: message.view });
        case 'checking':
          return store.setState({ checking: message.checking });
      }
    },
  });

  return {
    store,
    unpin: (ticket: TicketRef) => port.request({ type: 'unpin', ticket }),
    seen: (ticket: TicketRef) => port.request({ type: 'seen', ticket }),
    checkNow() {
      store.setState({ checking: true });
      return port.request({ type: 'check-now' });
    },
    close: () => port.close(),
  };
}

export type PopupClient = ReturnType<typeof createPopupClient>;
