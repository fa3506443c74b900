import type { TicketRef } from '../domain/ticket-ref';

/*
 * Zod-free, like everything a platform's page.ts and platform.ts import: the content
 * script, the manifest (wxt.config.ts) and lib/domain's TicketRef read them, and the
 * content script must stay tiny.
 */

/** How the helpdesk decides who owns a case when no ownership marker says so. */
export type OwnerRule = 'first-assigned' | 'first-replied';

/**
 * The API credential the rep saves for an account: its stored fields, the one the rep
 * types into the key form, and how a request authenticates with it.
 */
export interface CredentialShape {
  /** The stored fields besides `helpdesk`, each a string of at least this length. */
  readonly fields: Readonly<Record<string, number>>;
  /** The field the key forms (sidebar and options page) ask for; the others stay as saved. */
  readonly secret: string;
  /**
   * The credential built from what the rep typed in the sidebar and the signed-in agent's
   * email, or null when the helpdesk needs the email and it is not known yet.
   */
  fromSecret(secret: string, agentEmail: string | null): Readonly<Record<string, string>> | null;
  /** Basic auth's user and password for this credential's fields. */
  basicAuth(credential: Readonly<Record<string, string>>): readonly [user: string, password: string];
  /** Where in the helpdesk a rep finds their own key, shown under the key form; null: ask an administrator. */
  readonly where: string | null;
}

/** A same-origin GET that answers a CSRF token, and how to read it from the JSON body. */
export interface CsrfRead {
  readonly path: string;
  read(body: unknown): string | null;
}

/** The token a session write must carry (`X-CSRF-Token`): fetched once, renewed when it went stale. */
export interface CsrfSource extends CsrfRead {
  /** Where a new token comes from during the session; null when the helpdesk offers no renewal. */
  readonly renew: CsrfRead | null;
  /**
   * Whether a session write's refusal can mean its token went stale (then the token is renewed
   * and the write sent once more). Only refusals made before the helpdesk acted may say yes.
   */
  stale(status: number, body: string): boolean;
}

/**
 * Which agent pages are a helpdesk's tickets (each folder's pages.ts): all that the bundles
 * naming helpdesks without sending requests (the sidebar's among them) need of it.
 */
export interface HelpdeskPages<K extends string = string> {
  readonly kind: K;
  /** Whether a host (lower case) is an account of this helpdesk. */
  readonly host: RegExp;
  /** Manifest match patterns of the agent pages the content script runs on (a superset of ticket pages). */
  readonly pages: readonly string[];
  /** Pure: the ticket an agent URL shows, or null. */
  match(url: string): { helpdesk: K; account: string; id: string } | null;
}

/**
 * What the content script needs of a helpdesk (each folder's page.ts): its pages, which
 * requests it may send for the background, and its CSRF token. Its own module apart from
 * pages.ts, because a bundle carries every module it imports: the sidebar imports the pages
 * alone and so leaves the allow-lists out.
 */
export interface HelpdeskPage<K extends string = string> extends HelpdeskPages<K> {
  /** Whether this request (path and body) of the account's origin may be sent at all. */
  allows(method: string, path: string, body: unknown): boolean;
  /** Null when session writes need no token. */
  readonly csrf: CsrfSource | null;
}

/**
 * One helpdesk, as the manifest, the routing and the rep see it (each folder's
 * platform.ts). The API part (lib/helpdesks/adapter.ts) extends this.
 */
export interface HelpdeskPlatform<K extends string = string> extends HelpdeskPages<K> {
  /** The brand name a rep reads ("Zendesk"). */
  readonly name: string;
  /** One letter for this helpdesk in compact encodings (the pin mirror in storage.sync). */
  readonly code: string;
  /** The account host for a subdomain (`acme` → `acme.zendesk.com`). */
  accountOf(subdomain: string): string;
  /** Manifest match patterns of every account's origin: host permissions and the sidebar's resource. */
  readonly origins: readonly string[];
  /** The agent page of a ticket (what `match` recognises). */
  ticketUrl(ref: Pick<TicketRef, 'account' | 'id'>): string;
  /**
   * How writes travel: `session` through the agent's open tab (the API token is the
   * fallback), `token` always with the rep's own API key.
   */
  readonly writes: 'session' | 'token';
  readonly ownerRule: OwnerRule;
  /**
   * Where reassignments come from: the helpdesk's own `audits`, or, where it keeps no trail,
   * the changes Frontline `observed` between its reads of the ticket.
   */
  readonly trailSource: 'audits' | 'observed';
  /** Whether a closed (not archived) ticket still takes private notes and tags. */
  readonly closedTakesWrites: boolean;
  /** Whether an administrator can move the agent pages to a host of their own (a CNAME). */
  readonly customHosts: boolean;
  /**
   * Whether the agent page keeps the ticket it loaded after an API write, so its own
   * next save writes the old tags back (Freshdesk's Ember page; helpdesk-apis.md §7).
   */
  readonly pageKeepsTicket: boolean;
  /**
   * How finely ticket search compares `updated_at`: to the `second` (Zendesk), so a day too
   * full for one search is split by the hour, or by `day` only (Freshdesk's filter).
   */
  readonly searchTime: 'second' | 'day';
  readonly credential: CredentialShape;
}

/** A platform's example agent URLs: ticket pages as [url, account, id], and pages showing no ticket. */
export interface UrlExamples {
  readonly tickets: readonly (readonly [url: string, account: string, id: string])[];
  readonly notTickets: readonly string[];
}
