import type { CaseworkCommand } from '../../lib/domain/casework';

/** What every casework component hands up; the background checks it again and never trusts it. */
export interface CaseworkActions {
  onCommand: (command: CaseworkCommand) => void;
  /** The background's refusal of this component's last command (run() → `{ ok: false, message }`). */
  refusal?: string | null;
  /** Tests pin the op ids; the page uses random UUIDs. */
  newId?: () => string;
}
