import { createStore } from 'zustand/vanilla';
import type { CaseworkCommand } from '../domain/casework';
import { type CommandResult, NOT_READY } from '../domain/command';
import { createHistoryRows, type HistoryCopy } from '../domain/history-rows';
import type { EntriesState, HistoryDelta, SidebarSnapshot } from '../domain/snapshot';
import { refKey, type TicketRef } from '../domain/ticket-ref';
import { connectPort } from './port-client';
import { PORT } from './ports/names';
import { BackgroundToSidebar, type SectionName, type SidebarToBackground } from './protocol';

export type { EntriesState } from '../domain/snapshot';

export const REFRESH_IN_VIEW_MS = 15_000;
/** Requesters whose rows the sidebar keeps after the rep moves on (a requester's tickets are often opened in turn). */
const KEPT_FEEDS = 3;
/** Tickets whose last snapshot the sidebar keeps, to show the moment the rep goes back to one. */
const KEPT_SNAPSHOTS = 20;

export interface SidebarState {
  /** null until the first snapshot; stays on the last one while the worker restarts. */
  snapshot: SidebarSnapshot | null;
  /** True when this tab shows no ticket (a dashboard or a view). */
  idle: boolean;
  /** Conversations of expanded tickets, by ticket id (all in the snapshot's account). */
  entries: Record<string, EntriesState>;
  /** The shown ticket's history rows, kept up to date by deltas; null before the first. */
  history: HistoryCopy | null;
  /** Why the last ownership or escalation command on this ticket was refused (its reply); null otherwise. */
  caseworkRefusal: string | null;
}

/** A command needs the ticket in view; before the first snapshot there is none to act on. */
const NO_TICKET: CommandResult = { ok: false, message: NOT_READY };

/**
 * The sidebar's whole state, fed by the background over a port. Every
 * inbound message is validated; anything else is dropped.
 */
