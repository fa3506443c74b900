import type { ApprovalCommand, CommandResult, GrantCommand } from '../../lib/domain/command';

/** What the grant form hands up; the client adds the ticket shown. */
export type GrantRequest = Pick<GrantCommand, 'grantId' | 'amount' | 'reason'>;
export type ApprovalRequest = Pick<ApprovalCommand, 'requestId' | 'amount' | 'reason'>;

/** The commands the credit panel sends; a grant or an approval request resolves with the background's reply. */
export interface CreditActions {
  onGrant?: (cmd: GrantRequest) => Promise<CommandResult>;
  onUndo?: (grantId: string) => void;
  onRequestApproval?: (cmd: ApprovalRequest) => Promise<CommandResult>;
  onSaveCredentials?: (apiKey: string) => void;
}
