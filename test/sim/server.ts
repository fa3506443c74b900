import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  authenticate,
  clearedCookie,
  createSessions,
  readCookie,
  SESSION_COOKIE,
  type Sessions,
  sessionCookie,
} from './auth';
import { createBilling } from './billing';
import { makeCertificate } from './cert';
import { canonicalHost, cnameApiRefusal, DEFAULT_CNAMES } from './cname';
import { CONTROL_ROUTES, controlHttp, createControl, type SimControl } from './control';
import { createCsrfRotation } from './csrf-rotation';
import type { DataSize } from './data/generate';
import { buildAccounts } from './data/index';
import { setLedgerField } from './data/ledger-field';
import type { Helpdesk, SimAccount } from './data/model';
import { createStore, type SimData } from './data/store';
import { createFaults, type Fault } from './faults';
import { fdErrors } from './freshdesk/errors';
import { freshdeskCost, freshdeskRoutes } from './freshdesk/routes';
import { freshdeskVisibility } from './freshdesk/visibility';
import { type ApiContext, isoNow, type SimSettings } from './http/context';
import { json, type Reply, text } from './http/reply';
import { createRouter, type Router } from './http/router';
import {
  createLimiter,
  freshdeskLimitHeaders,
  freshdeskSubLimit,
  HOUR_MS,
  hourlyLimitReply,
  planOf,
  windowOf,
  zendeskLimitHeaders,
} from './limits';
import { createLog } from './log';
import {
  APP_SCRIPT_PATH,
  agentShell,
  appScriptReply,
  otherSitePage,
  portalPage,
  signedOutPage,
  unknownAccountPage,
} from './pages/html';
import { freshdeskUiRoutes, zendeskUiRoutes } from './pages/ui-api';
import { hashSeed, makeRng } from './rng';
import { zdErrors } from './zendesk/errors';
import { corsHeaders, createOAuth, oauthControl, type SimOAuth } from './zendesk/oauth';
import { zendeskRoutes } from './zendesk/routes';
import { ticketUpdateRefusal } from './zendesk/ticket-update-limit';

export type { SimControl } from './control';
export type { SimData } from './data/store';

export interface SimulatorOptions {
  seed?: number;
  size?: DataSize;
  /** A JSON data set in the documented format (test/sim/README.md), instead of the generator. */
  dataset?: string;
  /** Accounts built by the caller (the team bench's 200-agent account), instead of the generator or a data set. */
  accounts?: SimAccount[];
  /** 0 = a random free port (default). */
  port?: number;
  /** Rate-limit plan (limits.ts PLANS); default `sim`, generous enough for tests. */
  plan?: string;
  latencyMs?: number;
  jitterMs?: number;
  /** The generator's "now" in ms (default: start of the current UTC day); pins generated dates for tests. */
  now?: number;
  /** The rate limiters' clock (default Date.now): a test passes its virtual clock to wait out long windows. */
  clock?: () => number;
  /** Zendesk's per-user, per-ticket update limit (zendesk/ticket-update-limit.ts); off by default. */
  ticketUpdateLimit?: boolean;
  /** Custom helpdesk hosts → the account each serves (cname.ts); default `support.acme.test` → `acme.freshdesk.com`. */
  cnames?: Readonly<Record<string, string>>;
  /** Zendesk ticket updates that overlap collide and can lose tags (zendesk/collisions.ts); default off. */
  collisionMs?: number;
  /** Every account has the "Frontline ledger" ticket field (data/ledger-field.ts); default off. */
  ledgerField?: boolean;
}

export interface Simulator {
  port: number;
  /** Direct access to the in-memory data, for test assertions. */
  data: SimData;
  control: SimControl;
  /** Zendesk OAuth (zendesk/oauth.ts): register a client to switch it on; `control.reset()` clears it. */
  oauth: SimOAuth;
  /** The self-signed certificate (PEM), for clients that want to verify instead of ignoring errors. */
  ca: string;
  /** `https://HOST:PORT`, e.g. for Node clients that cannot map host names. */
  origin(host: string): string;
  /** The Chromium flag value that maps the helpdesk hosts to this simulator. */
  hostResolverRules: string;
  close(): Promise<void>;
}

