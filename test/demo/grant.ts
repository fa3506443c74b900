import type { Frame } from '@playwright/test';
import { GRANT_METADATA_KEY } from '../../gateway/src/executors/stripe';
import { writeBackText } from '../../gateway/src/grants/write-back';
import type { SimTicket } from '../sim/data/model';
import type { Simulator } from '../sim/server';
import type { BalanceTransaction } from '../sim/stripe/ledger';
import type { DemoGateway } from './gateway';

/**
 * The headless demo's proof that the loop closes: a rep grants a preset in the sidebar, and
 * the Stripe simulator and the ticket are watched until the money moved and its reference is
 * on the ticket. Then it waits a little longer, so a second execution would be seen too.
 */

const TIMEOUT_MS = 60_000;
const SETTLE_MS = 3_000;

export interface GrantOutcome {
  grantId: string;
  transactions: BalanceTransaction[];
  /** The gateway's private notes on the ticket naming this grant's reference. */
  writeBacks: number;
}

const grantIds = (frame: Frame) =>
  frame
    .getByTestId('grant-status')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-grant-id')).filter((id) => id !== null));

async function until<T>(what: string, read: () => T | undefined, timeoutMs = TIMEOUT_MS): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end)
      throw new Error(`the demo grant: ${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

export async function grantThroughGateway(
  frame: Frame,
  sim: Simulator,
  demo: DemoGateway,
  ticket: SimTicket,
): Promise<GrantOutcome> {
  const known = await grantIds(frame);
  await frame.getByTestId('grant-preset').first().click();
  await frame.getByTestId('grant-submit').click();
  let grantId: string | undefined;
  const end = Date.now() + TIMEOUT_MS;
  while (grantId === undefined) {
    if (Date.now() > end) throw new Error('the demo grant: the sidebar showed no new grant');
    grantId = (await grantIds(frame)).find((id) => !known.includes(id));
    if (grantId === undefined) await frame.waitForTimeout(200);
  }
  const id = grantId;
  const transactionsOf = () =>
    demo.stripe.control.balanceTransactions().filter((t) => t.metadata[GRANT_METADATA_KEY] === id);
  const writeBacksOf = (reference: string) =>
    sim.data
      .comments(ticket.account, ticket.id)
      .filter((c) => !c.public && c.body.includes(writeBackText(id, 'stripe', reference))).length;
  const first = await until('a Stripe balance transaction', () => transactionsOf()[0]);
  await until('the reference written back on the ticket', () =>
    writeBacksOf(first.id) > 0 ? true : undefined,
  );
  await new Promise((wait) => setTimeout(wait, SETTLE_MS));
  return { grantId: id, transactions: transactionsOf(), writeBacks: writeBacksOf(first.id) };
}

export const movedOnce = (outcome: GrantOutcome): boolean =>
  outcome.transactions.length === 1 && outcome.writeBacks === 1;

/** What the demo prints about the grant; a second transaction or note is called out, never hidden. */
export function describeOutcome(outcome: GrantOutcome): string {
  const lines = [`Grant ${outcome.grantId}:`];
  for (const t of outcome.transactions)
    lines.push(
      `  Stripe balance transaction ${t.id}: ${t.amount} ${t.currency} to ${t.customer} ("${t.description ?? ''}")`,
    );
  lines.push(`  ${outcome.writeBacks} private note(s) by the gateway on the ticket naming it`);
  lines.push(movedOnce(outcome) ? '  Money moved once.' : '  NOT exactly once: see above.');
  return lines.join('\n');
}
