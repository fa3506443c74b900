import { browser } from 'wxt/browser';
import { clampWidth, WIDTH } from './dock-style';
import type { DockState } from './mount-sidebar';

const KEY = 'dock';

/** Width and collapsed state follow the rep across tabs (extension storage, not the page's). */
export async function loadDockState(): Promise<DockState> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<DockState> | undefined;
  return {
    width: clampWidth(typeof stored?.width === 'number' ? stored.width : WIDTH.initial),
    collapsed: stored?.collapsed === true,
  };
}

export function saveDockState(state: DockState): void {
  void browser.storage.local.set({ [KEY]: state });
}
