import type { EscalationView } from '../lib/domain/snapshot';
import { t } from '../lib/i18n/t';
import { escalationModel, type Tone } from './model/escalation';
import type { SectionState } from './model/section';
import { Section } from './Section';

interface Props {
  state: SectionState<EscalationView>;
  now: number;
  onRetry: () => void;
}

/** A shape per tone as well as a colour, so the state reads without colour vision. */
function ToneIcon({ tone }: { tone: Tone }) {
  const common = { class: 'fl-esc__icon', viewBox: '0 0 16 16', fill: 'none' } as const;
  switch (tone) {
    case 'danger':
      return (
        <svg {...common} aria-hidden="true">
          <path d="M8 1.5 15 14H1z" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
          <path d="M8 6v3.5M8 11.5v.5" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
        </svg>
      );
    case 'good':
      return (
        <svg {...common} aria-hidden="true">
          <circle cx="8" cy="8" r="6.5" stroke="currentColor" stroke-width="1.5" />
          <path d="m5 8.2 2 2 4-4.2" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
        </svg>
      );
    case 'active':
    case 'warn':
      return (
        <svg {...common} aria-hidden="true">
          <path d="M3 13V8h4V3h6" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
          <path d="m10.5 1 2.5 2-2.5 2" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
        </svg>
      );
    case 'neutral':
      return (
        <svg {...common} aria-hidden="true">
          <circle cx="8" cy="8" r="6.5" stroke="currentColor" stroke-width="1.5" />
        </svg>
      );
  }
}

/** Who holds an escalated case, since when, and whether they have reported back. */
export function EscalationStatus({ state, now, onRetry }: Props) {
  return (
    <Section
      testId="escalation-status"
      title={t('escalation_title')}
      state={state}
      onRetry={onRetry}
      skeletonLines={1}
    >
      {(view) => {
        const model = escalationModel(view, now);
        return (
          <div class={`fl-esc fl-esc--${model.tone}`} data-state={model.state}>
            <ToneIcon tone={model.tone} />
            <div>
              <p class="fl-esc__headline">{model.headline}</p>
              {model.details.map((line) => (
                <p key={line} class="fl-esc__detail">
                  {line}
                </p>
              ))}
            </div>
          </div>
        );
      }}
    </Section>
  );
}
