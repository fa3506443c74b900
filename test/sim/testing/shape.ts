/** Compares two JSON values by field names and JSON types, recursively; values themselves don't matter. */
export interface ShapeRules {
  /** Paths (`ticket.assignee_id`, `tickets[].group_id`) that may be null on either side. */
  nullable?: string[];
  /** Paths whose content is free-form (custom field values, audit events): not compared at all. */
  freeform?: string[];
  /** Paths the simulator sends although this recording lacks them (newer API versions). */
  extra?: string[];
  /** Paths this recording has but the simulator leaves out. */
  omitted?: string[];
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function shapeDiff(
  recorded: unknown,
  simulated: unknown,
  rules: ShapeRules = {},
  path = '',
): string[] {
  const at = path || '(root)';
  if (rules.freeform?.includes(path)) return [];
  const tr = typeOf(recorded);
  const ts = typeOf(simulated);
  if (tr === 'null' || ts === 'null') {
    if (tr === ts || rules.nullable?.includes(path)) return [];
    return [`${at}: recorded ${tr}, simulated ${ts}`];
  }
  if (tr !== ts) return [`${at}: recorded ${tr}, simulated ${ts}`];
  if (tr === 'array') {
    const r = recorded as unknown[];
    const s = simulated as unknown[];
    if (r.length === 0 || s.length === 0) return [];
    return s
      .flatMap((item) => shapeDiff(r[0], item, rules, `${path}[]`))
      .filter((d, i, all) => all.indexOf(d) === i);
  }
  if (tr !== 'object') return [];
  const r = recorded as Record<string, unknown>;
  const s = simulated as Record<string, unknown>;
  const diffs: string[] = [];
  const child = (k: string): string => (path ? `${path}.${k}` : k);
  for (const k of Object.keys(r))
    if (!(k in s)) {
      if (!rules.omitted?.includes(child(k))) diffs.push(`${child(k)}: recorded, not simulated`);
    } else diffs.push(...shapeDiff(r[k], s[k], rules, child(k)));
  for (const k of Object.keys(s))
    if (!(k in r) && !rules.extra?.includes(child(k)))
      diffs.push(`${child(k)}: simulated, not in the recording`);
  return diffs;
}
