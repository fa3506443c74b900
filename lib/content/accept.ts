import type { HttpRequest } from '../helpdesks/http';
import type { BackgroundToContent } from '../messaging/protocol';

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE'] satisfies HttpRequest['method'][];
const isMethod = (value: unknown): value is HttpRequest['method'] =>
  typeof value === 'string' && METHODS.includes(value);

/**
 * Structural check of what the background sends. Hand-written rather than
 * zod so the content script stays tiny; the session fetch re-checks the
 * request against the adapter's allow-list anyway.
 */
export function acceptFromBackground(raw: unknown): BackgroundToContent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const message = raw as Record<string, unknown>;
  if (message.type === 'collapse') return { type: 'collapse' };
  if (message.type !== 'http' || typeof message.id !== 'string') return null;
  const request = message.request as Record<string, unknown> | null;
  if (typeof request !== 'object' || request === null) return null;
  const { method, path, body, ifNoneMatch } = request;
  if (!isMethod(method) || typeof path !== 'string' || !path.startsWith('/api/')) return null;
  if (ifNoneMatch !== undefined && typeof ifNoneMatch !== 'string') return null;
  return { type: 'http', id: message.id, request: { method, path, body, ifNoneMatch } };
}
