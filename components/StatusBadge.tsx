import type { CaseStatus } from '../lib/domain/model';
import { statusLabel } from './model/status';

export function StatusBadge({ status, rawStatus }: { status: CaseStatus; rawStatus: string }) {
  return <span class={`fl-badge fl-badge--${status}`}>{statusLabel(status, rawStatus)}</span>;
}
