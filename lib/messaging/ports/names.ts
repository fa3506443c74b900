/** Port names: each context connects once and reconnects after the worker restarts. Zod-free for the content script. */
export const PORT = {
  content: 'frontline:content',
  sidebar: 'frontline:sidebar',
  /** The follow-through list, in the toolbar popup or the sidebar's tab. */
  followThrough: 'frontline:popup',
  /** The manager review page (review.html). */
  review: 'frontline:review',
} as const;

/** The handshake that hands the sidebar frame its content script's port (lib/content/frame-link.ts). */
export const FRAME_LINK = 'frontline:frame-link';

/** Content script → its sidebar frame over that port; checked by ContentToSidebar on arrival. */
export interface FrameLocation {
  type: 'location';
  ticket: { helpdesk: string; account: string; id: string } | null;
}
