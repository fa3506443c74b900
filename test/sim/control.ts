import type { Billing, BillingEvent } from './billing';
import type { CsrfRotation } from './csrf-rotation';
import { setLedgerField } from './data/ledger-field';
import type { Helpdesk, SimAudit, SimComment, SimCustomStatus, SimRule, SimTicket } from './data/model';
import { applyUpdate } from './data/mutate';
import type { SimData } from './data/store';
import { type Fault, type FaultSpec, type Faults, parseFaultSpec } from './faults';
import { isRecord, type SimSettings } from './http/context';
import { json, type Reply } from './http/reply';
import { type Limiter, planOf, windowOf } from './limits';
import type { LogEntry, RequestLog } from './log';
import { routedTicket } from './zendesk/routed-ticket';
import { oddEvent, ruleAssign } from './zendesk/rule-events';

/** A ticket by account host and id; a SimTicket fits. */
export interface TicketKey {
  account: string;
  id: string;
}

export interface SimControl {
  setLatency(ms: number, jitterMs?: number): void;
  addFault(spec: FaultSpec): Fault;
  clearFaults(): void;
  faults(): Fault[];
  log(): { total: number; counts: Record<string, number>; entries: LogEntry[] };
  resetLog(): void;
  /** Changes the rate-limit plan and starts fresh windows. */
  setPlan(plan: string): void;
  resetLimits(): void;
  /** Others (agents, integrations) spend `credits` of the account's current window. */
  spendQuota(account: string, credits: number): void;
  /** Switches Zendesk's per-user, per-ticket update limit (30 per 10 minutes) on or off. */
  setTicketUpdateLimit(on: boolean): void;
  setCsrf(helpdesk: Helpdesk, rule: { required?: boolean; status?: number }): void;
  /**
   * New CSRF tokens for the open sessions (of `host` when given), now and, with
   * `everyMinutes`, from then on (null stops); the old token gets `setCsrf`'s status.
   * Returns how many sessions got a new token now.
   */
  rotateCsrf(options?: { host?: string; everyMinutes?: number | null }): number;
  /** Zendesk ticket updates take `ms` and overlapping ones can lose tags (zendesk/collisions.ts); 0 = off. */
  setCollisions(ms: number): void;
  /** The customer writes a public reply. */
  addReply(ticket: TicketKey, body: string): SimComment;
  /** An agent (default Ben Backline) writes a private note. */
  addNote(ticket: TicketKey, body: string, agentEmail?: string): SimComment;
  /**
   * An end user who is neither the requester nor a CC emails in: Zendesk makes that a
   * PRIVATE comment by them (helpdesk-apis.md §7); Freshdesk an incoming private note.
   * The first such end user of the account when no email is given.
   */
  addForeignEmail(ticket: TicketKey, body: string, fromEmail?: string): SimComment;
  /** Someone (default Ada) removes a tag in the helpdesk, recorded as an audit. */
  removeTag(ticket: TicketKey, tag: string, byEmail?: string): SimAudit;
  /** Moves a ticket to another assignee and/or group, recorded as an audit (Zendesk's trail). */
  reassign(
    ticket: TicketKey,
    to: {
      assigneeEmail?: string | null;
      assigneeId?: string | null;
      groupName?: string | null;
      groupId?: string | null;
    },
    byEmail?: string,
  ): SimAudit;
  setStatus(ticket: TicketKey, status: string, byEmail?: string): SimAudit;
  /** A Freshdesk agent's `ticket_scope`: 1 Global, 2 Group, 3 Restricted (freshdesk/visibility.ts). */
  setTicketScope(account: string, agentEmail: string, scope: 1 | 2 | 3): void;
  /** Freshdesk `GET /tickets`: whether `requester_id` still applies beside `updated_since`. */
  setRequesterWithUpdatedSince(mode: 'combine' | 'ignore-requester'): void;
  /** Creates (on) or deletes (off, with its values) the account's "Frontline ledger" ticket field. */
  setLedgerField(account: string, on: boolean): void;
  /** One more account status; a Freshdesk one in the 'solved' category is shown to customers as Resolved. */
  addCustomStatus(account: string, status: SimCustomStatus): void;
  /**
   * Zendesk: a trigger (inside the update of `byEmail`, default the requester) or an automation
   * (the system's own audit) assigns the ticket; its events say `via.channel: "rule"`
   * (test/sim/zendesk/rule-events.ts). Default rule: trigger "Assign to triage".
   */
  ruleAssign(
    ticket: TicketKey,
    to: { assigneeEmail?: string | null; groupName?: string | null },
    rule?: Partial<SimRule>,
    byEmail?: string,
  ): SimAudit;
  /**
   * Zendesk: a customer (default: Maya, the sample requester) emails in a new ticket and a
   * trigger routes it in the same update (test/sim/zendesk/routed-ticket.ts).
   */
  emailRouted(
    account: string,
    text: { subject: string; body: string; fromEmail?: string },
    to: { assigneeEmail?: string | null; groupName?: string | null },
    rule?: Partial<SimRule>,
  ): SimTicket;
  /** Zendesk: a new audit holding one event exactly as given (an event type nobody expects). */
  addAuditEvent(ticket: TicketKey, event: unknown): SimAudit;
  billing: {
    received(): BillingEvent[];
    calls(): number;
    fail(status: number, times?: number): void;
    setSecret(secret: string | null): void;
    reset(): void;
  };
  /** Clears the log, faults, limits, latency and billing state. */
  reset(): void;
}

