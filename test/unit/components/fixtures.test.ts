import { describe, expect, it } from 'vitest';
import { EntriesView, SidebarSnapshot } from '../../../lib/domain/snapshot';
import { CURRENT_ID, makeHistory, sampleEntries, sampleSnapshot } from './fixtures';

describe('the sample fixtures', () => {
  it('satisfy the committed snapshot contract, so a visual check shows what the background can send', () => {
    expect(() => SidebarSnapshot.parse(sampleSnapshot())).not.toThrow();
    expect(() => EntriesView.parse(sampleEntries(CURRENT_ID))).not.toThrow();
  });

  it('make a history with unique ticket ids and exactly one current ticket', () => {
    const items = makeHistory(5000);
    expect(new Set(items.map((i) => i.case.ref.id)).size).toBe(5001);
    expect(items.filter((i) => i.current)).toHaveLength(1);
  });
});
