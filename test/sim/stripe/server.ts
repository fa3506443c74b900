import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  cardDeclined,
  errorReply,
  idempotencyInUse,
  idempotencyMismatch,
  invalidKey,
  invalidParam,
  missingKey,
  rateLimited,
  type SimReply,
  serverError,
  unrecognizedUrl,
} from './errors';
import { type ArmedFault, createFaults, type FaultKind, type FaultSpec } from './faults';
import { type FormMap, fingerprint, parseForm } from './form';
import { createIdempotency } from './idempotency';
import {
  type BalanceTransaction,
  type Customer,
  createLedger,
  EndpointError,
  type Ledger,
  newId,
} from './ledger';

/** The secret key the simulator accepts unless told otherwise. */
export const SIM_SECRET_KEY = 'sk_test_frontline_simulator_0001';
/** Echoed when a request names no version (the SDK always names its own). */
const DEFAULT_API_VERSION = '2026-11-17.clover';

export interface StripeSimOptions {
  /** 0 (default): a free port. */
  port?: number;
  /** Secret keys of the one simulated account; default [SIM_SECRET_KEY]. */
  secretKeys?: string[];
  /** How long a POST runs once it began (its idempotency key is in use meanwhile). */
  latencyMs?: number;
}

export interface StripeRequestLogEntry {
  at: string;
  method: string;
  path: string;
  requestId: string;
  idempotencyKey: string | null;
  /** null: no answer was sent (a hang or a dropped connection). */
  status: number | null;
  replayed: boolean;
  fault: FaultKind | null;
}

export interface StripeSimControl {
  addCustomer(fields: { email?: string; name?: string; metadata?: Record<string, string> }): Customer;
  customers(): Customer[];
  /** Every balance transaction created, oldest first. */
  balanceTransactions(): BalanceTransaction[];
  /** Arms a fault for the next matching request(s); see faults.ts for what each does. */
  fail(spec: FaultSpec): void;
  setLatency(ms: number): void;
  /** Prunes the idempotency keys, as Stripe does when they are 24 hours old. */
  expireIdempotencyKeys(): void;
  log(): StripeRequestLogEntry[];
  /** Clears customers, transactions, keys, faults, latency and the log. */
  reset(): void;
}

export interface StripeSim {
  url: string;
  port: number;
  secretKey: string;
  control: StripeSimControl;
  close(): Promise<void>;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  run(ledger: Ledger, ids: string[], params: FormMap): unknown;
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/v1\/customers$/, run: (l, _ids, p) => l.createCustomer(p) },
  { method: 'GET', pattern: /^\/v1\/customers$/, run: (l, _ids, p) => l.listCustomers(p) },
  { method: 'GET', pattern: /^\/v1\/customers\/([^/]+)$/, run: (l, [id]) => l.customer(id!) },
  {
    method: 'POST',
    pattern: /^\/v1\/customers\/([^/]+)\/balance_transactions$/,
    run: (l, [id], p) => l.createBalanceTransaction(id!, p),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/customers\/([^/]+)\/balance_transactions$/,
    run: (l, [id], p) => l.listBalanceTransactions(id!, p),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/customers\/([^/]+)\/balance_transactions\/([^/]+)$/,
    run: (l, [customer, id]) => l.balanceTransaction(customer!, id!),
  },
];

const matchRoute = (method: string, path: string): { route: Route; ids: string[] } | null => {
  for (const route of ROUTES) {
    const found = route.method === method ? route.pattern.exec(path) : null;
    if (found) return { route, ids: found.slice(1).map(decodeURIComponent) };
  }
  return null;
};

/** `Bearer sk_…` or `Basic base64("sk_…:")` (curl's `-u sk_…:`); null when none is given. */
function secretKeyOf(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, value = ''] = authorization.split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return value.trim() || null;
  if (scheme?.toLowerCase() === 'basic') {
    return Buffer.from(value, 'base64').toString('utf8').split(':', 1)[0] || null;
  }
  return null;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const MAX_IDEMPOTENCY_KEY = 255;

