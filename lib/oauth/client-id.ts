import { OAuthClientId } from '../domain/policy';

const fieldOf = (source: unknown): unknown =>
  typeof source === 'object' && source !== null
    ? (source as Record<string, unknown>).zendeskOAuthClientId
    : undefined;

const hasKeys = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.keys(value).length > 0;

/**
 * The OAuth client id in force: the organization's policy whenever it set one
 * (as for credits), else the self-managed one. Read from the raw policy, so a
 * credit policy that fails validation elsewhere still lets reps connect.
 */
export function oauthClientIdOf(managed: unknown, local: unknown): string | null {
  const parsed = OAuthClientId.safeParse(fieldOf(hasKeys(managed) ? managed : local));
  return parsed.success ? parsed.data : null;
}
