import type { GrantVerdict, RefusalCode } from '../../../lib/gateway/protocol';

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** What the note claimed, when a note was found. */
  agentId: string | null;
  amount: number | null;
}

/** The rep reads these in the sidebar and on the ticket. */
const MESSAGES: Record<RefusalCode, string> = {
  'unknown-account': 'The credit gateway does not serve this helpdesk account.',
  'note-not-found': 'No credit note with this grant id is on the ticket.',
  'not-private': 'The credit note is public; only a private note can record a credit.',
  'author-mismatch': 'The credit note was not written by the agent it names.',
  'customer-mismatch': 'The credit is not for the ticket’s requester.',
  'not-an-agent': 'The credit note was not written by an agent of this helpdesk.',
  'no-tier': 'The credit policy gives this agent no credit authority.',
  currency: 'The credit is not in the currency of the credit policy.',
  'over-per-grant': 'The credit is over the agent’s limit per grant.',
  'over-customer-period': 'The credit is over the agent’s limit for this customer in this period.',
  'over-period': 'The credit is over the agent’s budget for this period.',
  'request-not-approved': 'The credit decides an approval request the gateway holds no approval for.',
  'policy-invalid': 'The credit gateway’s policy for this account is missing or invalid, so credits are off.',
};

export const refusal = (
  code: RefusalCode,
  claimed: { agentId?: string | null; amount?: number | null } = {},
  message: string = MESSAGES[code],
): Refusal => ({
  code,
  message: message.slice(0, 500),
  agentId: claimed.agentId ?? null,
  amount: claimed.amount ?? null,
});

export const refusedVerdict = (grantId: string, r: Pick<Refusal, 'code' | 'message'>): GrantVerdict => ({
  status: 'refused',
  grantId,
  code: r.code,
  message: r.message,
});
