import { judgeEntries } from '../../../lib/domain/marker-trust';
import type { Entry } from '../../../lib/domain/model';
import { CREDIT_TAG } from '../../../lib/domain/tags';
import type { SimAccount, SimTicket } from '../../sim/data/model';
import type { SimData } from '../../sim/server';

/** The grants that count, from the simulator's notes: what every meter and the review must add up to. */
export interface Truth {
  /** agent id → minor units granted in the period */
  byAgent: Map<string, number>;
  grants: number;
  tickets: number;
}

type SimComment = NonNullable<SimTicket['thread']>['comments'][number];

const entryOf = (account: SimAccount, ticket: SimTicket, c: SimComment): Entry => {
  const author = account.users.get(c.authorId);
  return {
    id: c.id,
    ticket: { helpdesk: ticket.helpdesk, account: ticket.account, id: ticket.id },
    authorId: c.authorId,
    authorIsAgent: author !== undefined && author.role !== 'end-user',
    authorConfirmed: true,
    public: c.public,
    fromCustomer: c.incoming,
    text: c.body,
    createdAt: c.createdAt,
  };
};

/**
 * Every counting credit marker in the period, judged by lib/domain/marker-trust.ts as the
 * product judges them (private, by the agent it names, for the ticket's requester), on every
 * ticket that was written to or carries `frontline_credit` (generated grant notes come with the thread).
 */
export function truthOf(data: SimData, host: string, start: number, end: number): Truth {
  const account = data.account(host);
  const byAgent = new Map<string, number>();
  let grants = 0;
  let tickets = 0;
  for (const ticket of account.tickets.values()) {
    if (ticket.thread === null && !ticket.tags.includes(CREDIT_TAG)) continue;
    const entries = data.thread(ticket).comments.map((c) => entryOf(account, ticket, c));
    let here = 0;
    for (const { entry, judged } of judgeEntries(entries, { requesterId: ticket.requesterId })) {
      if (!judged.counts || judged.marker.kind !== 'credit') continue;
      const ms = Date.parse(entry.createdAt);
      if (ms < start || ms >= end) continue;
      byAgent.set(judged.marker.agent, (byAgent.get(judged.marker.agent) ?? 0) + judged.marker.amount);
      grants++;
      here++;
    }
    if (here > 0) tickets++;
  }
  return { byAgent, grants, tickets };
}
