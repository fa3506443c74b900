import { memo } from 'preact/compat';
import type { SuspectItem } from '../../lib/domain/review/page-data';
import { type ReviewKey, rt } from '../../lib/i18n/review-catalogue';
import { money, time } from './format';

interface Props {
  /** The helpdesk has not been read yet: unknown, not none. */
  loading: boolean;
  suspects: readonly SuspectItem[];
}

const reasonKey = (why: SuspectItem['why']): ReviewKey =>
  `review_suspect_${why.replaceAll('-', '_')}` as ReviewKey;

/** Notes whose markers Frontline ignored (forged, mismatched, a shrunk duplicate), each with its ticket and why. */
export const SuspectNotes = memo(function SuspectNotes({ loading, suspects }: Props) {
  return (
    <section class="fl-review__card" data-testid="suspect-notes" aria-busy={loading}>
      <h2>{rt('review_suspects')}</h2>
      {loading ? null : suspects.length === 0 ? (
        <p>{rt('review_suspects_none')}</p>
      ) : (
        <ul>
          {suspects.map((s) => (
            <li
              key={`${s.ticket.account}:${s.ticket.id}:${s.entryId ?? s.at}`}
              data-testid="suspect-note"
              data-why={s.why}
              data-ticket={s.ticket.id}
            >
              <a href={s.url} target="_blank" rel="noreferrer">
                {rt('review_suspect_item', {
                  ticket: `#${s.ticket.id}`,
                  kind: s.kind,
                  agent: s.namedName ?? s.namedAgent ?? '—',
                  amount: s.amount !== null && s.currency !== null ? ` (${money(s.amount, s.currency)})` : '',
                  at: time(s.at),
                })}
              </a>
              : {rt(reasonKey(s.why))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
