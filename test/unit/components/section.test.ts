import { describe, expect, it } from 'vitest';
import { freshnessText } from '../../../components/model/freshness';
import { progressOf } from '../../../components/model/progress';
import { nextIndex } from '../../../components/model/roving';
import { errorText, newestUpdate, phaseOf } from '../../../components/model/section';
import { FIXTURE_NOW, sampleSnapshot } from './fixtures';

const error = { message: 'Zendesk refused access to this ticket’s audits', status: 403, retryable: false };

describe('phaseOf', () => {
  it('is a skeleton before anything arrived', () => {
    expect(phaseOf({ data: null, refreshing: true, error: null, updatedAt: null })).toBe('skeleton');
    expect(phaseOf(null)).toBe('skeleton');
  });

  it('fails only when there is nothing cached to show', () => {
    expect(phaseOf({ data: null, refreshing: false, error, updatedAt: null })).toBe('failed');
    expect(phaseOf({ data: 1, refreshing: false, error, updatedAt: 1 })).toBe('ready');
  });
});

describe('errorText', () => {
  it('adds the helpdesk status once', () => {
    expect(errorText(error)).toBe('Zendesk refused access to this ticket’s audits (403)');
    expect(errorText({ ...error, message: 'Refused (403)' })).toBe('Refused (403)');
    expect(errorText({ ...error, status: null })).toBe(error.message);
  });
});

describe('newestUpdate', () => {
  it('is the latest refresh of any section, or null', () => {
    const snapshot = sampleSnapshot();
    expect(newestUpdate({ ...snapshot, owner: { ...snapshot.owner, updatedAt: FIXTURE_NOW } })).toBe(
      FIXTURE_NOW,
    );
    const never = { data: null, refreshing: false, error: null, updatedAt: null };
    expect(
      newestUpdate({
        ...snapshot,
        case: never,
        customer: never,
        owner: never,
        escalation: never,
        history: never,
      }),
    ).toBeNull();
  });
});

describe('freshnessText', () => {
  it('ticks with now', () => {
    expect(freshnessText(FIXTURE_NOW - 12_000, FIXTURE_NOW, 'en')).toBe('updated 12 sec. ago');
    expect(freshnessText(FIXTURE_NOW - 13_000, FIXTURE_NOW, 'en')).toBe('updated 13 sec. ago');
    expect(freshnessText(FIXTURE_NOW - 2000, FIXTURE_NOW, 'en')).toBe('updated just now');
    expect(freshnessText(null, FIXTURE_NOW, 'en')).toBe('not loaded yet');
  });
});

describe('progressOf', () => {
  it('says how much of the history has streamed in', () => {
    expect(progressOf({ loaded: 300, total: 1240, complete: false }, 'en')).toEqual({
      text: 'Loaded 300 of 1,240',
      ratio: 300 / 1240,
      complete: false,
    });
    expect(progressOf({ loaded: 50, total: null, complete: false }, 'en').text).toBe('Loaded 50…');
    expect(progressOf({ loaded: 0, total: 0, complete: true }, 'en').ratio).toBe(1);
  });
});

describe('nextIndex', () => {
  it.each([
    ['ArrowDown', 3, 4],
    ['ArrowUp', 3, 2],
    ['ArrowUp', 0, 0],
    ['ArrowDown', 9, 9],
    ['Home', 5, 0],
    ['End', 2, 9],
    ['PageDown', 2, 7],
    ['PageUp', 2, 0],
  ])('%s from %i goes to %i', (key, from, to) => {
    expect(nextIndex(key, from, 10, 5)).toBe(to);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextIndex('Enter', 1, 10, 5)).toBeNull();
    expect(nextIndex('ArrowDown', 0, 0, 5)).toBeNull();
  });
});
