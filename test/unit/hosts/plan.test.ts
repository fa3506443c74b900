import { describe, expect, it } from 'vitest';
import type { ConfiguredHost } from '../../../lib/domain/custom-host';
import { planScripts, SCRIPT_PREFIX } from '../../../lib/hosts/plan';

const FD = 'acme.freshdesk.com';
const host = (name: string, by: 'admin' | 'rep' = 'rep'): ConfiguredHost => ({
  host: name,
  account: FD,
  kind: 'freshdesk',
  by,
});
const PAGES = (name: string) => [`https://${name}/a/*`, `https://${name}/helpdesk/tickets/*`];
const script = (name: string, matches = PAGES(name)) => ({ id: `${SCRIPT_PREFIX}${name}`, matches });
const origin = (name: string) => `https://${name}/*`;

describe('planScripts: the content script runs on exactly the configured hosts the rep granted', () => {
  it.each([
    {
      name: 'a new granted host is registered and counts',
      configured: [host('support.acme.com')],
      granted: [origin('support.acme.com')],
      registered: [],
      register: ['support.acme.com'],
      unregister: [],
      active: ['support.acme.com'],
    },
    {
      name: 'a host not granted (yet, or revoked) runs nothing and does not count',
      configured: [host('support.acme.com', 'admin')],
      granted: [],
      registered: [script('support.acme.com')],
      register: [],
      unregister: [`${SCRIPT_PREFIX}support.acme.com`],
      active: [],
    },
    {
      name: 'a removed host is unregistered even while still granted',
      configured: [],
      granted: [origin('support.acme.com')],
      registered: [script('support.acme.com')],
      register: [],
      unregister: [`${SCRIPT_PREFIX}support.acme.com`],
      active: [],
    },
    {
      name: 'a host already registered with the right pages is left alone (worker restart)',
      configured: [host('support.acme.com')],
      granted: [origin('support.acme.com')],
      registered: [script('support.acme.com')],
      register: [],
      unregister: [],
      active: ['support.acme.com'],
    },
    {
      name: 'a host registered with other pages is registered again',
      configured: [host('support.acme.com')],
      granted: [origin('support.acme.com')],
      registered: [script('support.acme.com', ['https://support.acme.com/old/*'])],
      register: ['support.acme.com'],
      unregister: [`${SCRIPT_PREFIX}support.acme.com`],
      active: ['support.acme.com'],
    },
    {
      name: "another script that is not a custom host's is left alone",
      configured: [],
      granted: [],
      registered: [{ id: 'someone-else', matches: ['https://*/*'] }],
      register: [],
      unregister: [],
      active: [],
    },
    {
      name: 'a broad grant does not stand for a host (only an exact origin counts)',
      configured: [host('support.acme.com')],
      granted: ['https://*/*'],
      registered: [],
      register: [],
      unregister: [],
      active: [],
    },
  ])('$name', ({ configured, granted, registered, register, unregister, active }) => {
    const plan = planScripts(configured, granted, registered);
    expect(plan.register.map((s) => s.host)).toEqual(register);
    expect(plan.unregister).toEqual(unregister);
    expect([...plan.active.keys()]).toEqual(active);
  });

  it("registers the helpdesk's agent pages on that host, mapped to its canonical account", () => {
    const plan = planScripts([host('support.acme.com')], [origin('support.acme.com')], []);
    expect(plan.register).toEqual([
      {
        id: `${SCRIPT_PREFIX}support.acme.com`,
        host: 'support.acme.com',
        matches: PAGES('support.acme.com'),
      },
    ]);
    expect(plan.active.get('support.acme.com')).toBe(FD);
  });
});
