import { memo } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import type { Decision, ReviewState } from '../../lib/domain/review/page-state';
import type { ReviewRow } from '../../lib/domain/review/review-row';
import type { TicketRef } from '../../lib/domain/ticket-ref';
import { rt } from '../../lib/i18n/review-catalogue';
import { money, time } from './format';
import { failureText } from './model/failure';

interface Props {
  /** Grants on solved cases, one card each. */
  rows: readonly ReviewRow[];
  conversation: ReviewState['conversation'];
  coached: Readonly<Record<string, Decision>>;
  onOpen(ticket: TicketRef): void;
  onCoach(ticket: TicketRef, grantId: string, text: string): void;
}

const refOf = (row: ReviewRow): TicketRef => ({
  helpdesk: row.helpdesk,
  account: row.account,
  id: row.ticketId,
});

/** Solved cases with credits, one at a time: the conversation (text only), the grant, the resolution. */
export const RetroStack = memo(function RetroStack({ rows, conversation, coached, onOpen, onCoach }: Props) {
  // The card is followed by its grant, not its place: rows arriving while the period loads do not swap it.
  const [chosen, setChosen] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const found = rows.findIndex((r) => r.grantId === chosen);
  const index = found === -1 ? 0 : found;
  const current = rows[index];
  const currentId = current?.grantId;
  useEffect(() => {
    if (!current) return;
    setChosen(current.grantId);
    onOpen(refOf(current));
  }, [currentId]);
  if (current === undefined)
    return (
      <section class="fl-review__card" data-testid="retro-stack">
        <h2>{rt('review_retro')}</h2>
        <p>{rt('review_retro_empty')}</p>
      </section>
    );
  const saved = coached[current.grantId];
  const lines = conversation?.ticketId === current.ticketId ? conversation : null;
  // The answer that solved the case: the last public reply from the team.
  const resolution = lines?.lines.filter((l) => l.public && !l.fromCustomer).at(-1);
  return (
    <section class="fl-review__card" data-testid="retro-stack" data-grant={current.grantId}>
      <h2>{rt('review_retro')}</h2>
      <p class="fl-review__muted">{rt('review_retro_position', { at: index + 1, of: rows.length })}</p>
      <p>
        <strong>#{current.ticketId}</strong> · {current.customerName}
      </p>
      <h3>{rt('review_retro_conversation')}</h3>
      <ol class="fl-review__conversation">
        {lines === null ? (
          <li>{rt('review_loading')}</li>
        ) : lines.error !== null ? (
          <li>{lines.error}</li>
        ) : (
          lines.lines.map((line, i) => (
            <li key={`${line.at}-${i}`} class={line.public ? '' : 'fl-review__private'}>
              <span class="fl-review__muted">
                {line.author} · {time(line.at)}
              </span>
              <p>{line.text}</p>
            </li>
          ))
        )}
      </ol>
      <p data-testid="retro-grant">
        {rt('review_retro_grant', {
          agent: current.agentName,
          amount: money(current.amount, current.currency),
          reason: current.reason,
        })}
      </p>
      <div data-testid="retro-resolution">
        {resolution ? (
          <>
            <p>
              {rt('review_retro_resolution_reply', { author: resolution.author, at: time(resolution.at) })}
            </p>
            <blockquote class="fl-review__quote">{resolution.text}</blockquote>
          </>
        ) : (
          <p>{rt('review_retro_resolution')}</p>
        )}
      </div>
      <textarea
        data-testid="retro-note"
        aria-label={rt('review_retro_note')}
        placeholder={rt('review_retro_note')}
        maxLength={2000}
        value={note}
        onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <div class="fl-review__actions">
        <button
          type="button"
          class="fl-btn"
          data-testid="retro-coach"
          disabled={note.trim() === '' || saved?.state === 'sending' || saved?.state === 'done'}
          onClick={() => onCoach(refOf(current), current.grantId, note.trim())}
        >
          {rt('review_retro_leave')}
        </button>
        <button
          type="button"
          class="fl-btn"
          data-testid="retro-next"
          onClick={() => {
            setNote('');
            setChosen(rows[(index + 1) % rows.length]?.grantId ?? null);
          }}
        >
          {rt('review_retro_next')}
        </button>
      </div>
      {saved && (
        <p data-testid="retro-coach-status" data-state={saved.state}>
          {saved.state === 'done'
            ? rt('review_retro_saved')
            : saved.state === 'sending'
              ? rt('review_sending')
              : failureText({ message: saved.message ?? '', reason: saved.reason })}
        </p>
      )}
    </section>
  );
});