export async function startStripeSim(options: StripeSimOptions = {}): Promise<StripeSim> {
  const secretKeys = options.secretKeys ?? [SIM_SECRET_KEY];
  const ledger = createLedger();
  const faults = createFaults();
  const idempotency = createIdempotency();
  let latencyMs = options.latencyMs ?? 0;
  let log: StripeRequestLogEntry[] = [];
  const hung = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newId('req');
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const idempotencyKey = method === 'POST' ? (header('idempotency-key') ?? null) : null;
    const entry: StripeRequestLogEntry = {
      at: new Date().toISOString(),
      method,
      path: url.pathname + url.search,
      requestId,
      idempotencyKey,
      status: null,
      replayed: false,
      fault: null,
    };
    log.push(entry);
    const send = (reply: SimReply): void => {
      entry.status = reply.status;
      res.writeHead(reply.status, {
        'Content-Type': 'application/json',
        'Request-Id': requestId,
        'Stripe-Version': header('stripe-version') ?? DEFAULT_API_VERSION,
        ...reply.headers,
      });
      res.end(JSON.stringify(reply.body, null, 2));
    };
    const fail = (fault: ArmedFault): void => {
      if (fault.kind === 'hang') hung.add(res);
      else if (fault.kind === 'drop') req.socket.destroy();
      else send(errorReply(Number(fault.kind), serverError(), requestId));
    };

    const secretKey = secretKeyOf(header('authorization'));
    const challenge = { 'WWW-Authenticate': 'Bearer realm="Stripe"' };
    if (secretKey === null) return send(errorReply(401, missingKey(), requestId, challenge));
    if (!secretKeys.includes(secretKey))
      return send(errorReply(401, invalidKey(secretKey), requestId, challenge));

    const fault = faults.take(method, url.pathname);
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === '429') return send(errorReply(429, rateLimited(), requestId));

    const matched = matchRoute(method, url.pathname);
    if (!matched) return send(errorReply(404, unrecognizedUrl(method, url.pathname), requestId));
    const params = parseForm(method === 'GET' ? url.search.slice(1) : raw);

    if (idempotencyKey !== null) {
      if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY) {
        const message = `Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY} characters long.`;
        return send(errorReply(400, invalidParam('Idempotency-Key', message), requestId));
      }
      const print = `${method} ${url.pathname} ${fingerprint(params)}`;
      const found = idempotency.lookup(secretKey, idempotencyKey, print);
      if (found.kind === 'mismatch')
        return send(errorReply(400, idempotencyMismatch(idempotencyKey), requestId));
      if (found.kind === 'in-use') return send(errorReply(409, idempotencyInUse(idempotencyKey), requestId));
      if (found.kind === 'replay') {
        entry.replayed = true;
        return send({
          ...found.reply,
          headers: {
            ...found.reply.headers,
            'Idempotent-Replayed': 'true',
            'Original-Request': found.requestId,
          },
        });
      }
      if (fault && fault.kind !== '402' && fault.apply === 'before') return fail(fault);
      idempotency.begin(secretKey, idempotencyKey, print, requestId);
    } else if (fault && fault.kind !== '402' && fault.apply === 'before') {
      return fail(fault);
    }

    if (method === 'POST' && latencyMs > 0) await sleep(latencyMs);
    let reply: SimReply;
    if (fault?.kind === '402') {
      reply = errorReply(402, cardDeclined(), requestId);
    } else {
      try {
        reply = { status: 200, body: matched.route.run(ledger, matched.ids, params) };
      } catch (error) {
        if (!(error instanceof EndpointError)) throw error;
        // Stripe saves no answer for most requests refused for their parameters.
        if (idempotencyKey !== null) idempotency.release(secretKey, idempotencyKey);
        return send(errorReply(error.status, error.fields, requestId));
      }
    }
    if (fault && (fault.kind === '500' || fault.kind === '503')) {
      reply = errorReply(Number(fault.kind), serverError(), requestId, { 'Stripe-Should-Retry': 'false' });
    }
    if (idempotencyKey !== null) idempotency.save(secretKey, idempotencyKey, reply);
    if (fault && (fault.kind === 'hang' || fault.kind === 'drop')) return fail(fault);
    send(reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const control: StripeSimControl = {
    addCustomer(fields) {
      const params: FormMap = {};
      if (fields.email !== undefined) params.email = fields.email;
      if (fields.name !== undefined) params.name = fields.name;
      if (fields.metadata) params.metadata = { ...fields.metadata };
      return ledger.createCustomer(params);
    },
    customers: () => ledger.allCustomers(),
    balanceTransactions: () => ledger.allBalanceTransactions(),
    fail: (spec) => faults.add(spec),
    setLatency(ms) {
      latencyMs = ms;
    },
    expireIdempotencyKeys: () => idempotency.expire(),
    log: () => [...log],
    reset() {
      ledger.reset();
      faults.clear();
      idempotency.expire();
      latencyMs = 0;
      log = [];
    },
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    secretKey: secretKeys[0]!,
    control,
    async close() {
      for (const res of hung) res.destroy();
      hung.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
