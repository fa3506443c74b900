import { z } from 'zod';
import { CaseworkCommand } from '../domain/casework';
import { FollowCommand } from '../domain/followthrough';
import { EntriesView, HistoryDelta, SectionError, SidebarSnapshot } from '../domain/snapshot';
import { TicketRef } from '../domain/ticket-ref';
import { HttpRequest, HttpResponse } from '../helpdesks/http';

export { PORT } from './ports/names';

export const SectionName = z.enum(['case', 'customer', 'owner', 'escalation', 'history', 'credit']);
export type SectionName = z.infer<typeof SectionName>;

/** Content script → background. */
export const ContentToBackground = z.discriminatedUnion('type', [
  /** Where the rep is now; the background decides which ticket (if any) that is. */
  z.object({ type: z.literal('location'), url: z.string().url() }),
  z.object({
    type: z.literal('http-result'),
    id: z.string(),
    response: HttpResponse.nullable(),
    /** Set when the request never got an answer (network, refused by the allow-list). */
    error: z.string().nullable(),
  }),
]);
export type ContentToBackground = z.infer<typeof ContentToBackground>;

/** Background → content script. */
export const BackgroundToContent = z.discriminatedUnion('type', [
  /** Run a helpdesk API request same-origin with the agent's session (the session transport). */
  z.object({ type: z.literal('http'), id: z.string(), request: HttpRequest }),
  z.object({ type: z.literal('collapse') }),
]);
export type BackgroundToContent = z.infer<typeof BackgroundToContent>;

/** Sidebar (extension-origin iframe) → background. */
export const SidebarToBackground = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello') }),
  z.object({ type: z.literal('retry'), section: SectionName }),
  z.object({ type: z.literal('entries'), ticket: TicketRef }),
  /**
   * The history rows this sidebar lacks: those changed in `feed` after version `since`,
   * or every row when `feed` is null or not the background's (a first view, a restarted worker).
   */
  z.object({
    type: z.literal('history'),
    ticket: TicketRef,
    feed: z.string().nullable(),
    since: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('collapse') }),
  /**
   * Money commands. The ids are made by the sidebar when the rep clicks, so a
   * double click or a resend carries the same id and can never grant twice.
   * The background re-checks policy and limits; it never trusts these amounts.
   */
  z.object({
    type: z.literal('grant'),
    grantId: z.uuid(),
    ticket: TicketRef,
    amount: z.number().int().positive().safe(),
    reason: z.string().trim().min(1).max(500),
  }),
  z.object({ type: z.literal('undo'), grantId: z.uuid() }),
  /** Claim, hand off, escalate, report back, route to the owner: written to the ticket in the helpdesk. */
  z.object({ type: z.literal('casework'), command: CaseworkCommand }),
  /** Pin, unpin, mark seen, check now. */
  z.object({ type: z.literal('follow'), command: FollowCommand }),
  /** The rep's own API key for this account; kept in the background's storage, never in a page. */
  z.object({ type: z.literal('set-credentials'), apiKey: z.string().trim().min(8).max(200) }),
  z.object({
    type: z.literal('request-approval'),
    requestId: z.uuid(),
    ticket: TicketRef,
    amount: z.number().int().positive().safe(),
    reason: z.string().trim().min(1).max(500),
  }),
]);
export type SidebarToBackground = z.infer<typeof SidebarToBackground>;

/** Background → sidebar. */
export const BackgroundToSidebar = z.discriminatedUnion('type', [
  /** No ticket in view in this tab (the rep is on a dashboard). */
  z.object({ type: z.literal('idle') }),
  z.object({ type: z.literal('snapshot'), snapshot: SidebarSnapshot }),
  z.object({ type: z.literal('entries'), view: EntriesView }),
  z.object({ type: z.literal('history'), delta: HistoryDelta }),
  z.object({ type: z.literal('entries-error'), ticket: TicketRef, error: SectionError }),
]);
export type BackgroundToSidebar = z.infer<typeof BackgroundToSidebar>;

/** Content script → its sidebar frame, directly over a MessagePort (lib/messaging/content-link.ts). */
export const ContentToSidebar = z.object({ type: z.literal('location'), ticket: TicketRef.nullable() });
export type ContentToSidebar = z.infer<typeof ContentToSidebar>;
