import { hashSeed, makeRng, type Rng } from './rng';

export const FAULT_KINDS = ['429', '500', '503', 'hang', 'malformed', 'truncated'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** A path glob (`/api/v2/tickets/*`, `**` spans slashes) or a route name (`/api/v2/tickets/:id`). */
  route: string;
  method?: string;
  kind: FaultKind;
  /** Share of matching requests that fail, 0..1 (default 1). Drawn from a PRNG seeded by the simulator seed. */
  rate?: number;
  /** Stop after this many failures. */
  times?: number;
  /** Seconds in the 429's `Retry-After` (default 1). */
  retryAfter?: number;
  /** Only on this host. */
  host?: string;
}

export interface Fault extends FaultSpec {
  id: string;
  hits: number;
}

export interface Faults {
  add(spec: FaultSpec): Fault;
  clear(): void;
  list(): Fault[];
  /** The fault to apply to this request, if any. Each fault draws from its own seeded sequence. */
  pick(request: { method: string; path: string; route: string | null; host: string }): Fault | null;
}

function globToRegex(glob: string): RegExp {
  const source = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`);
}

export function parseFaultSpec(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null) throw new Error('a fault is an object');
  const v = value as Record<string, unknown>;
  if (typeof v.route !== 'string' || v.route === '')
    throw new Error('fault.route must be a non-empty string');
  if (!FAULT_KINDS.includes(v.kind as FaultKind))
    throw new Error(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
  const num = (k: string, min: number, max: number): number | undefined => {
    if (v[k] === undefined) return undefined;
    if (typeof v[k] !== 'number' || v[k] < min || v[k] > max)
      throw new Error(`fault.${k} must be a number in ${min}..${max}`);
    return v[k];
  };
  return {
    route: v.route,
    method: typeof v.method === 'string' ? v.method.toUpperCase() : undefined,
    kind: v.kind as FaultKind,
    rate: num('rate', 0, 1),
    times: num('times', 1, 1e9),
    retryAfter: num('retryAfter', 0, 3600),
    host: typeof v.host === 'string' ? v.host : undefined,
  };
}

/** CLI form: `[METHOD ]ROUTE=KIND[@RATE][,times=N][,retry=S]`, e.g. `GET /api/v2/tickets/*=429@0.5,retry=2`. */
export function parseFaultFlag(flag: string): FaultSpec {
  const eq = flag.indexOf('=');
  if (eq < 0) throw new Error(`a fault flag looks like "GET /api/v2/tickets/*=429@0.5", not ${flag}`);
  const target = flag.slice(0, eq).trim();
  const rest = flag.slice(eq + 1);
  const [kindRate, ...options] = rest.split(',');
  const [kind, rate] = (kindRate ?? '').split('@');
  const [method, route] = target.includes(' ') ? target.split(' ', 2) : [undefined, target];
  const spec: Record<string, unknown> = {
    route,
    method,
    kind,
    rate: rate === undefined ? undefined : Number(rate),
  };
  for (const option of options) {
    const [k, val] = option.split('=');
    if (k === 'times') spec.times = Number(val);
    else if (k === 'retry') spec.retryAfter = Number(val);
    else throw new Error(`unknown fault option ${k}`);
  }
  return parseFaultSpec(spec);
}

export function createFaults(seed: number): Faults {
  let faults: (Fault & { rng: Rng; regex: RegExp })[] = [];
  let counter = 0;
  return {
    add(spec) {
      counter++;
      const fault = {
        ...spec,
        id: `f${counter}`,
        hits: 0,
        rng: makeRng(hashSeed(`fault${counter}`, seed)),
        regex: globToRegex(spec.route),
      };
      faults.push(fault);
      return fault;
    },
    clear() {
      faults = [];
    },
    list() {
      return faults.map(({ rng: _rng, regex: _regex, ...f }) => f);
    },
    pick({ method, path, route, host }) {
      for (const f of faults) {
        if (f.method && f.method !== method) continue;
        if (f.host && f.host !== host) continue;
        if (!(f.regex.test(path) || f.route === route)) continue;
        if (f.times !== undefined && f.hits >= f.times) continue;
        if (f.rng() >= (f.rate ?? 1)) continue;
        f.hits++;
        return f;
      }
      return null;
    },
  };
}
