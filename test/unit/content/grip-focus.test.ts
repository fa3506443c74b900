import { describe, expect, it } from 'vitest';
import { SHADOW_CSS } from '../../../lib/content/dock-style';

/** The declarations of the shadow root's rules whose selector list names `selector`. */
const rulesFor = (selector: string): string[] =>
  [...SHADOW_CSS.matchAll(/([^{}]+)\{([^}]*)\}/g)]
    .filter(([, selectors]) => selectors!.split(',').some((s) => s.trim() === selector))
    .map(([, , body]) => body!);

describe('the resize grip', () => {
  it('shows keyboard focus as a solid outline at least 2 px wide, not a tint', () => {
    const focus = rulesFor('.grip:focus-visible').join(';');
    const outline = /outline:\s*(\d+)px\s+solid\s+#[0-9a-f]{3,6}/i.exec(focus);
    expect(outline, focus).not.toBeNull();
    expect(Number(outline![1])).toBeGreaterThanOrEqual(2);
    expect(focus).not.toMatch(/outline:\s*none/);
  });
});
