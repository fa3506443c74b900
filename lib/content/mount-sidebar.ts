import { browser } from 'wxt/browser';
import type { FrameLocation } from '../messaging/ports/names';
import { clampWidth, pageCss, SHADOW_CSS, WIDTH } from './dock-style';
import { linkFrame } from './frame-link';

export interface DockState {
  width: number;
  collapsed: boolean;
}

export interface SidebarMount {
  show(): void;
  hide(): void;
  setCollapsed(collapsed: boolean): void;
  /** Tells the frame directly where the rep is (lib/content/frame-link.ts). */
  locate(ticket: FrameLocation['ticket']): void;
  remove(): void;
}

interface MountOptions {
  initial: DockState;
  onChange(state: DockState): void;
}

/** A name the page cannot predict, so page CSS and scripts cannot target us by tag. */
const randomTag = () => `frontline-${crypto.randomUUID().slice(0, 8)}`;

/**
 * The sidebar host: a randomly named element with a CLOSED shadow root around
 * an extension-origin iframe (the Bitwarden inline-menu model). Page scripts
 * get `null` for its shadowRoot and cannot read the iframe's document.
 * The iframe's src is set once per tab: changing it would add entries to the
 * tab's history and break the helpdesk's Back button.
 */
export function mountSidebar(options: MountOptions): SidebarMount {
  const state: DockState = { width: clampWidth(options.initial.width), collapsed: options.initial.collapsed };
  const host = document.createElement(randomTag());
  host.setAttribute('data-testid', 'frontline-sidebar');
  const root = host.attachShadow({ mode: 'closed' });

  const style = document.createElement('style');
  style.textContent = SHADOW_CSS;
  const grip = document.createElement('div');
  grip.className = 'grip';
  grip.setAttribute('role', 'separator');
  grip.setAttribute('aria-orientation', 'vertical');
  grip.setAttribute('aria-label', 'Resize Frontline');
  grip.tabIndex = 0;
  grip.setAttribute('aria-valuemin', String(WIDTH.min));
  grip.setAttribute('aria-valuemax', String(WIDTH.max));
  const tab = document.createElement('button');
  tab.className = 'tab';
  tab.type = 'button';
  tab.textContent = 'Frontline';
  tab.setAttribute('aria-label', 'Open Frontline');
  const frame = document.createElement('iframe');
  frame.title = 'Frontline';
  // The fragment is the frame's half of the direct line's key: only this script and the frame know it.
  const key = crypto.randomUUID();
  frame.src = `${browser.runtime.getURL('/sidebar.html')}#${key}`;
  const link = linkFrame(frame, key);
  root.append(style, grip, tab, frame);

  const pageStyle = document.createElement('style');
  let visible = false;

  const render = () => {
    host.style.setProperty('--frontline-width', `${state.width}px`);
    // A focusable separator is a slider to assistive tech: it says where it stands.
    grip.setAttribute('aria-valuenow', String(state.width));
    host.toggleAttribute('data-collapsed', state.collapsed);
    host.hidden = !visible;
    pageStyle.textContent = visible ? pageCss(state.collapsed ? WIDTH.collapsed : state.width) : '';
  };

  const attach = () => {
    if (!host.isConnected) document.documentElement.append(host);
    if (!pageStyle.isConnected) document.documentElement.append(pageStyle);
  };

  // Both nodes are children of <html>, so SPAs that replace <body> leave them alone;
  // a page that strips them anyway gets them back. childList only: no subtree cost.
  const observer = new MutationObserver(() => {
    if (visible && (!host.isConnected || !pageStyle.isConnected)) attach();
  });

  const commit = () => {
    render();
    options.onChange({ ...state });
  };

  tab.addEventListener('click', () => {
    state.collapsed = false;
    commit();
  });
  grip.addEventListener('pointerdown', (down) => {
    grip.setPointerCapture(down.pointerId);
    const startX = down.clientX;
    const startWidth = state.width;
    frame.style.pointerEvents = 'none';
    const move = (event: PointerEvent) => {
      state.width = clampWidth(startWidth + (startX - event.clientX));
      render();
    };
    const up = () => {
      grip.removeEventListener('pointermove', move);
      frame.style.pointerEvents = '';
      commit();
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up, { once: true });
  });
  grip.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowLeft' ? 16 : event.key === 'ArrowRight' ? -16 : 0;
    if (step === 0) return;
    event.preventDefault();
    state.width = clampWidth(state.width + step);
    commit();
  });

  return {
    show() {
      // Called on every navigation: a sidebar already shown is left alone, so the helpdesk's own
      // navigation does not pay for a restyle of the page (its style text set anew) each time.
      if (visible && host.isConnected && pageStyle.isConnected) return;
      visible = true;
      attach();
      observer.observe(document.documentElement, { childList: true });
      render();
    },
    hide() {
      visible = false;
      render();
    },
    setCollapsed(collapsed) {
      state.collapsed = collapsed;
      commit();
      if (collapsed) tab.focus();
    },
    locate: link.locate,
    remove() {
      observer.disconnect();
      host.remove();
      pageStyle.remove();
    },
  };
}
