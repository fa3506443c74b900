import type { GatewayAuthority } from '../gateway/protocol';
import type { Authority } from './authority';

/** How long a view waits for the gateway's count before it shows the notes' count alone. */
export const METER_WAIT_MS = 3_000;

/**
 * The meter in gateway mode: the stricter of what the gateway counted (its clock, its ledger)
 * and what this browser's notes-based ledger counts (which also holds grants the gateway has
 * not been told of yet). A count in another currency is not comparable and is left out.
 */
export function stricterAuthority(local: Authority, gateway: GatewayAuthority | null): Authority {
  if (gateway === null || gateway.currency !== local.currency) return local;
  const used = Math.max(local.usedThisPeriod, gateway.used);
  const customerUsed = Math.max(local.customerUsed, gateway.customerUsed ?? 0);
  const remaining = Math.max(0, local.periodBudget - used);
  const customerRemaining = Math.max(0, local.customerLimit - customerUsed);
  const gatewayEnd = Date.parse(gateway.period.end);
  return {
    ...local,
    usedThisPeriod: used,
    remainingThisPeriod: remaining,
    customerUsed,
    customerRemaining,
    maxGrantNow: Math.min(local.perGrantMax, remaining, customerRemaining),
    // The gateway's clock decides the period: a browser clock set ahead cannot reset it early.
    resetsAt: Number.isFinite(gatewayEnd) ? gatewayEnd : local.resetsAt,
  };
}

/** The gateway's count, or null when it does not answer in time (the notes' count then stands alone). */
export async function gatewayCount(count: () => Promise<GatewayAuthority>): Promise<GatewayAuthority | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), METER_WAIT_MS);
  });
  try {
    return await Promise.race([count().catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
