import { refKey, type TicketRef } from '../domain/ticket-ref';

const FNV_OFFSET = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME = 0x0000000001000000000000000000013bn;
const MASK_128 = (1n << 128n) - 1n;

const fnv1a128 = (text: string): bigint => {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_128;
  }
  return hash;
};

/**
 * A stable id for an escalation made directly in the helpdesk (no marker names
 * one), so its holder can still report back with a marker that points at it and
 * every device computes the same id. A UUIDv8 (RFC 9562 "custom"): not secret,
 * just deterministic.
 */
const uuidOf = (text: string): string => {
  const hex = fnv1a128(text).toString(16).padStart(32, '0');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export const directEscalationId = (ticket: TicketRef, at: string): string =>
  uuidOf(`${refKey(ticket)}|${Date.parse(at)}`);

/**
 * The id of an escalation inferred from a ticket's assignment (Freshdesk): devices see the
 * reassignment at different times, so the id stands on who holds it, not on when.
 */
export const inferredEscalationId = (
  ticket: TicketRef,
  agentId: string | null,
  groupId: string | null,
): string => uuidOf(`${refKey(ticket)}|held-by|${agentId ?? ''}|${groupId ?? ''}`);
