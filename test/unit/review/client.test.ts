import { describe, expect, it } from 'vitest';
import { INITIAL_STATE, type ReviewState } from '@/lib/domain/review/page-state';
import { afterReconnect } from '@/lib/review/client';

const state = (over: Partial<ReviewState> = {}): ReviewState => ({
  ...INITIAL_STATE,
  choice: 'last-week',
  ...over,
});

describe('afterReconnect', () => {
  it('asks nothing when nothing was in flight', () => {
    expect(afterReconnect(state())).toEqual({ resend: null, patch: {} });
  });

  it('asks again for a load the stopped worker dropped', () => {
    expect(afterReconnect(state({ loading: true, progress: { loaded: 40, of: 100 } })).resend).toEqual({
      type: 'load',
      choice: 'last-week',
    });
  });

  it('reports decisions and notes still sending as lost, never sends them again, and reloads the queue', () => {
    const { resend, patch } = afterReconnect(
      state({
        decisions: { a: { state: 'sending', message: null }, b: { state: 'done', message: null } },
        coached: { g: { state: 'sending', message: null } },
      }),
    );
    expect(resend).toEqual({ type: 'load', choice: 'last-week' });
    expect(patch.decisions?.a).toMatchObject({
      state: 'failed',
      message: expect.stringContaining('dropped'),
      reason: { why: 'lost' },
    });
    expect(patch.decisions?.b).toEqual({ state: 'done', message: null });
    expect(patch.coached?.g?.state).toBe('failed');
    expect(patch.loading).toBe(true);
  });
});
