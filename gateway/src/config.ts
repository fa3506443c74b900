import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * The gateway's configuration: one JSON file (path in `FRONTLINE_GATEWAY_CONFIG`), validated
 * here. Any secret may be written `{ "env": "NAME" }` to come from the environment instead of
 * the file. The policy is kept unparsed: an invalid policy must not stop the gateway, it
 * refuses that account's grants (`policy-invalid`, fail closed) and says why.
 */

const Secret = z.union([z.string().min(1), z.strictObject({ env: z.string().min(1) })]);
type Secret = z.infer<typeof Secret>;

const Host = z
  .string()
  .regex(/^[a-z0-9.-]+$/, 'account must be a helpdesk host name such as acme.zendesk.com');

const ZendeskCredentials = z.union([
  z.strictObject({ email: z.string().min(3), token: Secret }),
  z.strictObject({ accessToken: Secret }),
]);
const FreshdeskCredentials = z.strictObject({ apiKey: Secret });

const Common = {
  account: Host,
  /** Where the helpdesk API answers; default `https://ACCOUNT`. Tests point it at the simulator. */
  apiBase: z.url().optional(),
  /** The gateway's own share of the account's API rate limit, requests a minute. */
  requestsPerMinute: z.number().int().min(1).max(10_000).default(60),
  policy: z.unknown(),
  /** Which executor moves this account's money; none: grants are checked and counted only. */
  executor: z.enum(['stripe', 'webhook']).optional(),
};

export const AccountConfig = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('zendesk'), credentials: ZendeskCredentials, ...Common }),
  z.strictObject({ kind: z.literal('freshdesk'), credentials: FreshdeskCredentials, ...Common }),
]);
export type AccountConfig = z.infer<typeof AccountConfig>;

export const GatewayConfig = z.strictObject({
  listen: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65_535).default(8787),
    })
    .default({ host: '127.0.0.1', port: 8787 }),
  /** `url` (or env DATABASE_URL) for a Postgres server; else embedded PGlite, in `dataDir` when given. */
  database: z
    .union([
      z.strictObject({ url: Secret, poolSize: z.number().int().min(1).max(100).optional() }),
      z.strictObject({ dataDir: z.string().min(1).optional() }),
    ])
    .default({}),
  accounts: z.array(AccountConfig).min(1, 'at least one helpdesk account is needed'),
  /** Each executor's own settings, parsed by its factory (gateway/src/executors/registry.ts). */
  executors: z.partialRecord(z.enum(['stripe', 'webhook']), z.unknown()).default({}),
  /**
   * TLS and name resolution for the helpdesk API, for a private CA or a test simulator:
   * `caFile` is trusted on top of the system CAs, `resolve` maps host names to addresses.
   */
  helpdeskNetwork: z
    .strictObject({
      caFile: z.string().optional(),
      resolve: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  /** How often the sweeper resumes unfinished executions and write-backs. */
  sweepSeconds: z.number().int().min(1).max(3600).default(60),
  /**
   * How long an execution may stay `started` (or executed without its note) before the
   * sweeper takes it over: longer than any executor or helpdesk call, so the sweeper never
   * races the request still working on it.
   */
  sweepLeaseSeconds: z.number().int().min(0).max(86_400).default(120),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;
export type GatewayConfigInput = z.input<typeof GatewayConfig>;

/** A secret's value; a missing environment variable is a configuration error, not an empty secret. */
export const secretValue = (secret: Secret, env: NodeJS.ProcessEnv = process.env): string => {
  if (typeof secret === 'string') return secret;
  const value = env[secret.env];
  if (value === undefined || value === '') throw new Error(`environment variable ${secret.env} is not set`);
  return value;
};

const issuesOf = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

/** Parses a configuration object; DATABASE_URL wins over the file's database. */
export function parseConfig(input: unknown, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = GatewayConfig.safeParse(input);
  if (!parsed.success) throw new Error(`invalid gateway configuration: ${issuesOf(parsed.error)}`);
  const config = parsed.data;
  const url = env.DATABASE_URL;
  if (url) return { ...config, database: { url } };
  const database = config.database;
  return 'url' in database
    ? { ...config, database: { ...database, url: secretValue(database.url, env) } }
    : config;
}

/** The database settings with the connection string's secret resolved (parseConfig did that). */
export const databaseOf = (
  config: GatewayConfig,
): { url: string; poolSize?: number } | { dataDir?: string } => {
  const database = config.database;
  if (!('url' in database)) return database;
  if (typeof database.url !== 'string') throw new Error('database.url must be resolved by parseConfig');
  return { url: database.url, poolSize: database.poolSize };
};

export async function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Promise<GatewayConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the gateway configuration ${path}: ${(error as Error).message}`);
  }
  return parseConfig(raw, env);
}
