/**
 * Strict shapes of the few request bodies Frontline writes, for the allow-lists
 * the content script enforces. Hand-written rather than zod (even zod/mini) so the
 * content script stays tiny: zod/mini took it from 4.8 KB to 11.6 KB gzip, past
 * its 10 KB budget, to check five small objects.
 */
export type Shape = (value: unknown) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Exactly these keys: required ones present, optional ones (a `?` suffix) may be absent, nothing else. */
export const exact =
  (fields: Record<string, Shape>): Shape =>
  (value) => {
    if (!isRecord(value)) return false;
    const keys = Object.keys(fields);
    const names = new Set(keys.map((k) => k.replace(/\?$/, '')));
    if (Object.keys(value).some((k) => !names.has(k))) return false;
    return keys.every((key) => {
      const name = key.replace(/\?$/, '');
      if (!(name in value)) return key.endsWith('?');
      return (fields[key] as Shape)(value[name]);
    });
  };

export const anyOf =
  (...shapes: Shape[]): Shape =>
  (value) =>
    shapes.some((shape) => shape(value));

export const literal =
  (expected: string | number | boolean): Shape =>
  (value) =>
    value === expected;

/** A string matching `pattern` (whole string). */
export const text =
  (pattern: RegExp): Shape =>
  (value) =>
    typeof value === 'string' && pattern.test(value);

export const listOf =
  (item: Shape, min = 0): Shape =>
  (value) =>
    Array.isArray(value) && value.length >= min && value.every(item);

/** A helpdesk id as JSON sends it (a positive integer) or null to clear the field. */
export const idOrNull: Shape = (value) =>
  value === null || (Number.isSafeInteger(value) && (value as number) > 0);
