/** Port names: each context connects once and reconnects after the worker restarts. Zod-free for the content script. */
export const PORT = {
  content: 'frontline:content',
  sidebar: 'frontline:sidebar',
  /** The follow-through list, in the toolbar popup or the sidebar's tab. */
  followThrough: 'frontline:popup',
  /** The manager review page (review.html). */
  review: 'frontline:review',
} as const;