export function createSidebarClient(alive: () => boolean = () => true) {
  const store = createStore<SidebarState>(() => ({
    snapshot: null,
    idle: false,
    entries: {},
    history: null,
    caseworkRefusal: null,
  }));
  /** One history request at a time: its answer brings the rows up to the version it names. */
  let asking = false;
  /** When the ticket in view was last refreshed: opening it, or the poll below. */
  let refreshedAt = Date.now();
  /**
   * The last few requesters' rows by feed: a switch to another ticket of a requester seen
   * lately asks only for what changed since, not for every row again.
   */
  const copies = new Map<string, HistoryCopy>();
  const keep = (copy: HistoryCopy) => {
    copies.delete(copy.feed);
    copies.set(copy.feed, copy);
    if (copies.size > KEPT_FEEDS) copies.delete(copies.keys().next().value!);
  };
  /** The rows held for this snapshot's feed, now showing its ticket; null when none are. */
  const heldFor = (snapshot: SidebarSnapshot): HistoryCopy | null => {
    const feed = snapshot.history.data?.feed;
    const copy = feed ? copies.get(feed) : undefined;
    if (!copy) return null;
    copy.rows.setCurrent(snapshot.ticket.id);
    const moved = { ...copy, ticket: refKey(snapshot.ticket) };
    keep(moved);
    return moved;
  };

  /**
   * The last snapshot of each ticket shown lately. When the content script says the rep went back
   * to one (locate, below), it shows at once; the background's own snapshot of that ticket follows
   * a browser hop later and replaces it, as it would replace any snapshot of the ticket in view.
   */
  const snapshots = new Map<string, SidebarSnapshot>();
  const remember = (snapshot: SidebarSnapshot) => {
    const key = refKey(snapshot.ticket);
    snapshots.delete(key);
    snapshots.set(key, snapshot);
    if (snapshots.size > KEPT_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value!);
  };

  /** Shows a snapshot: a ticket newly in view starts with nothing of the last one but the rows held for it. */
  const show = (snapshot: SidebarSnapshot) => {
    remember(snapshot);
    const state = store.getState();
    const sameTicket = state.snapshot !== null && refKey(state.snapshot.ticket) === refKey(snapshot.ticket);
    if (!sameTicket) {
      asking = false;
      refreshedAt = Date.now();
    }
    store.setState({
      snapshot,
      idle: false,
      entries: sameTicket ? state.entries : {},
      history: sameTicket ? state.history : heldFor(snapshot),
      caseworkRefusal: sameTicket ? state.caseworkRefusal : null,
    });
  };

  const port = connectPort<BackgroundToSidebar, SidebarToBackground>({
    name: PORT.sidebar,
    alive,
    accept: (raw) => {
      const parsed = BackgroundToSidebar.safeParse(raw);
      if (!parsed.success)
        console.warn('Frontline dropped a malformed message', parsed.error.issues.slice(0, 3));
      return parsed.success ? parsed.data : null;
    },
    onConnect: (send) => {
      // A request sent to a worker that stopped gets no answer; the new one is asked afresh.
      asking = false;
      send({ type: 'hello' } satisfies SidebarToBackground);
    },
    onMessage: (message) => {
      switch (message.type) {
        case 'idle':
          return store.setState({ idle: true });
        case 'snapshot':
          show(message.snapshot);
          return catchUp();
        case 'history':
          asking = false;
          applyHistory(message.delta);
          return catchUp();
        case 'entries':
          return setEntries(message.view.ticket, message.view);
        case 'entries-error':
          return setEntries(message.ticket, { error: message.error });
      }
    },
  });

  // While the rep looks at a ticket, ask the background to refresh it now and then: a report
  // back or a reply from another desk shows without a reload. A warm refresh is two requests
  // (304s when nothing changed), and a hidden sidebar asks for nothing. Counted from the last
  // time the ticket was refreshed: opening a ticket refreshes it, so a timer of its own would
  // only refresh it again moments later.
  const poll = setInterval(() => {
    if (Date.now() - refreshedAt < REFRESH_IN_VIEW_MS) return;
    if (document.visibilityState === 'visible' && store.getState().snapshot) {
      refreshedAt = Date.now();
      port.send({ type: 'hello' });
    }
  }, REFRESH_IN_VIEW_MS / 5);

  /** Ask for the history rows this sidebar lacks, when the snapshot says there are some. */
  const catchUp = () => {
    const { snapshot, history } = store.getState();
    const view = snapshot?.history.data;
    if (asking || !snapshot || !view || view.feed === '') return;
    const mine = history?.feed === view.feed ? history.version : null;
    if (mine !== null && mine >= view.version) return;
    asking = true;
    port.send({
      type: 'history',
      ticket: snapshot.ticket,
      feed: mine === null ? null : view.feed,
      since: mine ?? 0,
    });
  };

  /** A delta for another ticket, or one that does not start where this copy stands, is dropped. */
  const applyHistory = (delta: HistoryDelta) => {
    const { snapshot, history } = store.getState();
    const ticket = refKey(delta.ticket);
    if (!snapshot || refKey(snapshot.ticket) !== ticket) return;
    const continues = history !== null && history.feed === delta.feed && history.version === delta.from;
    if (!continues && delta.from !== 0) return;
    const rows = continues ? history.rows : createHistoryRows();
    rows.apply(delta.rows, delta.ticket.id);
    const copy = { ticket, feed: delta.feed, version: delta.to, rows };
    keep(copy);
    store.setState({ history: copy });
  };

  const setEntries = (ticket: TicketRef, value: EntriesState) =>
    store.setState((state) => ({ entries: { ...state.entries, [ticket.id]: value } }));

  return {
    store,
    /**
     * The content script says which ticket the rep is on (lib/messaging/content-link.ts). One this
     * sidebar holds a snapshot of shows now; the history is asked for when the background's snapshot
     * confirms it, as for any ticket. Anything else waits for the background. The held snapshot's
     * figures are those last shown for the ticket: the background's, a browser hop later, brings what
     * changed since (a grant elsewhere lowers the authority), and it checks every command against its
     * own figures anyway.
     */
    locate(ticket: TicketRef | null) {
      const held = ticket ? snapshots.get(refKey(ticket)) : undefined;
      const current = store.getState().snapshot;
      if (!held || (current && refKey(current.ticket) === refKey(held.ticket))) return;
      show(held);
    },
    retry: (section: SectionName) => port.send({ type: 'retry', section }),
    /** Load a history ticket's conversation (again, after an error or to refresh it). */
    expand(ticketId: string) {
      const snapshot = store.getState().snapshot;
      if (!snapshot) return;
      const ticket = { ...snapshot.ticket, id: ticketId };
      if (!store.getState().entries[ticketId]) setEntries(ticket, { loading: true });
      port.send({ type: 'entries', ticket });
    },
    collapse: () => port.send({ type: 'collapse' }),
    /** Money commands carry the ids the rep's click made: a resend is the same grant. Each resolves with its reply. */
    grant(command: { grantId: string; amount: number; reason: string }): Promise<CommandResult> {
      const ticket = store.getState().snapshot?.ticket;
      return ticket ? port.request({ type: 'grant', ticket, ...command }) : Promise.resolve(NO_TICKET);
    },
    undo: (grantId: string) => port.request({ type: 'undo', grantId }),
    requestApproval(command: { requestId: string; amount: number; reason: string }): Promise<CommandResult> {
      const ticket = store.getState().snapshot?.ticket;
      return ticket
        ? port.request({ type: 'request-approval', ticket, ...command })
        : Promise.resolve(NO_TICKET);
    },
    saveCredentials: (apiKey: string) => port.request({ type: 'set-credentials', apiKey }),
    async casework(command: CaseworkCommand): Promise<CommandResult> {
      store.setState({ caseworkRefusal: null });
      const result = await port.request({ type: 'casework', command });
      if (!result.ok) store.setState({ caseworkRefusal: result.message });
      return result;
    },
    pin(input: { dueAt: string | null; note: string }): Promise<CommandResult> {
      const ticket = store.getState().snapshot?.ticket;
      return ticket
        ? port.request({ type: 'follow', command: { type: 'pin', ticket, ...input } })
        : Promise.resolve(NO_TICKET);
    },
    unpin(): Promise<CommandResult> {
      const ticket = store.getState().snapshot?.ticket;
      return ticket
        ? port.request({ type: 'follow', command: { type: 'unpin', ticket } })
        : Promise.resolve(NO_TICKET);
    },
    close() {
      clearInterval(poll);
      port.close();
    },
  };
}

export type SidebarClient = ReturnType<typeof createSidebarClient>;
