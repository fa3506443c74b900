/**
 * A stand-in for a helpdesk's identity endpoints, answered as a `fetch`: who each credential
 * is, per helpdesk-apis.md (Zendesk `users/me` is 200 with an anonymous user for a bad
 * credential over a session, 401 for a bad token; Freshdesk 401 for a bad key, `roles`
 * 403 for non-administrators). Counts the calls so a test can see the cache at work.
 */
export interface FakePerson {
  id: number;
  name: string;
  email: string;
  /** Zendesk: end-user | agent | admin. Freshdesk: agent | admin (Account Administrator). */
  role: 'end-user' | 'agent' | 'admin';
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function fakeHelpdesk(kind: 'zendesk' | 'freshdesk', people: Record<string, FakePerson>) {
  const calls: string[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push(url.pathname);
    const auth = new Headers(init?.headers).get('authorization') ?? '';
    const person = people[auth];
    if (kind === 'zendesk') {
      if (url.pathname !== '/api/v2/users/me.json') return json(404, { error: 'InvalidEndpoint' });
      if (!person) return json(401, { error: "Couldn't authenticate you" });
      return json(200, {
        user: { id: person.id, name: person.name, email: person.email, role: person.role },
      });
    }
    if (!person) return json(401, { code: 'invalid_credentials', message: 'You have to be logged in' });
    if (url.pathname === '/api/v2/agents/me') {
      return json(200, {
        id: person.id,
        contact: { name: person.name, email: person.email },
        role_ids: [person.role === 'admin' ? 101 : 102],
      });
    }
    if (url.pathname === '/api/v2/roles') {
      if (person.role !== 'admin')
        return json(403, { code: 'access_denied', message: 'You are not authorized' });
      return json(200, [
        { id: 101, name: 'Account Administrator' },
        { id: 102, name: 'Agent' },
      ]);
    }
    return json(404, {});
  }) as typeof fetch;
  return { fetchImpl, calls };
}

export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
