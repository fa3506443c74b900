import { useId, useState } from 'preact/hooks';
import type { CaseworkCommand, CaseworkView } from '../../lib/domain/casework';
import { t } from '../../lib/i18n/t';
import { DisclosureForm } from './DisclosureForm';
import { latestOf, useOpId } from './model/intent';
import { summaryText } from './model/summary';
import { OpStatus } from './OpStatus';
import type { CaseworkActions } from './types';

type Props = CaseworkActions & {
  view: Pick<
    CaseworkView,
    'canEscalate' | 'escalationGroups' | 'escalationAgents' | 'summary' | 'dueHours' | 'pending'
  >;
  locale?: string;
};

/** Target values in the picker: `group:ID` or `agent:ID`, so one select holds both. */
const targetOf = (
  value: string,
): Pick<Extract<CaseworkCommand, { kind: 'escalate' }>, 'toGroupId' | 'toAgentId'> | null => {
  const [kind, id] = value.split(':');
  if (!id) return null;
  return kind === 'group' ? { toGroupId: id } : kind === 'agent' ? { toAgentId: id } : null;
};

/** Escalate to a group or a rep with a hand-off summary the rep edits; the owner stays the owner. */
export function EscalateForm({ view, onCommand, refusal = null, newId, locale }: Props) {
  const [target, setTarget] = useState('');
  const [summary, setSummary] = useState('');
  const opId = useOpId(view.pending, refusal, newId);
  const targetId = useId();
  const summaryId = useId();
  const dueId = useId();
  const chosen = targetOf(target);
  return (
    <div class="fl-cw">
      <DisclosureForm
        label={t('casework_escalate_open')}
        toggleClass="fl-btn fl-cw__action"
        testId="escalate"
        disabled={!view.canEscalate}
        title={t('casework_escalate_title')}
        submitLabel={t('casework_escalate_submit')}
        canSubmit={chosen !== null && summary.trim() !== ''}
        onOpen={() => setSummary(summaryText(view.summary, locale))}
        onSubmit={() => chosen && onCommand({ kind: 'escalate', opId, ...chosen, summary: summary.trim() })}
      >
        <label class="fl-field" for={targetId}>
          <span class="fl-field__label">{t('casework_escalate_target')}</span>
        </label>
        <select
          id={targetId}
          class="fl-select fl-select--wide"
          data-testid="escalate-target"
          value={target}
          onChange={(e) => setTarget(e.currentTarget.value)}
        >
          <option value="">{t('casework_escalate_choose')}</option>
          {view.escalationGroups.length > 0 && (
            <optgroup label={t('casework_escalate_groups')}>
              {view.escalationGroups.map((g) => (
                <option key={g.id} value={`group:${g.id}`} data-tier={g.tier}>
                  {g.tier ? t('casework_escalate_tier', { name: g.name }) : g.name}
                </option>
              ))}
            </optgroup>
          )}
          {view.escalationAgents.length > 0 && (
            <optgroup label={t('casework_escalate_agents')}>
              {view.escalationAgents.map((a) => (
                <option key={a.id} value={`agent:${a.id}`}>
                  {a.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <label class="fl-field" for={summaryId}>
          <span class="fl-field__label">{t('casework_escalate_summary')}</span>
        </label>
        <textarea
          id={summaryId}
          class="fl-cw__text fl-cw__text--tall"
          data-testid="escalate-summary"
          rows={8}
          maxLength={4000}
          aria-describedby={dueId}
          value={summary}
          onInput={(e) => setSummary(e.currentTarget.value)}
        />
        <p class="fl-cw__hint" id={dueId}>
          {t('casework_escalate_due', { hours: view.dueHours })}
        </p>
      </DisclosureForm>
      <OpStatus op={latestOf(view.pending, 'escalate')} busy="casework_escalating" refusal={refusal} />
    </div>
  );
}
