import type { Frame } from '@playwright/test';
import type { Simulator } from '../sim/server';
import { expect } from './fixtures';

/** What a rep does and sees in the credit section, shared by the specs that grant. */

/**
 * A policy for specs that grant but test no limit: its limits never bind, because a worker's
 * tests share the simulator and grant on the same customer.
 */
export const UNBOUND_POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 1_000_000, perPeriod: 1_000_000 }],
  defaultTier: 'Standard',
  presets: [500, 1000, 2500],
  reasons: ['Late delivery', 'Goodwill'],
  undoSeconds: 1,
};

export const remaining = async (frame: Frame) =>
  Number(await frame.getByTestId('authority-remaining').getAttribute('data-minor'));

/**
 * The meter once this profile's ledger has caught up with the helpdesk (it is rebuilt
 * from the helpdesk, where other tests of this worker granted too): two equal reads.
 */
export async function settledRemaining(frame: Frame): Promise<number> {
  let last = Number.NaN;
  for (;;) {
    await frame.waitForTimeout(750);
    const now = await remaining(frame);
    if (now === last) return now;
    last = now;
  }
}

const grantIds = (frame: Frame) =>
  frame
    .getByTestId('grant-status')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-grant-id')));

/**
 * Grants a preset and returns the new grant's id. Tickets are shared by the tests
 * of a worker, so a test follows its own grant by id, never by counting rows.
 */
export async function grant(frame: Frame, preset: number): Promise<string> {
  const known = await grantIds(frame);
  const submit = frame.getByTestId('grant-submit');
  // The panel is drawn again when the helpdesk names the signed-in agent (another agent's
  // sign-in in the same browser): a preset chosen just before is gone, so choose it again.
  await expect(async () => {
    await frame.getByTestId('grant-preset').nth(preset).click();
    await expect(submit).toBeEnabled({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await submit.click();
  let fresh: string | undefined;
  await expect
    .poll(async () => {
      fresh = (await grantIds(frame)).find((id) => id !== null && !known.includes(id)) ?? undefined;
      return fresh !== undefined;
    })
    .toBe(true);
  return fresh!;
}

export const grantRow = (frame: Frame, id: string) =>
  frame.locator(`[data-testid="grant-status"][data-grant-id="${id}"]`);

const creditNotes = (sim: Simulator, host: string, ticketId: string) =>
  sim.data.comments(host, ticketId).filter((c) => !c.public && c.body.includes('[frontline:credit v1 '));

/**
 * Credit notes written since this call. The simulator is shared by the tests of
 * a worker, and sample tickets repeat: count only what this test wrote.
 */
export function newCreditNotes(sim: Simulator, host: string, ticketId: string) {
  const before = new Set(creditNotes(sim, host, ticketId).map((note) => note.id));
  return () => creditNotes(sim, host, ticketId).filter((note) => !before.has(note.id));
}
