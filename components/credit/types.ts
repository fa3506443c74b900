/** What the credit panel hands up; the background re-checks policy and limits and never trusts these. */
export interface GrantCommand {
  /** The form's intent id: the grant's idempotency key. */
  grantId: string;
  /** Minor units. */
  amount: number;
  reason: string;
}

export interface ApprovalCommand {
  requestId: string;
  amount: number;
  reason: string;
}

export interface CreditActions {
  onGrant?: (cmd: GrantCommand) => void;
  onUndo?: (grantId: string) => void;
  onRequestApproval?: (cmd: ApprovalCommand) => void;
  onSaveCredentials?: (apiKey: string) => void;
}
