/**
 * Stripe's request encoding (application/x-www-form-urlencoded with brackets):
 * `metadata[grant]=x` is a map, `expand[]=a&expand[]=b` (or `expand[0]=a`) a list.
 * The official SDKs send exactly this, so the simulator reads it the way Stripe does.
 */
export type FormValue = string | FormValue[] | FormMap;
export interface FormMap {
  [key: string]: FormValue;
}

/** `a[b][]` → `['a', 'b', '']`; a name without brackets is one part. */
const pathOf = (name: string): string[] => {
  const open = name.indexOf('[');
  if (open <= 0) return [name];
  const rest = name.slice(open).match(/\[([^\]]*)\]/g) ?? [];
  return [name.slice(0, open), ...rest.map((part) => part.slice(1, -1))];
};

const isIndex = (part: string): boolean => part === '' || /^\d+$/.test(part);

function assign(target: FormMap | FormValue[], parts: string[], value: string): void {
  const [head, ...tail] = parts as [string, ...string[]];
  if (Array.isArray(target)) {
    if (tail.length === 0) {
      target.push(value);
      return;
    }
    const index = head === '' ? target.length : Number(head);
    const existing = target[index];
    const next =
      existing !== undefined && typeof existing !== 'string' ? existing : isIndex(tail[0]!) ? [] : {};
    target[index] = next;
    assign(next, tail, value);
    return;
  }
  if (tail.length === 0) {
    target[head] = value;
    return;
  }
  const existing = target[head];
  const next =
    existing !== undefined && typeof existing !== 'string' ? existing : isIndex(tail[0]!) ? [] : {};
  target[head] = next;
  assign(next, tail, value);
}

/** Parses a form body or a query string into Stripe's nested parameters. */
export function parseForm(raw: string): FormMap {
  const params: FormMap = {};
  for (const [name, value] of new URLSearchParams(raw)) assign(params, pathOf(name), value);
  return params;
}

/** A stable text of parameters: the idempotency layer compares requests by it. */
export function fingerprint(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${fingerprint(value[k]!)}`).join(',')}}`;
}
