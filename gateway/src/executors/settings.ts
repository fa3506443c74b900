import { z } from 'zod';

/**
 * What the executors' settings share. A secret is written in the configuration file or, as
 * `{ "env": "NAME" }`, taken from the gateway's environment (the same shape as the gateway's
 * other secrets in config.ts).
 */
export const Secret = z.union([z.string().min(1), z.strictObject({ env: z.string().min(1) })]);
export type Secret = z.infer<typeof Secret>;

/** A secret's value; a missing environment variable is a configuration error, never an empty secret. */
export function secretOf(secret: Secret, env: NodeJS.ProcessEnv): string {
  if (typeof secret === 'string') return secret;
  const value = env[secret.env];
  if (value === undefined || value === '') throw new Error(`environment variable ${secret.env} is not set`);
  return value;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Money calls leave the machine over TLS only; plain http is for a simulator or a receiver on
 * the same machine (tests, the demo).
 */
export const ServiceUrl = z.url().refine((text) => {
  const url = new URL(text);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}, 'must be an https:// address (http:// only on 127.0.0.1 or localhost)');

/** Parses an executor's settings, naming the executor and each bad field. */
export function parseSettings<T extends z.ZodType>(name: string, schema: T, settings: unknown): z.infer<T> {
  const parsed = schema.safeParse(settings);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; ');
  throw new Error(`invalid ${name} executor settings: ${why}`);
}