/** The host patterns every simulator answers for (its CNAMEs come on top). */
export const SIM_HOST_PATTERNS = ['*.zendesk.com', '*.freshdesk.com', '*.example.com'];

const ZENDESK_HOST = /^[a-z0-9-]+\.zendesk\.com$/;
const FRESHDESK_HOST = /^[a-z0-9-]+\.freshdesk\.com$/;
const MAX_BODY = 1_000_000;
const REVOKE_CURRENT = /^\/api\/v2\/oauth\/tokens\/current(?:\.json)?$/;

export function helpdeskOfHost(host: string): Helpdesk | null {
  if (ZENDESK_HOST.test(host)) return 'zendesk';
  if (FRESHDESK_HOST.test(host)) return 'freshdesk';
  return null;
}

const isAgentPage = (helpdesk: Helpdesk, path: string): boolean =>
  helpdesk === 'zendesk'
    ? path === '/agent' || path.startsWith('/agent/')
    : path.startsWith('/a/') || path === '/a' || path.startsWith('/helpdesk/tickets/');

const SIGN_OUT: Record<Helpdesk, string> = { zendesk: '/access/logout', freshdesk: '/logout' };

/** Log names for requests no route matched: numeric segments become `:id`, Zendesk's `.json` goes. */
const normalizePath = (path: string): string => path.replace(/\.json$/, '').replace(/\/\d+(?=\/|$)/g, '/:id');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') out[k] = v;
  return out;
}

function faultReply(fault: Fault, helpdesk: Helpdesk | null): Reply {
  const retry = String(fault.retryAfter ?? 1);
  switch (fault.kind) {
    case '429':
      return helpdesk === 'freshdesk'
        ? {
            ...json(429, { message: 'You have exceeded the limit of requests per minute' }),
            headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': retry },
          }
        : {
            ...text(429, 'Number of allowed API requests per minute exceeded'),
            headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': retry },
          };
    case '503':
      return {
        ...text(503, 'Service Unavailable'),
        headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': retry },
      };
    default:
      return helpdesk === 'freshdesk'
        ? json(500, { code: 'internal_error', message: 'We are facing some issues. Please try again later.' })
        : json(500, { error: 'InternalError', description: 'Something went wrong (simulated)' });
  }
}

interface Routers {
  zendesk: Router<ApiContext>;
  freshdesk: Router<ApiContext>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const plan = options.plan ?? 'sim';
  planOf(plan);
  const accounts =
    options.accounts ??
    (await buildAccounts({
      seed,
      size: options.size ?? 'demo',
      dataset: options.dataset,
      now: options.now,
    }));
  const data = createStore(accounts);
  if (options.ledgerField) for (const account of data.accounts.values()) setLedgerField(account, true);
  const cnames = options.cnames ?? DEFAULT_CNAMES;
  const certificate = await makeCertificate(Object.keys(cnames));
  const settings: SimSettings = {
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    plan,
    csrf: { zendesk: { required: true, status: 403 }, freshdesk: { required: false, status: 403 } },
    freshdesk: freshdeskVisibility(),
    ticketUpdateLimit: options.ticketUpdateLimit ?? false,
    collisionMs: options.collisionMs ?? 0,
  };
  const clock = options.clock ?? Date.now;
  const sessions = createSessions();
  const limiter = createLimiter();
  const faults = createFaults(seed);
  const log = createLog();
  const billing = createBilling();
  const csrf = createCsrfRotation(sessions);
  const oauth = createOAuth();
  const baseControl = createControl({ data, settings, faults, log, limiter, billing, csrf, clock });
  const control: SimControl = {
    ...baseControl,
    reset() {
      baseControl.reset();
      oauth.reset();
    },
  };
  const jitter = makeRng(hashSeed('latency', seed));
  const routers: Routers = {
    zendesk: createRouter([...zendeskRoutes, ...zendeskUiRoutes]),
    freshdesk: createRouter([...freshdeskRoutes, ...freshdeskUiRoutes]),
  };
  const hung = new Set<ServerResponse>();
  const state = (): unknown => ({
    seed,
    size: options.accounts ? 'built' : options.dataset ? 'dataset' : (options.size ?? 'demo'),
    accounts: [...data.accounts.keys()],
    settings,
    faults: faults.list(),
    control: CONTROL_ROUTES,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host || 'localhost'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    let body: unknown;
    let badJson = false;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
      }
    }
    if (url.pathname.startsWith('/__sim/oauth/')) {
      write(res, oauthControl(oauth, method, url.pathname, body));
      return;
    }
    if (url.pathname === '/__sim' || url.pathname.startsWith('/__sim/')) {
      const reply = controlHttp(
        control,
        { method, path: url.pathname, query: url.searchParams, body, host, headers: headerRecord(req), raw },
        billing,
        state,
      );
      write(res, reply);
      return;
    }

