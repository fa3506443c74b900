/** Where the keyboard goes in the credit panel when the control it was on goes away. */

/** A command the grant form sent and the background accepted: its row is where the rep continues. */
export interface Sent {
  kind: 'grant' | 'approval';
  id: string;
}

export interface CreditFocusMemo {
  /** The grant row the control sat in (its undo button), if any. */
  grantId: string | null;
  /** What the grant form had sent when focus was last checked; read at rescue time. */
  sent: () => Sent | null;
}

export const rememberCreditFocus =
  (sent: () => Sent | null) =>
  (el: HTMLElement): CreditFocusMemo => ({
    grantId: el.closest('[data-grant-id]')?.getAttribute('data-grant-id') ?? null,
    sent,
  });

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled])';

/**
 * An undo whose window closed or was used: its row, which now says the grant's state.
 * A grant or approval just sent: its undo button, else its row, once it arrives.
 * A refused send: the form's first control, to choose again.
 */
export function creditFocusTarget(memo: CreditFocusMemo, root: HTMLElement): HTMLElement | null {
  const byId = (attr: string, id: string) => root.querySelector<HTMLElement>(`[${attr}="${id}"]`);
  if (memo.grantId !== null) return byId('data-grant-id', memo.grantId);
  if (root.querySelector('.fl-grant[aria-busy="true"]')) return null;
  const sent = memo.sent();
  if (sent !== null) {
    const row = byId(sent.kind === 'grant' ? 'data-grant-id' : 'data-approval-id', sent.id);
    return row?.querySelector<HTMLElement>('[data-testid="grant-undo"]') ?? row;
  }
  return root.querySelector('.fl-grant')?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
}
