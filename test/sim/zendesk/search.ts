import type { SimAccount, SimTicket } from '../data/model';

const STATUS_ORDER = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

type Op = ':' | '<' | '>' | '<=' | '>=';

interface Term {
  negate: boolean;
  field: string | null;
  op: Op;
  value: string;
}

/** Splits on spaces outside double quotes, keeping `group:"Tier 2"` whole. */
function tokenize(query: string): string[] {
  return [...query.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0]);
}

function parseTerm(token: string): Term {
  const negate = token.startsWith('-');
  const body = negate ? token.slice(1) : token;
  const m = /^([a-z_]+)(<=|>=|:|<|>)(.*)$/i.exec(body);
  const unquote = (v: string): string => v.replace(/^"(.*)"$/, '$1');
  if (!m) return { negate, field: null, op: ':', value: unquote(body) };
  return { negate, field: (m[1] as string).toLowerCase(), op: m[2] as Op, value: unquote(m[3] as string) };
}

function compare(op: Op, a: number, b: number): boolean {
  if (op === '<') return a < b;
  if (op === '>') return a > b;
  if (op === '<=') return a <= b;
  if (op === '>=') return a >= b;
  return a === b;
}

/** Dates compare by day when given as `YYYY-MM-DD`, as Zendesk does. */
function compareDate(op: Op, iso: string, value: string): boolean {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(iso);
  const v = Date.parse(day ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(v)) return false;
  if (!day) return compare(op, t, v);
  const dayStart = v;
  const dayEnd = v + 86_400_000;
  if (op === ':') return t >= dayStart && t < dayEnd;
  if (op === '<') return t < dayStart;
  if (op === '<=') return t < dayEnd;
  if (op === '>') return t >= dayEnd;
  return t >= dayStart;
}

function userIds(account: SimAccount, value: string, me: string | null): string[] {
  if (value === 'me') return me ? [me] : [];
  if (/^\d+$/.test(value)) return [value];
  const lower = value.toLowerCase();
  return [...account.users.values()]
    .filter((u) => u.email.toLowerCase() === lower || u.name.toLowerCase() === lower)
    .map((u) => u.id);
}

export interface TicketQuery {
  /** Null when the query asks for another type (user, organization): no ticket matches. */
  matches: ((ticket: SimTicket) => boolean) | null;
  /** A requester id the caller can use to read from the index instead of scanning. */
  requesterId: string | null;
  /** A tag every match carries (a `tags:` term not negated): the caller can read the tag index. */
  tag: string | null;
}

/** Compiles a Zendesk search query (space-separated AND terms) into a ticket predicate. */
export function compileTicketQuery(query: string, account: SimAccount, me: string | null): TicketQuery {
  const terms = tokenize(query).map(parseTerm);
  const type = terms.find((t) => t.field === 'type');
  if (type && type.value !== 'ticket') return { matches: null, requesterId: null, tag: null };
  let requesterId: string | null = null;
  let tag: string | null = null;
  const tests: ((t: SimTicket) => boolean)[] = [];
  for (const term of terms) {
    let test: (t: SimTicket) => boolean;
    switch (term.field) {
      case 'type':
        continue;
      case 'requester': {
        const ids = userIds(account, term.value, me);
        if (ids.length === 1 && !term.negate) requesterId = ids[0] as string;
        test = (t) => ids.includes(t.requesterId);
        break;
      }
      case 'assignee': {
        const ids = term.value === 'none' ? [] : userIds(account, term.value, me);
        test = (t) =>
          term.value === 'none' ? t.assigneeId === null : t.assigneeId !== null && ids.includes(t.assigneeId);
        break;
      }
      case 'group': {
        const ids = [...account.groups.values()]
          .filter((g) => g.id === term.value || g.name.toLowerCase() === term.value.toLowerCase())
          .map((g) => g.id);
        test = (t) =>
          term.value === 'none' ? t.groupId === null : t.groupId !== null && ids.includes(t.groupId);
        break;
      }
      case 'tags':
      case 'tag':
        if (!term.negate) tag ??= term.value;
        test = (t) => t.tags.includes(term.value);
        break;
      case 'status': {
        const want = STATUS_ORDER.indexOf(term.value);
        test = (t) => compare(term.op, STATUS_ORDER.indexOf(t.status), want);
        break;
      }
      case 'priority':
        test = (t) => t.priority === term.value;
        break;
      case 'created':
        test = (t) => compareDate(term.op, t.createdAt, term.value);
        break;
      case 'updated':
        test = (t) => compareDate(term.op, t.updatedAt, term.value);
        break;
      case 'subject':
        test = (t) => t.subject.toLowerCase().includes(term.value.toLowerCase());
        break;
      case null: {
        const word = term.value.toLowerCase();
        test = (t) => t.subject.toLowerCase().includes(word) || t.description.toLowerCase().includes(word);
        break;
      }
      default:
        test = () => false;
    }
    tests.push(term.negate ? (t) => !test(t) : test);
  }
  return { matches: (t) => tests.every((test) => test(t)), requesterId, tag };
}

const SORTS: Record<string, (t: SimTicket) => string | number> = {
  created_at: (t) => t.createdAt,
  updated_at: (t) => t.updatedAt,
  priority: (t) => ['low', 'normal', 'high', 'urgent'].indexOf(t.priority ?? ''),
  status: (t) => STATUS_ORDER.indexOf(t.status),
  ticket_type: (t) => t.type ?? '',
};

export function sortTickets(tickets: SimTicket[], sortBy: string | null, order: string | null): SimTicket[] {
  const key = SORTS[sortBy ?? ''] ?? ((t: SimTicket) => Number(t.id));
  const dir = order === 'asc' || (!sortBy && order !== 'desc') ? 1 : -1;
  return [...tickets].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * dir || (Number(a.id) - Number(b.id)) * dir;
  });
}
