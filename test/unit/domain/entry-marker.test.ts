import { describe, expect, it } from 'vitest';
import { entryMarker, formatMarker } from '../../../lib/domain/markers';
import type { Entry } from '../../../lib/domain/model';
import { TICKET, uuid } from '../credit/fakes';

const marker = formatMarker({ kind: 'coaching', grant: uuid(1), by: '9' });
const entry = (text: string, isPublic = false): Entry => ({
  ticket: TICKET,
  id: '1',
  authorId: '9',
  public: isPublic,
  fromCustomer: false,
  text,
  createdAt: '2024-01-01T00:00:00Z',
});

describe('entryMarker', () => {
  it('reads a marker on its own last line', () => {
    expect(entryMarker(entry(`Hello\n\n${marker}\n`))).toMatchObject({ kind: 'coaching' });
  });

  it('reads a marker glued to the line before (a helpdesk dropped the line breaks)', () => {
    expect(entryMarker(entry(`Credit of $10.00. Reason: x${marker}`))).toMatchObject({ grant: uuid(1) });
  });

  it('ignores public replies, markers not at the end, and broken markers', () => {
    expect(entryMarker(entry(`Hello\n${marker}`, true))).toBeNull();
    expect(entryMarker(entry(`${marker} and more`))).toBeNull();
    expect(entryMarker(entry(`x${marker.slice(0, -1)}`))).toBeNull();
  });
});
