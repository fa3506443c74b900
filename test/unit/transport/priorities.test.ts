import { describe, expect, it } from 'vitest';
import type { AccountRef } from '../../../lib/domain/ticket-ref';
import type { HelpdeskAdapter } from '../../../lib/helpdesks/adapter';
import type { Client } from '../../../lib/helpdesks/http';
import { sourceOf } from '../../../lib/review/source';
import type { Priority } from '../../../lib/transport/job-queue';

describe('who asks at which priority', () => {
  it('the manager review’s load reads at attended priority, so the view reserve and the pace hold it but the account floor does not', () => {
    const asked: Priority[] = [];
    const client: Client = async () => ({ status: 200, headers: {}, body: '{}' });
    const account: AccountRef = { helpdesk: 'zendesk', account: 'acme.zendesk.com' };
    sourceOf(
      {
        adapterFor: () => ({}) as HelpdeskAdapter,
        client: (_account, priority) => {
          asked.push(priority);
          return client;
        },
      },
      account,
    );
    expect(asked).toEqual(['attended']);
  });
});
