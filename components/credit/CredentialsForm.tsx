import { useId, useState } from 'preact/hooks';
import { apiKeyWhere, helpdeskName } from '../../lib/domain/helpdesk';
import type { HelpdeskKind } from '../../lib/domain/ticket-ref';
import { t } from '../../lib/i18n/t';

/** The protocol refuses keys outside these lengths; saying so here beats a silent drop. */
const MIN_KEY = 8;
const MAX_KEY = 200;

interface Props {
  helpdesk: HelpdeskKind;
  onSave: (apiKey: string) => void;
  /** Credits of this ticket that wait for a key: the saved one was refused, or there is none. */
  waiting?: number;
}

/** Asks for the rep's own API key, which the background keeps in this browser only. */
export function CredentialsForm({ helpdesk, onSave, waiting = 0 }: Props) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const inputId = useId();
  const helpId = useId();
  const name = helpdeskName(helpdesk);
  const where = apiKeyWhere(helpdesk);
  const save = (e: Event) => {
    e.preventDefault();
    const trimmed = key.trim();
    if (trimmed.length < MIN_KEY) {
      setProblem(t('credit_key_too_short'));
      return;
    }
    onSave(trimmed);
    setKey('');
    setProblem(null);
    setSaved(true);
  };
  return (
    <form class="fl-key" data-testid="credentials-form" onSubmit={save}>
      <p class="fl-key__title">
        {waiting > 0
          ? t('credit_key_title_waiting', { helpdesk: name })
          : t('credit_key_title', { helpdesk: name })}
      </p>
      <p class="fl-key__help" id={helpId}>
        {where
          ? t('credit_key_help_where', { helpdesk: name, where })
          : t('credit_key_help', { helpdesk: name })}
      </p>
      <div class="fl-key__row">
        <label class="fl-sr" for={inputId}>
          {t('credit_key_label')}
        </label>
        <input
          id={inputId}
          class="fl-input"
          data-testid="credentials-api-key"
          type="password"
          autoComplete="off"
          maxLength={MAX_KEY}
          spellcheck={false}
          aria-describedby={helpId}
          aria-invalid={problem !== null}
          placeholder={t('credit_key_label')}
          value={key}
          onInput={(e) => {
            setKey(e.currentTarget.value);
            setSaved(false);
          }}
        />
        <button type="submit" class="fl-btn" data-testid="credentials-save" onClick={save}>
          {t('credit_key_save')}
        </button>
      </div>
      {problem !== null && (
        <p class="fl-field__error" role="alert">
          {problem}
        </p>
      )}
      {saved && (
        <p class="fl-key__saved" role="status">
          {t('credit_key_saved')}
        </p>
      )}
    </form>
  );
}
