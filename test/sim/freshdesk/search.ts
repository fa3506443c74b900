import type { SimAccount, SimTicket } from '../data/model';
import { FD_PRIORITY, FD_SOURCE } from './serialize';

type Predicate = (t: SimTicket) => boolean;

/** A compiled filter: its predicate, and a tag every match carries (null: none), for the tag index. */
export interface Filter {
  matches: Predicate;
  tag: string | null;
}

/**
 * Freshdesk's filter language: `field:value`, `field:>value` (≥), `field:<value` (≤),
 * `AND`, `OR`, parentheses; strings and dates in single quotes; `null` matches empty.
 */
export function compileFilter(query: string, account: SimAccount): Filter {
  const tokens = [...query.matchAll(/\(|\)|'[^']*'|[^\s()]+/g)].map((m) => m[0]);
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];
  const next = (): string => {
    const token = tokens[pos++];
    if (token === undefined) throw new Error('unexpected end of query');
    return token;
  };

  function term(): Filter {
    if (peek() === '(') {
      next();
      const inner = or();
      if (next() !== ')') throw new Error('missing )');
      return inner;
    }
    const token = next();
    const m = /^([a-z_0-9]+):([<>]?)(.*)$/i.exec(token);
    if (!m) throw new Error(`invalid term ${token}`);
    const [, field, op, rawInline] = m as unknown as [string, string, string, string];
    const raw = rawInline === '' ? next() : rawInline;
    const value = raw.replace(/^'(.*)'$/, '$1');
    return {
      matches: condition(field, op, value, account),
      tag: field === 'tag' && value !== 'null' ? value : null,
    };
  }

  function and(): Filter {
    let left = term();
    while (peek()?.toUpperCase() === 'AND') {
      next();
      const l = left;
      const r = term();
      left = { matches: (t) => l.matches(t) && r.matches(t), tag: l.tag ?? r.tag };
    }
    return left;
  }

  function or(): Filter {
    let left = and();
    while (peek()?.toUpperCase() === 'OR') {
      next();
      const l = left;
      const r = and();
      left = { matches: (t) => l.matches(t) || r.matches(t), tag: l.tag === r.tag ? l.tag : null };
    }
    return left;
  }

  const filter = or();
  if (pos !== tokens.length) throw new Error(`unexpected ${tokens[pos]}`);
  return filter;
}

function fieldValue(t: SimTicket, field: string): string | number | null | string[] {
  switch (field) {
    case 'status':
      return Number(t.status);
    case 'priority':
      return FD_PRIORITY[t.priority ?? 'normal'];
    case 'source':
      return FD_SOURCE[t.channel];
    case 'type':
      return t.type ? t.type[0]?.toUpperCase() + t.type.slice(1) : null;
    case 'tag':
      return t.tags;
    case 'group_id':
      return t.groupId;
    case 'agent_id':
      return t.assigneeId;
    case 'requester_id':
      return t.requesterId;
    case 'created_at':
      return t.createdAt.slice(0, 10);
    case 'updated_at':
      return t.updatedAt.slice(0, 10);
    default: {
      const value = t.customFields[field];
      return value === undefined || value === null
        ? null
        : typeof value === 'boolean'
          ? String(value)
          : value;
    }
  }
}

const KNOWN = [
  'status',
  'priority',
  'source',
  'type',
  'tag',
  'group_id',
  'agent_id',
  'requester_id',
  'created_at',
  'updated_at',
];

/** Filter dates are whole UTC days (helpdesk-apis.md §2.2, "Filter syntax"): a time of day is refused. */
const DATES = ['created_at', 'updated_at'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function condition(field: string, op: string, value: string, account: SimAccount): Predicate {
  if (!KNOWN.includes(field) && !account.ticketFields.some((f) => f.key === field))
    throw new Error(`unknown field ${field}`);
  if (DATES.includes(field) && value !== 'null' && !DAY.test(value))
    throw new Error(`${field} should be a date in the format 'YYYY-MM-DD'`);
  return (t) => {
    const actual = fieldValue(t, field);
    if (value === 'null') return actual === null || (Array.isArray(actual) && actual.length === 0);
    if (Array.isArray(actual)) return actual.includes(value);
    if (actual === null) return false;
    if (op === '') return String(actual) === value;
    const a = typeof actual === 'number' ? actual : actual;
    const v = typeof actual === 'number' ? Number(value) : value;
    return op === '>' ? a >= v : a <= v;
  };
}
