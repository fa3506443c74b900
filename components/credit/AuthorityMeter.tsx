import type { AuthorityView } from '../../lib/domain/snapshot';
import { type ClockOptions, meterModel } from './model/meter';

interface Props {
  authority: AuthorityView;
  now: number;
  clock?: ClockOptions;
}

/** What this rep may still grant: the period budget as a bar, then the per-grant and per-customer limits. */
export function AuthorityMeter({ authority, now, clock }: Props) {
  const model = meterModel(authority, now, clock);
  const percent = Math.round(model.fraction * 1000) / 10;
  return (
    <div class={`fl-meter fl-meter--${model.tone}`} data-testid="authority-meter">
      <p class="fl-meter__headline">
        <span
          class="fl-meter__amount fl-amount"
          data-testid="authority-remaining"
          data-minor={authority.remainingThisPeriod}
        >
          {model.remaining}
        </span>
        <span class="fl-meter__of">{model.ofBudgetText}</span>
        {model.toneText && (
          <span class="fl-meter__state" data-testid="authority-state">
            <span aria-hidden="true">⚠ </span>
            {model.toneText}
          </span>
        )}
      </p>
      {/* Decorative: the line above says the same in words, for every reader. */}
      <div class="fl-meter__bar" aria-hidden="true">
        <div class="fl-meter__fill" style={{ width: `${percent}%` }} />
      </div>
      <ul class="fl-meter__facts">
        <li class="fl-amount">{model.perGrantText}</li>
        <li class="fl-amount">{model.customerText}</li>
        <li>{model.resetsText}</li>
      </ul>
    </div>
  );
}
