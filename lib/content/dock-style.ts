/** Sidebar width bounds: readable from 320 px; never more than half a small screen. */
export const WIDTH = { min: 320, max: 560, initial: 380, collapsed: 28 } as const;

export const clampWidth = (width: number): number =>
  Math.round(Math.min(WIDTH.max, Math.max(WIDTH.min, Number.isFinite(width) ? width : WIDTH.initial)));

/** Styles inside the closed shadow root: the page's CSS cannot reach them, nor ours the page. */
export const SHADOW_CSS = `
:host { all: initial; position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483646;
  display: flex; width: var(--frontline-width); box-shadow: -1px 0 0 rgba(0,0,0,.12), -4px 0 16px rgba(0,0,0,.06); }
:host([data-collapsed]) { width: ${WIDTH.collapsed}px; box-shadow: none; }
:host([hidden]) { display: none; }
.grip { width: 6px; cursor: col-resize; background: transparent; flex: none; touch-action: none; }
.grip:hover { background: rgba(31,115,183,.35); }
.grip:focus-visible { background: #fff; outline: 3px solid #1f4fe0; outline-offset: 0; }
.tab { display: none; writing-mode: vertical-rl; font: 600 12px/1 system-ui, sans-serif; letter-spacing: .04em;
  border: 0; border-radius: 6px 0 0 6px; padding: 12px 6px; margin-top: 96px; height: max-content;
  background: #1f73b7; color: #fff; cursor: pointer; }
.tab:focus-visible { outline: 3px solid #f5a623; outline-offset: 1px; }
:host([data-collapsed]) .tab { display: block; }
:host([data-collapsed]) .grip, :host([data-collapsed]) iframe { display: none; }
iframe { flex: 1; border: 0; width: 100%; height: 100%; background: Canvas; color-scheme: light dark; }
`;

/**
 * Reflow, not overlay: the helpdesk's own controls (Zendesk's context panel,
 * Freshdesk's properties) sit on the right edge, so covering them would hide
 * what a rep uses most. Narrowing the page keeps every control reachable;
 * the transform makes the page's fixed-position app shell lay out inside the
 * narrowed box instead of the viewport.
 */
export const pageCss = (reserved: number): string => `
html { margin-right: ${reserved}px !important; width: auto !important; }
body { transform: translateZ(0); min-height: 100vh; }
`;
