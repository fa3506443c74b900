import type { Credentials } from '../auth';
import type { Helpdesk, SimAccount, SimUser } from '../data/model';
import type { SimData } from '../data/store';
import type { FreshdeskVisibility } from '../freshdesk/visibility';

/** Knobs the control endpoint and the CLI change while the simulator runs. */
export interface SimSettings {
  latencyMs: number;
  jitterMs: number;
  plan: string;
  /** Session writes without the right `X-CSRF-Token`: whether they are refused, and with which status. */
  csrf: Record<Helpdesk, { required: boolean; status: number }>;
  /** Freshdesk agents' ticket scopes and the requester_id + updated_since rule (freshdesk/visibility.ts). */
  freshdesk: FreshdeskVisibility;
  /** Zendesk's 30 updates per 10 minutes per user per ticket (zendesk/ticket-update-limit.ts). */
  ticketUpdateLimit: boolean;
  /** Zendesk ticket updates take this long and can collide (zendesk/collisions.ts); 0 = off. */
  collisionMs: number;
}

export interface ApiContext {
  data: SimData;
  account: SimAccount;
  /** `https://acme.zendesk.com` */
  origin: string;
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  credentials: Credentials;
  /** The signed-in agent, or null. */
  actor: SimUser | null;
  settings: SimSettings;
  /** Wall-clock now, ISO without milliseconds, as both APIs print it. */
  now: () => string;
}

export const isoNow = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
