import { memo } from 'preact/compat';
import type { DisagreementItem } from '../../lib/domain/review/page-data';
import { rt, rtp } from '../../lib/i18n/review-catalogue';

interface Props {
  /** The helpdesk has not been read yet: unknown, not none. */
  loading: boolean;
  disagreements: readonly DisagreementItem[];
  /** `account:agentId` → name, from the rows; an agent without a row shows their id. */
  names: ReadonlyMap<string, string>;
}

const whyText = (d: DisagreementItem): string =>
  d.whys
    .map((why) =>
      why === 'damaged'
        ? rt('review_disagreement_damaged')
        : rtp(
            why === 'not-in-index' ? 'review_disagreement_not_in_index' : 'review_disagreement_no_note',
            d.grantIds.length,
          ),
    )
    .join('; ');

/**
 * Tickets whose team index and notes disagree, each linked and said in words (never
 * by colour alone): a damaged field, a note's grant with no line, a line with no note.
 */
export const IndexDisagreements = memo(function IndexDisagreements({ loading, disagreements, names }: Props) {
  return (
    <section class="fl-review__card" data-testid="index-disagreements" aria-busy={loading}>
      <h2>{rt('review_disagreements')}</h2>
      {loading ? null : disagreements.length === 0 ? (
        <p>{rt('review_disagreements_none')}</p>
      ) : (
        <ul>
          {disagreements.map((d) => (
            <li
              key={`${d.ticket.account}:${d.ticket.id}`}
              data-testid="index-disagreement"
              data-ticket={d.ticket.id}
              data-whys={d.whys.join(' ')}
            >
              <a href={d.url} target="_blank" rel="noreferrer">
                {rt('review_disagreement_item', {
                  ticket: `#${d.ticket.id}`,
                  agents: d.agentIds.map((a) => names.get(`${d.ticket.account}:${a}`) ?? a).join(', ') || '—',
                  whys: whyText(d),
                })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