    const viaCname = canonicalHost(cnames, host) !== host;
    const helpdesk = helpdeskOfHost(canonicalHost(cnames, host));
    const account = data.accounts.get(canonicalHost(cnames, host));
    let route: string | null = null;
    let auth: 'session' | 'token' | 'oauth' | 'none' | 'invalid' = 'none';
    let as: string | undefined;
    const client =
      url.pathname.startsWith('/api/lotus/') || url.pathname.startsWith('/api/_/') ? 'page' : 'api';
    const finish = (reply: Reply, fault: Fault | null): void => {
      log.add({
        at: new Date().toISOString(),
        host,
        method,
        path: url.pathname + url.search,
        route: route ?? `${method} ${normalizePath(url.pathname)}`,
        status: reply.status,
        auth,
        ...(as === undefined ? {} : { as }),
        client,
        fault: fault?.kind ?? null,
      });
    };

    const delay = settings.latencyMs + Math.floor(jitter() * settings.jitterMs);
    if (delay > 0) await sleep(delay);

    if (helpdesk && account && url.pathname.startsWith('/api/')) {
      const path = helpdesk === 'zendesk' ? url.pathname.replace(/\.json$/, '') : url.pathname;
      const found = routers[helpdesk].find(method, path);
      if (found && 'route' in found) route = `${method} ${found.route.pattern}`;
    }
    const fault = faults.pick({
      method,
      path: url.pathname,
      route: route?.slice(method.length + 1) ?? null,
      host,
    });
    if (fault) {
      // Log what the client actually gets: the fault's own status (0 for a hang, 200 for bad bodies).
      const sent = ['429', '500', '503'].includes(fault.kind)
        ? faultReply(fault, helpdesk).status
        : fault.kind === 'hang'
          ? 0
          : 200;
      finish({ status: sent, headers: {}, body: '' }, fault);
      applyFault(res, fault, helpdesk);
      return;
    }

