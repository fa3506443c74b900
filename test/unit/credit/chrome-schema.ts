/**
 * A small model of how Chrome treats a `managed_schema` (components/policy/core/
 * common/schema.cc): which attributes each type may carry, and how a policy
 * value is checked. Chrome publishes only the top-level policies that pass and
 * drops unknown properties; a nested failure invalidates the policy it sits in.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: Json };

const COMMON = ['description', 'id', 'sensitiveValue', 'title', 'type'];
const ALLOWED: Record<string, string[]> = {
  array: [...COMMON, 'items'],
  boolean: COMMON,
  integer: [...COMMON, 'enum', 'maximum', 'minimum'],
  number: COMMON,
  object: [...COMMON, 'additionalProperties', 'patternProperties', 'properties', 'required'],
  string: [...COMMON, 'enum', 'pattern'],
};

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The reasons Chrome would refuse to load the extension with this schema; empty when it is fine. */
export const schemaProblems = (schema: Schema, path = '', top = true): string[] => {
  const type = schema.type;
  if (typeof type !== 'string' || !(type in ALLOWED)) return [`${path || 'root'}: needs a known type`];
  const problems = Object.keys(schema)
    .filter((k) => !ALLOWED[type]?.includes(k))
    .map((k) => `${path || 'root'}: '${k}' is not allowed on ${type}`);
  if (top && type !== 'object') problems.push('root: must be an object');
  if (top && 'additionalProperties' in schema) problems.push('root: additionalProperties is not allowed');
  if (type === 'array') {
    if (!isObject(schema.items)) problems.push(`${path}: array needs items`);
    else problems.push(...schemaProblems(schema.items, `${path}[]`, false));
  }
  if (type === 'object') {
    const props = isObject(schema.properties) ? schema.properties : {};
    for (const [key, sub] of Object.entries(props)) {
      if (!isObject(sub)) problems.push(`${path}.${key}: must be a schema`);
      else problems.push(...schemaProblems(sub, path ? `${path}.${key}` : key, false));
    }
    const required = schema.required;
    if (Array.isArray(required)) {
      for (const r of required)
        if (typeof r !== 'string' || !(r in props)) problems.push(`${path}: bad required ${r}`);
    }
  }
  if ('enum' in schema && (!Array.isArray(schema.enum) || schema.enum.length === 0)) {
    problems.push(`${path}: enum must be a non-empty list`);
  }
  return problems;
};

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The value Chrome would publish for one schema node, or undefined when it fails. */
const check = (schema: Schema, value: unknown): unknown => {
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') return undefined;
      if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return undefined;
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) return undefined;
      return value;
    }
    case 'integer': {
      // JSON numbers with a fraction or beyond 32 bits become doubles in Chrome, not integers.
      if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
        return undefined;
      }
      if (typeof schema.minimum === 'number' && value < schema.minimum) return undefined;
      if (typeof schema.maximum === 'number' && value > schema.maximum) return undefined;
      if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return undefined;
      return value;
    }
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'array': {
      if (!Array.isArray(value) || !isObject(schema.items)) return undefined;
      const items = schema.items;
      const out = value.map((v) => check(items, v));
      return out.includes(undefined) ? undefined : out;
    }
    case 'object': {
      if (!isObject(value)) return undefined;
      const props = isObject(schema.properties) ? schema.properties : {};
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const sub = props[key];
        if (!isObject(sub)) continue;
        const checked = check(sub, v);
        if (checked === undefined) return undefined;
        out[key] = checked;
      }
      const required = Array.isArray(schema.required) ? schema.required : [];
      return required.every((r) => typeof r === 'string' && r in out) ? out : undefined;
    }
    default:
      return undefined;
  }
};

/** What `storage.managed.get()` returns for this administrator-set value. */
export const publishedPolicy = (schema: Schema, value: Record<string, unknown>): Record<string, unknown> => {
  const props = isObject(schema.properties) ? schema.properties : {};
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const sub = props[key];
    if (!isObject(sub)) continue;
    const checked = check(sub, v);
    if (checked !== undefined) out[key] = checked;
  }
  return out;
};
