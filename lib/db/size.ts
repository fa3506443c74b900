/**
 * A cheap estimate of the bytes a value takes in IndexedDB: its JSON length in
 * UTF-16 code units, two bytes each. Close enough to keep the cache under a cap;
 * navigator.storage.estimate() would count the whole origin and is async per call.
 */
export const estimateBytes = (value: unknown): number => (JSON.stringify(value)?.length ?? 0) * 2;
