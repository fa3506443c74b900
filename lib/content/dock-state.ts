import { dockState } from '../storage/items';
import { clampWidth, WIDTH } from './dock-style';
import type { DockState } from './mount-sidebar';

/** Width and collapsed state follow the rep across tabs (extension storage, not the page's). */
export async function loadDockState(): Promise<DockState> {
  const stored = (await dockState().getValue()) as Partial<DockState> | null;
  return {
    width: clampWidth(typeof stored?.width === 'number' ? stored.width : WIDTH.initial),
    collapsed: stored?.collapsed === true,
  };
}

export function saveDockState(state: DockState): void {
  void dockState().setValue(state);
}
