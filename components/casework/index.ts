import './casework.css';

export { ClaimOwnership } from './ClaimOwnership';
export { ContinuityBanner } from './ContinuityBanner';
export { EscalateForm } from './EscalateForm';
export { ReportBack } from './ReportBack';
export type { CaseworkActions } from './types';
