import { useEffect, useState } from 'preact/hooks';
import type { CaseworkCommandKind, PendingOp } from '../../../lib/domain/casework';

export const randomId = (): string => crypto.randomUUID();

/** The newest write of this kind: in flight, retrying, or failed. */
export const latestOf = (pending: readonly PendingOp[], kind: CaseworkCommandKind): PendingOp | null =>
  pending.filter((p) => p.kind === kind).sort((a, b) => b.at - a.at)[0] ?? null;

export const inFlight = (op: PendingOp | null): boolean => op !== null && op.state !== 'failed';

/**
 * The op id the next click sends. Until the background answers, every click
 * sends the same id (it de-duplicates, so a double click writes once); once the
 * op has been seen in flight and is gone or failed, or the command was refused,
 * a fresh id is armed for the next try.
 */
export function useOpId(
  pending: readonly PendingOp[],
  refusal: string | null,
  newId: () => string = randomId,
): string {
  const [id, setId] = useState(newId);
  const [seen, setSeen] = useState(false);
  const op = pending.find((p) => p.opId === id) ?? null;
  const state = op?.state ?? null;
  useEffect(() => {
    if (state === 'sending' || state === 'retrying') {
      setSeen(true);
    } else if (state === 'failed' || (seen && state === null)) {
      setId(newId());
      setSeen(false);
    }
  }, [state, seen, newId]);
  useEffect(() => {
    if (refusal !== null) setId(newId());
  }, [refusal, newId]);
  return id;
}
