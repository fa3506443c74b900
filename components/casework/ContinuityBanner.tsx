import type { CaseworkView } from '../../lib/domain/casework';
import { t } from '../../lib/i18n/t';
import { inFlight, latestOf, useOpId } from './model/intent';
import { OpStatus } from './OpStatus';
import type { CaseworkActions } from './types';

type Props = CaseworkActions & { view: Pick<CaseworkView, 'continuity' | 'pending'> };

/** "Alice owns this customer's open case #123" — and one click routes this ticket to Alice. */
export function ContinuityBanner({ view, onCommand, refusal = null, newId }: Props) {
  const opId = useOpId(view.pending, refusal, newId);
  const op = latestOf(view.pending, 'route-to-owner');
  const c = view.continuity;
  if (c === null) return <OpStatus op={op} busy="casework_routing" refusal={refusal} />;
  const params = { owner: c.ownerName, id: c.ticketId };
  return (
    <div class="fl-cw fl-cw__banner" data-testid="continuity">
      <p class="fl-cw__banner-text" title={c.subject}>
        {t(c.mine ? 'casework_continuity_mine' : 'casework_continuity', params)}
      </p>
      <button
        type="button"
        class="fl-btn fl-cw__action"
        data-testid="route-to-owner"
        disabled={inFlight(op)}
        onClick={() => onCommand({ kind: 'route-to-owner', opId, ownerId: c.ownerId })}
      >
        {t(c.mine ? 'casework_route_mine' : 'casework_route', params)}
      </button>
      <OpStatus op={op} busy="casework_routing" refusal={refusal} />
    </div>
  );
}