interface ControlDeps {
  data: SimData;
  settings: SimSettings;
  faults: Faults;
  log: RequestLog;
  limiter: Limiter;
  billing: Billing;
  csrf: CsrfRotation;
  /** The rate limiters' clock. */
  clock: () => number;
}

export function createControl({
  data,
  settings,
  faults,
  log,
  limiter,
  billing,
  csrf,
  clock,
}: ControlDeps): SimControl {
  const ticketOf = (key: TicketKey): SimTicket => {
    const ticket = data.ticket(key.account, String(key.id));
    if (!ticket) throw new Error(`no ticket ${key.id} on ${key.account}`);
    return ticket;
  };
  const userId = (host: string, email: string): string => {
    const user = data.userByEmail(host, email);
    if (!user) throw new Error(`no user ${email} on ${host}`);
    return user.id;
  };
  const zendeskTicketOf = (key: TicketKey): SimTicket => {
    const ticket = ticketOf(key);
    if (ticket.helpdesk !== 'zendesk') throw new Error(`ticket ${key.id} on ${key.account} is not Zendesk's`);
    return ticket;
  };
  const assignment = (
    ticket: SimTicket,
    to: {
      assigneeEmail?: string | null;
      assigneeId?: string | null;
      groupName?: string | null;
      groupId?: string | null;
    },
  ): { assigneeId?: string | null; groupId?: string | null } => {
    const changes: { assigneeId?: string | null; groupId?: string | null } = {};
    if (to.assigneeId !== undefined) changes.assigneeId = to.assigneeId;
    if (to.assigneeEmail !== undefined)
      changes.assigneeId = to.assigneeEmail === null ? null : userId(ticket.account, to.assigneeEmail);
    if (to.groupId !== undefined) changes.groupId = to.groupId;
    if (to.groupName !== undefined) {
      const group = to.groupName === null ? null : data.groupByName(ticket.account, to.groupName);
      if (group === undefined) throw new Error(`no group ${to.groupName} on ${ticket.account}`);
      changes.groupId = group?.id ?? null;
    }
    return changes;
  };
  return {
    setLatency(ms, jitterMs = 0) {
      settings.latencyMs = Math.max(0, ms);
      settings.jitterMs = Math.max(0, jitterMs);
    },
    addFault: (spec) => faults.add(parseFaultSpec(spec)),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    log: () => ({ total: log.entries().length, counts: log.counts(), entries: log.entries() }),
    resetLog: () => log.reset(),
    setPlan(plan) {
      planOf(plan);
      settings.plan = plan;
      limiter.reset();
    },
    resetLimits: () => limiter.reset(),
    spendQuota(account, credits) {
      const helpdesk = data.account(account).helpdesk;
      limiter.spend(account, credits, clock(), windowOf(planOf(settings.plan), helpdesk));
    },
    setTicketUpdateLimit(on) {
      settings.ticketUpdateLimit = on;
    },
    setCsrf(helpdesk, rule) {
      settings.csrf[helpdesk] = { ...settings.csrf[helpdesk], ...rule };
    },
    rotateCsrf({ host, everyMinutes } = {}) {
      if (everyMinutes !== undefined) csrf.every(everyMinutes, host);
      return csrf.rotate(host);
    },
    setCollisions(ms) {
      settings.collisionMs = Math.max(0, ms);
    },
    addReply(key, body) {
      const ticket = ticketOf(key);
      const reopen =
        ticket.helpdesk === 'zendesk'
          ? ['pending', 'solved'].includes(ticket.status)
            ? 'open'
            : undefined
          : undefined;
      const { comment } = applyUpdate(
        data,
        ticket,
        ticket.requesterId,
        reopen ? { status: reopen } : {},
        { authorId: ticket.requesterId, body, public: true, incoming: true },
        'email',
      );
      return comment as SimComment;
    },
    addNote(key, body, agentEmail = 'ben@acme.test') {
      const ticket = ticketOf(key);
      const author = userId(ticket.account, agentEmail);
      const { comment } = applyUpdate(
        data,
        ticket,
        author,
        {},
        { authorId: author, body, public: false, incoming: false },
      );
      return comment as SimComment;
    },
    addForeignEmail(key, body, fromEmail) {
      const ticket = ticketOf(key);
      const stranger =
        fromEmail === undefined
          ? [...data.account(ticket.account).users.values()].find(
              (u) => u.role === 'end-user' && u.id !== ticket.requesterId,
            )?.id
          : userId(ticket.account, fromEmail);
      if (stranger === undefined) throw new Error(`no other end user on ${ticket.account}`);
      const { comment } = applyUpdate(
        data,
        ticket,
        stranger,
        {},
        { authorId: stranger, body, public: false, incoming: true },
        'email',
      );
      return comment as SimComment;
    },
    removeTag(key, tag, byEmail = 'ada@acme.test') {
      const ticket = ticketOf(key);
      const tags = ticket.tags.filter((t) => t !== tag);
      return applyUpdate(data, ticket, userId(ticket.account, byEmail), { tags }).audit;
    },
    reassign(key, to, byEmail = 'ada@acme.test') {
      const ticket = ticketOf(key);
      return applyUpdate(data, ticket, userId(ticket.account, byEmail), assignment(ticket, to)).audit;
    },
    ruleAssign(key, to, rule = {}, byEmail) {
      const ticket = zendeskTicketOf(key);
      const made: SimRule = {
        rel: rule.rel ?? 'trigger',
        id: rule.id ?? '35079792',
        title: rule.title ?? 'Assign to triage',
      };
      const by = byEmail === undefined ? undefined : userId(ticket.account, byEmail);
      return ruleAssign(data, ticket, assignment(ticket, to), made, by);
    },
    addAuditEvent: (key, event) => oddEvent(data, zendeskTicketOf(key), event),
    emailRouted(host, text, to, rule = {}) {
      const account = data.account(host);
      if (account.helpdesk !== 'zendesk') throw new Error(`${host} is not a Zendesk account`);
      const requester =
        text.fromEmail === undefined
          ? data.user(host, data.sampleTicket('zendesk').requesterId)
          : data.userByEmail(host, text.fromEmail);
      if (!requester) throw new Error(`no requester ${text.fromEmail ?? ''} on ${host}`);
      const group = to.groupName == null ? null : data.groupByName(host, to.groupName);
      if (group === undefined) throw new Error(`no group ${to.groupName} on ${host}`);
      return routedTicket(data, account, requester, text, {
        assigneeId: to.assigneeEmail == null ? null : userId(host, to.assigneeEmail),
        groupId: group?.id ?? null,
        rule: {
          rel: rule.rel ?? 'trigger',
          id: rule.id ?? '35079792',
          title: rule.title ?? 'Assign to triage',
        },
      });
    },
    setStatus(key, status, byEmail = 'ada@acme.test') {
      const ticket = ticketOf(key);
      return applyUpdate(data, ticket, userId(ticket.account, byEmail), { status: String(status) }).audit;
    },
    setTicketScope(account, agentEmail, scope) {
      settings.freshdesk.scopes.set(userId(account, agentEmail), scope);
    },
    setRequesterWithUpdatedSince(mode) {
      settings.freshdesk.requesterWithUpdatedSince = mode;
    },
    setLedgerField(account, on) {
      setLedgerField(data.account(account), on);
    },
    addCustomStatus(account, status) {
      const statuses = data.account(account).customStatuses;
      if (statuses.some((s) => s.id === status.id))
        throw new Error(`status ${status.id} exists on ${account}`);
      statuses.push(status);
    },
    billing: {
      received: () => billing.received(),
      calls: () => billing.calls(),
      fail: (s, t) => billing.fail(s, t),
      setSecret: (secret) => billing.setSecret(secret),
      reset: () => billing.reset(),
    },
    reset() {
      log.reset();
      faults.clear();
      limiter.reset();
      billing.reset();
      csrf.every(null);
      settings.latencyMs = 0;
      settings.jitterMs = 0;
      settings.collisionMs = 0;
    },
  };
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** The same operations over HTTP, under `/__sim/` on any host. Unknown requests get a 404 listing the routes. */
export function controlHttp(
  control: SimControl,
  request: {
    method: string;
    path: string;
    query: URLSearchParams;
    body: unknown;
    host: string;
    headers: Record<string, string>;
    /** The body as sent: the billing receiver verifies its signature over these bytes. */
    raw: string;
  },
  billing: Billing,
  state: () => unknown,
): Reply {
  const { method, path } = request;
  const body = isRecord(request.body) ? request.body : {};
  const key = (): TicketKey => ({
    account: str(body.account) ?? request.host,
    id: str(body.ticketId) ?? str(body.id) ?? '',
  });
  const op = `${method} ${path.replace(/\/$/, '')}`;
  try {
    switch (op) {
      case 'GET /__sim':
      case 'GET /__sim/state':
        return json(200, state());
      case 'POST /__sim/latency':
        control.setLatency(Number(body.ms ?? 0), Number(body.jitterMs ?? 0));
        return json(200, state());
      case 'GET /__sim/faults':
        return json(200, { faults: control.faults() });
      case 'POST /__sim/faults':
        return json(201, { fault: control.addFault(parseFaultSpec(body)) });
      case 'DELETE /__sim/faults':
        control.clearFaults();
        return json(200, { faults: [] });
      case 'GET /__sim/log': {
        const log = control.log();
        const limit = Number(request.query.get('limit') ?? '1000');
        return json(200, { ...log, entries: log.entries.slice(-limit) });
      }
      case 'DELETE /__sim/log':
      case 'POST /__sim/log/reset':
        control.resetLog();
        return json(200, { total: 0 });
      case 'POST /__sim/plan':
        control.setPlan(str(body.plan) ?? '');
        return json(200, state());
      case 'POST /__sim/limits/reset':
        control.resetLimits();
        return json(200, state());
      case 'POST /__sim/limits/spend':
        control.spendQuota(str(body.account) ?? request.host, Number(body.credits ?? 0));
        return json(200, state());
      case 'POST /__sim/ticket-update-limit':
        control.setTicketUpdateLimit(body.on !== false);
        return json(200, state());
      case 'POST /__sim/csrf': {
        const helpdesk = body.helpdesk === 'freshdesk' ? 'freshdesk' : 'zendesk';
        control.setCsrf(helpdesk, {
          ...(typeof body.required === 'boolean' ? { required: body.required } : {}),
          ...(typeof body.status === 'number' ? { status: body.status } : {}),
        });
        return json(200, state());
      }
      case 'POST /__sim/csrf/rotate': {
        const everyMinutes =
          body.everyMinutes === null
            ? null
            : typeof body.everyMinutes === 'number'
              ? body.everyMinutes
              : undefined;
        return json(200, { rotated: control.rotateCsrf({ host: str(body.host), everyMinutes }) });
      }
      case 'POST /__sim/collisions':
        control.setCollisions(Number(body.ms ?? 0));
        return json(200, state());
      case 'POST /__sim/tickets/reply':
        return json(201, { comment: control.addReply(key(), str(body.body) ?? '') });
      case 'POST /__sim/tickets/note':
        return json(201, { comment: control.addNote(key(), str(body.body) ?? '', str(body.agentEmail)) });
      case 'POST /__sim/tickets/foreign-email':
        return json(201, {
          comment: control.addForeignEmail(key(), str(body.body) ?? '', str(body.fromEmail)),
        });
      case 'POST /__sim/tickets/remove-tag':
        return json(201, { audit: control.removeTag(key(), str(body.tag) ?? '', str(body.byEmail)) });
      case 'POST /__sim/tickets/reassign': {
        const pick = (k: string): string | null | undefined => (body[k] === null ? null : str(body[k]));
        const audit = control.reassign(
          key(),
          {
            assigneeEmail: pick('assigneeEmail'),
            assigneeId: pick('assigneeId'),
            groupName: pick('groupName'),
            groupId: pick('groupId'),
          },
          str(body.byEmail),
        );
        return json(201, { audit });
      }
      case 'POST /__sim/tickets/rule-assign': {
        const pick = (k: string): string | null | undefined => (body[k] === null ? null : str(body[k]));
        const rel = body.rel === 'automation' ? 'automation' : body.rel === 'trigger' ? 'trigger' : undefined;
        const audit = control.ruleAssign(
          key(),
          { assigneeEmail: pick('assigneeEmail'), groupName: pick('groupName') },
          {
            ...(rel === undefined ? {} : { rel }),
            ...(str(body.ruleId) === undefined ? {} : { id: str(body.ruleId) }),
            ...(str(body.title) === undefined ? {} : { title: str(body.title) }),
          },
          str(body.byEmail),
        );
        return json(201, { audit });
      }
      case 'POST /__sim/tickets/email-routed': {
        const fromEmail = str(body.fromEmail);
        const title = str(body.title);
        const ticket = control.emailRouted(
          str(body.account) ?? request.host,
          {
            subject: str(body.subject) ?? '',
            body: str(body.body) ?? '',
            ...(fromEmail ? { fromEmail } : {}),
          },
          { assigneeEmail: str(body.assigneeEmail) ?? null, groupName: str(body.groupName) ?? null },
          title === undefined ? {} : { title },
        );
        return json(201, { ticket: { id: ticket.id, account: ticket.account } });
      }
      case 'POST /__sim/tickets/audit-event':
        return json(201, { audit: control.addAuditEvent(key(), body.event) });
      case 'POST /__sim/tickets/status':
        return json(201, { audit: control.setStatus(key(), str(body.status) ?? '', str(body.byEmail)) });
      case 'POST /__sim/freshdesk/scope': {
        const scope = Number(body.scope);
        if (scope !== 1 && scope !== 2 && scope !== 3) throw new Error('scope is 1, 2 or 3');
        control.setTicketScope(str(body.account) ?? request.host, str(body.agentEmail) ?? '', scope);
        return json(200, { ok: true });
      }
      case 'POST /__sim/freshdesk/requester-with-updated-since':
        if (body.mode !== 'combine' && body.mode !== 'ignore-requester')
          throw new Error("mode is 'combine' or 'ignore-requester'");
        control.setRequesterWithUpdatedSince(body.mode);
        return json(200, { ok: true });
      case 'POST /__sim/ledger-field':
        control.setLedgerField(str(body.account) ?? request.host, body.on !== false);
        return json(200, { ok: true });
      case 'POST /__sim/custom-statuses': {
        const categories = ['new', 'open', 'pending', 'hold', 'solved'] as const;
        const category = categories.find((c) => c === body.category);
        const id = str(body.id);
        if (!category || !id) throw new Error(`id and a category (${categories.join(', ')}) are needed`);
        control.addCustomStatus(str(body.account) ?? request.host, {
          id,
          category,
          agentLabel: str(body.agentLabel) ?? id,
        });
        return json(201, { ok: true });
      }
      case 'POST /__sim/billing': {
        const answer = billing.receive(request.headers, request.raw);
        return json(answer.status, answer.body);
      }
      case 'GET /__sim/billing':
        return json(200, { received: control.billing.received() });
      case 'POST /__sim/billing/fail':
        control.billing.fail(
          Number(body.status ?? 500),
          body.times === undefined ? undefined : Number(body.times),
        );
        return json(200, { ok: true });
      case 'POST /__sim/billing/secret':
        control.billing.setSecret(str(body.secret) ?? null);
        return json(200, { ok: true });
      case 'DELETE /__sim/billing':
        control.billing.reset();
        return json(200, { ok: true });
      case 'POST /__sim/reset':
        control.reset();
        return json(200, state());
      default:
        return json(404, { error: `no control route ${op}`, routes: CONTROL_ROUTES });
    }
  } catch (error) {
    return json(400, { error: (error as Error).message });
  }
}

export const CONTROL_ROUTES = [
  'GET /__sim/state',
  'POST /__sim/latency {ms, jitterMs}',
  'GET|POST|DELETE /__sim/faults {route, method?, kind, rate?, times?, retryAfter?, host?}',
  'GET|DELETE /__sim/log (?limit=N)',
  'POST /__sim/plan {plan}',
  'POST /__sim/limits/reset',
  'POST /__sim/limits/spend {account?, credits}',
  'POST /__sim/ticket-update-limit {on}',
  'POST /__sim/csrf {helpdesk, required?, status?}',
  'POST /__sim/csrf/rotate {host?, everyMinutes?}',
  'POST /__sim/collisions {ms}',
  'POST /__sim/tickets/reply {account?, ticketId, body}',
  'POST /__sim/tickets/note {account?, ticketId, body, agentEmail?}',
  'POST /__sim/tickets/foreign-email {account?, ticketId, body, fromEmail?}',
  'POST /__sim/tickets/remove-tag {account?, ticketId, tag, byEmail?}',
  'POST /__sim/tickets/reassign {account?, ticketId, assigneeEmail?|assigneeId?, groupName?|groupId?, byEmail?}',
  'POST /__sim/tickets/status {account?, ticketId, status, byEmail?}',
  'POST /__sim/freshdesk/scope {account?, agentEmail, scope: 1|2|3}',
  "POST /__sim/freshdesk/requester-with-updated-since {mode: 'combine'|'ignore-requester'}",
  'POST /__sim/custom-statuses {account?, id, agentLabel, category}',
  'POST /__sim/ledger-field {account?, on?}',
  'POST /__sim/tickets/rule-assign {account?, ticketId, assigneeEmail?, groupName?, rel?, ruleId?, title?, byEmail?}',
  'POST /__sim/tickets/audit-event {account?, ticketId, event}',
  'POST /__sim/tickets/email-routed {account?, subject, body, fromEmail?, assigneeEmail?, groupName?, title?}',
  'POST|GET|DELETE /__sim/billing, POST /__sim/billing/fail {status, times?}, POST /__sim/billing/secret {secret}',
  'POST /__sim/reset',
];
