import { Agent, request } from 'node:https';
import type { Simulator } from '../server';

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  json<T = unknown>(): T;
}

export interface SimRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** A `Cookie` header value, e.g. from `signIn`. */
  cookie?: string;
}

const agents = new WeakMap<Simulator, Agent>();

/** One keep-alive TLS agent per simulator, trusting its self-signed certificate. */
function agentFor(sim: Simulator): Agent {
  let agent = agents.get(sim);
  if (!agent) {
    agent = new Agent({ keepAlive: true, ca: sim.ca, maxSockets: 16 });
    agents.set(sim, agent);
  }
  return agent;
}

/** A request to `https://HOST/PATH` on the simulator, the way a browser with the host mapping would send it. */
export function simFetch(
  sim: Simulator,
  host: string,
  path: string,
  init: SimRequest = {},
): Promise<SimResponse> {
  const payload =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? init.body
        : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sim.port,
        servername: host.startsWith('*.') ? host.slice(2) : host,
        path,
        method: init.method ?? 'GET',
        agent: agentFor(sim),
        // The certificate names *.zendesk.com etc.; we connect to 127.0.0.1, so check the name we mean.
        checkServerIdentity: () => undefined,
        headers: {
          host,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
          ...(init.cookie ? { cookie: init.cookie } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body, json: <T>() => JSON.parse(body) as T });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Visits an agent page and returns the session cookie, as a browser would keep it. */
export async function signIn(sim: Simulator, host: string, as?: string): Promise<string> {
  const page = host.endsWith('.zendesk.com') ? '/agent/dashboard' : '/a/dashboard/default';
  const res = await simFetch(sim, host, as ? `${page}?as=${encodeURIComponent(as)}` : page);
  const cookie = res.headers['set-cookie']?.split(';')[0];
  if (!cookie) throw new Error(`no session cookie from ${host}${page}`);
  return cookie;
}

/** The Zendesk CSRF token of a session (`users/me` → `authenticity_token`). */
export async function csrfToken(sim: Simulator, host: string, cookie: string): Promise<string> {
  const me = await simFetch(sim, host, '/api/v2/users/me.json', { cookie });
  return me.json<{ user: { authenticity_token: string } }>().user.authenticity_token;
}

export const basic = (user: string, secret: string): string =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