    let reply: Reply;
    const oauthReply = helpdesk === 'zendesk' && account ? oauthHandle(req, url, method, raw, account) : null;
    if (!helpdesk) reply = otherSitePage(host, url.pathname);
    else if (!account) reply = unknownAccountPage(host);
    else if (url.pathname === APP_SCRIPT_PATH) reply = appScriptReply();
    else if (url.pathname === SIGN_OUT[helpdesk]) {
      sessions.close(readCookie(req.headers, SESSION_COOKIE[helpdesk]));
      reply = {
        ...signedOutPage(),
        headers: { ...signedOutPage().headers, 'set-cookie': clearedCookie(helpdesk) },
      };
    } else if (isAgentPage(helpdesk, url.pathname)) reply = agentPage(req, url, account, sessions);
    else if (oauthReply) reply = oauthReply;
    else if (helpdesk === 'zendesk' && method === 'DELETE' && REVOKE_CURRENT.test(url.pathname)) {
      const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      auth = 'oauth';
      reply = oauth.revoke(bearer, host) ? { status: 204, headers: {}, body: '' } : zdErrors.unauthorized();
    } else if (url.pathname.startsWith('/api/')) {
      const refused = cnameApiRefusal(viaCname, req.headers);
      const result = refused
        ? { reply: refused, auth: 'token' as const }
        : await apiReply(req, url, method, host, account, body, badJson, routers[helpdesk]);
      auth = result.auth;
      as = result.as;
      reply = result.reply;
    } else reply = portalPage(helpdesk, host);
    finish(reply, null);
    write(res, reply);
  }

  function agentPage(req: IncomingMessage, url: URL, account: SimAccount, store: Sessions): Reply {
    const as = url.searchParams.get('as');
    const current = store.get(readCookie(req.headers, SESSION_COOKIE[account.helpdesk]), account.host);
    const wanted = as ? data.userByEmail(account.host, as) : undefined;
    if (as && (!wanted || wanted.role === 'end-user')) return text(403, `No agent ${as} on ${account.host}`);
    if (current && (!wanted || wanted.id === current.userId)) {
      if (!as) return agentShell(account.helpdesk, current.csrf);
    }
    const agent = wanted ?? data.userByEmail(account.host, 'ada@acme.test') ?? data.agents(account.host)[0];
    if (!agent) return text(500, 'This account has no agents');
    const session = store.open(account, agent);
    if (as) {
      // Drop `?as=` so the page URL is the plain ticket URL the extension recognises.
      url.searchParams.delete('as');
      return {
        status: 302,
        headers: {
          location: url.pathname + url.search,
          'set-cookie': sessionCookie(account.helpdesk, session.token),
        },
        body: '',
      };
    }
    const shell = agentShell(account.helpdesk, session.csrf);
    return {
      ...shell,
      headers: { ...shell.headers, 'set-cookie': sessionCookie(account.helpdesk, session.token) },
    };
  }

  function oauthHandle(
    req: IncomingMessage,
    url: URL,
    method: string,
    raw: string,
    account: SimAccount,
  ): Reply | null {
    const session = sessions.get(readCookie(req.headers, SESSION_COOKIE.zendesk), account.host);
    return oauth.handle({
      method,
      url,
      raw,
      account,
      signedIn: session ? account.users.get(session.userId) : undefined,
      origin: req.headers.origin,
      signIn: (user) => sessionCookie('zendesk', sessions.open(account, user).token),
    });
  }

  async function apiReply(
    req: IncomingMessage,
    url: URL,
    method: string,
    host: string,
    account: SimAccount,
    body: unknown,
    badJson: boolean,
    router: Router<ApiContext>,
  ): Promise<{ reply: Reply; auth: 'session' | 'token' | 'oauth' | 'none' | 'invalid'; as?: string }> {
    const helpdesk = account.helpdesk;
    const zendesk = helpdesk === 'zendesk';
    const credentials = authenticate(req.headers, account, sessions, (token) =>
      oauth.userOf(token, account.host),
    );
    const auth = credentials.kind;
    const as = credentials.kind === 'oauth' ? credentials.user.id : undefined;
    const path = zendesk ? url.pathname.replace(/\.json$/, '') : url.pathname;
    const publicApi = path.startsWith('/api/v2/');
    let limitHeaders: Record<string, string> = {};
    if (publicApi) {
      const limits = planOf(settings.plan);
      const now = clock();
      const windowMs = windowOf(limits, helpdesk);
      const cost = zendesk ? 1 : freshdeskCost(url.searchParams);
      const result = limiter.take(account.host, limits[helpdesk], cost, now, windowMs);
      const sub = zendesk ? null : freshdeskSubLimit(method, path, limits);
      const subResult = sub ? limiter.take(`${account.host}#${sub.name}`, sub.limit, 1, now, windowMs) : null;
      limitHeaders = zendesk ? zendeskLimitHeaders(result) : freshdeskLimitHeaders(result);
      const refused = !result.allowed ? result : subResult && !subResult.allowed ? subResult : null;
      if (refused) {
        const over =
          windowMs === HOUR_MS
            ? hourlyLimitReply(refused.reset)
            : faultReply(
                { id: 'limit', route: '', kind: '429', hits: 0, retryAfter: refused.reset },
                helpdesk,
              );
        return { reply: { ...over, headers: { ...over.headers, ...limitHeaders } }, auth };
      }
    }
    // Zendesk sends CORS headers on OAuth-authenticated answers, but none on 403 or 429.
    const cors =
      auth === 'oauth'
        ? (status: number) => (status === 403 || status === 429 ? {} : corsHeaders(req.headers.origin))
        : () => ({});
    const withLimits = (reply: Reply): { reply: Reply; auth: typeof auth; as?: string } => ({
      reply: { ...reply, headers: { ...limitHeaders, ...cors(reply.status), ...reply.headers } },
      auth,
      as,
    });
    if (credentials.kind === 'invalid')
      return withLimits(zendesk ? zdErrors.unauthorized() : fdErrors.unauthorized());
    if (badJson)
      return withLimits(
        zendesk
          ? json(400, { error: 'Unprocessable Entity', description: 'Server could not parse JSON' })
          : fdErrors.validation({
              field: 'body',
              message: 'Request body has invalid json format',
              code: 'invalid_json',
            }),
      );
    const found = router.find(method, path);
    if (!found) return withLimits(zendesk ? zdErrors.invalidRoute() : fdErrors.notFound());
    if ('allowed' in found)
      return withLimits(zendesk ? zdErrors.invalidRoute() : fdErrors.methodNotAllowed(method, found.allowed));
    const write = method !== 'GET';
    const rule = settings.csrf[helpdesk];
    if (
      write &&
      credentials.kind === 'session' &&
      rule.required &&
      req.headers['x-csrf-token'] !== credentials.session.csrf
    )
      return withLimits(zendesk ? zdErrors.forbidden(rule.status) : fdErrors.forbidden(rule.status));
    const actor = credentials.kind === 'none' ? null : credentials.user;
    if (
      settings.ticketUpdateLimit &&
      zendesk &&
      found.route.pattern === '/api/v2/tickets/:id' &&
      method === 'PUT' &&
      actor
    ) {
      const refusal = ticketUpdateRefusal(limiter, account.host, actor.id, found.params.id ?? '', clock());
      if (refusal) return withLimits(refusal);
    }
    const ctx: ApiContext = {
      data,
      account,
      // Links name the host the request came to, a CNAME included, as a server building them from Host does.
      origin: `https://${host}`,
      method,
      path,
      query: url.searchParams,
      body,
      credentials,
      actor,
      settings,
      now: isoNow,
    };
    let reply = await found.route.handle(ctx, found.params);
    if (zendesk && method === 'GET' && reply.status === 200 && publicApi) {
      const etag = `W/"${createHash('md5').update(reply.body).digest('hex')}"`;
      reply = {
        ...reply,
        headers: { ...reply.headers, etag, 'cache-control': 'max-age=0, private, must-revalidate' },
      };
      if (req.headers['if-none-match'] === etag) reply = { status: 304, headers: { etag }, body: '' };
    }
    if (zendesk) reply = { ...reply, headers: { 'x-zendesk-api-version': 'v2', ...reply.headers } };
    return withLimits(reply);
  }

  function write(res: ServerResponse, reply: Reply): void {
    res.writeHead(reply.status, { 'content-length': Buffer.byteLength(reply.body), ...reply.headers });
    res.end(reply.body);
  }

  function applyFault(res: ServerResponse, fault: Fault, helpdesk: Helpdesk | null): void {
    if (fault.kind === 'hang') {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    if (fault.kind === 'malformed') {
      write(res, {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: '{"ticket":{"id":1,"subject":"trunc<html>',
      });
      return;
    }
    if (fault.kind === 'truncated') {
      const full = JSON.stringify({
        ticket: { id: 1, subject: 'This body is cut off before its end', padding: 'x'.repeat(2000) },
      });
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(full),
      });
      res.write(full.slice(0, Math.floor(full.length / 3)));
      // Closing mid-body: the client sees a premature end, as with a dropped connection.
      setTimeout(() => res.destroy(), 5);
      return;
    }
    write(res, faultReply(fault, helpdesk));
  }

  const server = createServer(
    { key: certificate.key, cert: certificate.cert, keepAliveTimeout: 30_000 },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) write(res, text(500, `simulator error: ${(error as Error).message}`));
        else res.destroy();
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostResolverRules = [...SIM_HOST_PATTERNS, ...Object.keys(cnames)]
    .map((h) => `MAP ${h} 127.0.0.1:${port}`)
    .join(',');
  return {
    oauth,
    port,
    data,
    control,
    ca: certificate.cert,
    origin: (host) => `https://${host}:${port}`,
    hostResolverRules,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        csrf.every(null);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
