import { useId, useState } from 'preact/hooks';
import type { CaseworkView, HolderObligation } from '../../lib/domain/casework';
import { t } from '../../lib/i18n/t';
import { formatFull, formatWhen, type WhenOptions } from '../model/time';
import { DisclosureForm } from './DisclosureForm';
import { latestOf, useOpId } from './model/intent';
import { OpStatus } from './OpStatus';
import type { CaseworkActions } from './types';

type Props = CaseworkActions & {
  view: Pick<CaseworkView, 'obligation' | 'pending'>;
  /** Epoch ms, for "by 14:00" today and "by Mar 12" later. */
  now: number;
  when?: WhenOptions;
};

const obligationText = (o: HolderObligation, now: number, when: WhenOptions): string => {
  const owner = o.ownerName ?? t('casework_obligation_unknown_owner');
  const time = o.dueAt === null ? '' : formatWhen(o.dueAt, now, when);
  return t(o.overdue ? 'casework_obligation_overdue' : 'casework_obligation', { owner, time });
};

/** The holder's side of an escalation: what is owed to whom by when, and a short report back. */
export function ReportBack({ view, onCommand, refusal = null, newId, now, when = {} }: Props) {
  const [text, setText] = useState('');
  const [giveBack, setGiveBack] = useState(true);
  const opId = useOpId(view.pending, refusal, newId);
  const textId = useId();
  const op = latestOf(view.pending, 'report-back');
  const o = view.obligation;
  if (o === null) return <OpStatus op={op} busy="casework_reporting" refusal={refusal} />;
  const owner = o.ownerName ?? t('casework_obligation_unknown_owner');
  return (
    <div class={`fl-cw fl-cw__banner${o.overdue ? ' fl-cw__banner--overdue' : ''}`}>
      <p class="fl-cw__banner-text" data-testid="report-back-obligation" data-overdue={o.overdue}>
        <span title={o.dueAt === null ? undefined : formatFull(o.dueAt, when)}>
          {obligationText(o, now, when)}
        </span>
      </p>
      <DisclosureForm
        label={t('casework_report_open')}
        toggleClass="fl-btn fl-cw__action"
        testId="report-back"
        title={t('casework_report_open')}
        submitLabel={t('casework_report_submit')}
        canSubmit={text.trim() !== ''}
        onSubmit={() =>
          onCommand({
            kind: 'report-back',
            opId,
            escalationId: o.escalationId,
            text: text.trim(),
            returnToOwner: giveBack && o.ownerId !== null,
          })
        }
      >
        <label class="fl-field" for={textId}>
          <span class="fl-field__label">{t('casework_report_label')}</span>
        </label>
        <textarea
          id={textId}
          class="fl-cw__text"
          data-testid="report-back-text"
          rows={3}
          maxLength={4000}
          placeholder={t('casework_report_placeholder')}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        {o.ownerId !== null && (
          <label class="fl-cw__check">
            <input
              type="checkbox"
              data-testid="report-back-return"
              checked={giveBack}
              onChange={(e) => setGiveBack(e.currentTarget.checked)}
            />
            <span>{t('casework_report_return', { owner })}</span>
          </label>
        )}
      </DisclosureForm>
      <OpStatus op={op} busy="casework_reporting" refusal={refusal} />
    </div>
  );
}
