/** What a route answers; the server writes it (and applies ETags, limits and faults around it). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function text(status: number, body: string, type = 'text/plain; charset=utf-8'): Reply {
  return { status, headers: { 'content-type': type }, body };
}

export function empty(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: '' };
}

/** Ids are strings in the model and JSON numbers on the wire; all stay below 2^53, so this is exact. */
export function idNum(id: string): number;
export function idNum(id: string | null): number | null;
export function idNum(id: string | null): number | null {
  if (id === null) return null;
  const n = Number(id);
  if (!Number.isSafeInteger(n)) throw new Error(`id ${id} is not below 2^53`);
  return n;
}
