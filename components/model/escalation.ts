import type { EscalationView } from '../../lib/domain/snapshot';
import { t } from '../../lib/i18n/t';
import { formatDuration, formatFull } from './time';

export type Tone = 'neutral' | 'active' | 'good' | 'warn' | 'danger';

export interface EscalationModel {
  state: EscalationView['state'];
  tone: Tone;
  headline: string;
  details: string[];
}

const TONE: Record<EscalationView['state'], Tone> = {
  none: 'neutral',
  escalated: 'active',
  updated: 'active',
  'reported-back': 'good',
  returned: 'good',
  overdue: 'danger',
};

/** The words for each state carry the meaning; tone only adds colour (never colour alone). */
export const escalationModel = (
  view: EscalationView,
  now: number,
  { locale, timeZone }: { locale?: string; timeZone?: string } = {},
): EscalationModel => {
  const holder = view.holder ?? t('escalation_unknown_holder');
  const at = (iso: string) => formatFull(iso, { locale, timeZone });
  const age = (iso: string) => formatDuration(now - Date.parse(iso), locale);
  const sinceKey = view.inferred ? 'escalation_seen' : 'escalation_since';
  const since = [
    ...(view.inferred ? [t('escalation_inferred')] : []),
    ...(view.since ? [t(sinceKey, { time: at(view.since), age: age(view.since) })] : []),
  ];
  const base = { state: view.state, tone: TONE[view.state] };
  switch (view.state) {
    case 'none':
      return { ...base, headline: t('escalation_none'), details: [] };
    case 'escalated':
    case 'updated':
      return {
        ...base,
        headline: t(view.state === 'escalated' ? 'escalation_escalated' : 'escalation_updated', { holder }),
        details: [...since, ...(view.dueAt ? [t('escalation_due', { time: at(view.dueAt) })] : [])],
      };
    case 'reported-back':
    case 'returned':
      return {
        ...base,
        headline: t(view.state === 'reported-back' ? 'escalation_reported_back' : 'escalation_returned', {
          holder,
        }),
        details: [
          ...since,
          ...(view.reportedAt ? [t('escalation_reported_at', { time: at(view.reportedAt) })] : []),
        ],
      };
    case 'overdue':
      return {
        ...base,
        headline: t('escalation_overdue', { holder }),
        details: [
          ...(view.dueAt ? [t('escalation_was_due', { time: at(view.dueAt), age: age(view.dueAt) })] : []),
          ...since,
        ],
      };
  }
};
