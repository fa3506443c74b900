import { describe, expect, it } from 'vitest';
import { readPolicy } from '../../../lib/credit/policy';
import { configuredHosts } from '../../../lib/domain/custom-host';
import { HelpdeskHostEntry } from '../../../lib/domain/policy';
import managedSchema from '../../../public/managed-schema.json';
import { publishedPolicy, type Schema } from '../credit/chrome-schema';
import { POLICY } from '../credit/examples';

const schema = managedSchema as Schema;
const items = (schema.properties as Record<string, Schema>).helpdeskHosts?.items as Schema;

describe("the administrator's helpdesk hosts (managed policy `helpdeskHosts`)", () => {
  it('declare exactly the zod fields, both required', () => {
    expect(Object.keys(items.properties as object).sort()).toEqual(
      Object.keys(HelpdeskHostEntry.shape).sort(),
    );
    expect(items.required).toEqual(['host', 'account']);
  });

  it('pass through Chrome and zod with the credit policy, and lib/hosts drops only the bad host', () => {
    const helpdeskHosts = [
      { host: 'support.acme.com', account: 'acme.freshdesk.com' },
      { host: '*.acme.com', account: 'acme.freshdesk.com' },
    ];
    const published = publishedPolicy(schema, { ...POLICY, helpdeskHosts });
    expect(published.helpdeskHosts).toEqual(helpdeskHosts);
    expect(readPolicy(published, undefined)).toHaveProperty('source', 'managed');
    expect(readPolicy(published, undefined)).not.toHaveProperty('error');
    const { hosts, problems } = configuredHosts(published.helpdeskHosts, undefined);
    expect(hosts.map((h) => h.host)).toEqual(['support.acme.com']);
    expect(problems).toEqual(['Policy: No wildcards: add each host your agents open.']);
  });

  it('an entry without its account is dropped by Chrome (the whole key), leaving credits on', () => {
    const published = publishedPolicy(schema, { ...POLICY, helpdeskHosts: [{ host: 'support.acme.com' }] });
    expect(published).not.toHaveProperty('helpdeskHosts');
    expect(readPolicy(published, undefined)).not.toHaveProperty('error');
  });
});
