import { useId, useRef, useState } from 'preact/hooks';
import type { CaseworkView } from '../../lib/domain/casework';
import { t } from '../../lib/i18n/t';
import { useFocusRescue } from '../hooks/use-focus-rescue';
import { DisclosureForm } from './DisclosureForm';
import { inFlight, latestOf, useOpId } from './model/intent';
import { OpStatus } from './OpStatus';
import type { CaseworkActions } from './types';

type Props = CaseworkActions & {
  view: Pick<CaseworkView, 'canClaim' | 'canHandOff' | 'handoffTargets' | 'pending'>;
};

const noMemo = () => null;

/**
 * The claim button is disabled while the claim is written, then gone: the keyboard
 * waits, then moves to the hand-off button (the rep now owns the case) or, without
 * one, to the owner card that names the new owner. After a hand-off, the claim
 * button (if offered again) takes it.
 */
const claimedFocus = (_: null, root: HTMLElement): HTMLElement | null => {
  const claim = root.querySelector<HTMLButtonElement>('[data-testid="claim-ownership"]');
  if (claim) return claim.disabled ? null : claim;
  return (
    root.querySelector<HTMLElement>('button:not([disabled])') ??
    root.ownerDocument.querySelector<HTMLElement>('[data-testid="owner"]')
  );
};

/** "I own this case", and handing the case to another rep with a note. */
export function ClaimOwnership({ view, onCommand, refusal = null, newId }: Props) {
  const claimId = useOpId(view.pending, refusal, newId);
  const claim = latestOf(view.pending, 'claim');
  const handoff = latestOf(view.pending, 'handoff');
  const box = useRef<HTMLDivElement>(null);
  useFocusRescue(box, noMemo, claimedFocus);
  return (
    <div class="fl-cw" ref={box}>
      {(view.canClaim || inFlight(claim)) && (
        <button
          type="button"
          class="fl-btn fl-cw__action"
          data-testid="claim-ownership"
          disabled={!view.canClaim}
          onClick={() => onCommand({ kind: 'claim', opId: claimId })}
        >
          {t('casework_claim')}
        </button>
      )}
      <OpStatus op={claim} busy="casework_claiming" refusal={null} />
      {view.canHandOff && view.handoffTargets.length > 0 && (
        <HandoffForm view={view} onCommand={onCommand} refusal={refusal} newId={newId} />
      )}
      <OpStatus op={handoff} busy="casework_handing_off" refusal={refusal} />
    </div>
  );
}

function HandoffForm({ view, onCommand, refusal = null, newId }: Props) {
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const opId = useOpId(view.pending, refusal, newId);
  const agentId = useId();
  const noteId = useId();
  const target = view.handoffTargets.find((a) => a.id === to) ?? null;
  return (
    <div class="fl-cw__disclosure">
      <DisclosureForm
        label={t('casework_handoff_open')}
        toggleClass="fl-linkbtn"
        testId="handoff"
        title={t('casework_handoff_title')}
        submitLabel={t('casework_handoff_submit')}
        canSubmit={target !== null}
        onSubmit={() =>
          target && onCommand({ kind: 'handoff', opId, toAgentId: target.id, note: note.trim() })
        }
      >
        <label class="fl-field" for={agentId}>
          <span class="fl-field__label">{t('casework_handoff_agent')}</span>
        </label>
        <select
          id={agentId}
          class="fl-select fl-select--wide"
          data-testid="handoff-agent"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        >
          <option value="">{t('casework_handoff_choose')}</option>
          {view.handoffTargets.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <label class="fl-field" for={noteId}>
          <span class="fl-field__label">{t('casework_handoff_note')}</span>
        </label>
        <textarea
          id={noteId}
          class="fl-cw__text"
          data-testid="handoff-note"
          rows={3}
          maxLength={4000}
          placeholder={t('casework_handoff_note_placeholder')}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </DisclosureForm>
    </div>
  );
}
