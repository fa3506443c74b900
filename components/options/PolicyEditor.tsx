import { useEffect, useId, useState } from 'preact/hooks';
import type { AuthorityPolicy } from '../../lib/domain/policy';
import { opt } from '../../lib/i18n/options-catalogue';
import {
  draftFromPolicy,
  draftProblems,
  formWouldChange,
  isPresent,
  type PolicyDraft,
  parseJson,
  policyFromDraft,
  redactSecret,
  toJson,
  validatePolicy,
} from './model';
import { PolicyFields } from './PolicyFields';

interface Props {
  /** What `storage.managed` holds; anything empty means the organization set no policy. */
  managed: unknown;
  /** The self-managed policy in `storage.local` (key `policy`), or undefined. */
  local: unknown;
  onSave: (policy: AuthorityPolicy) => Promise<void>;
  /** The zone a new policy starts with: the manager's own. */
  timeZone?: string;
}

type Notice =
  | { kind: 'error'; lines: string[] }
  /** Switched with parts not valid yet: said, not refused. */
  | { kind: 'unfinished'; lines: string[] }
  | { kind: 'saved' }
  | null;

function NoticeView({ notice }: { notice: Notice }) {
  if (notice === null) return null;
  if (notice.kind === 'saved') {
    return (
      <p class="flo-notice flo-notice--good" role="status" data-testid="policy-saved">
        {opt('options_saved')}
      </p>
    );
  }
  if (notice.kind === 'unfinished') {
    return (
      <div class="flo-notice flo-notice--bad" role="status" data-testid="policy-errors">
        <p>{opt('options_not_ready')}</p>
        {notice.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    );
  }
  return (
    <div class="flo-notice flo-notice--bad" role="alert" data-testid="policy-errors">
      {notice.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

/** An organization's policy: shown, never editable here, its secret hidden. */
function ManagedPolicy({ policy }: { policy: unknown }) {
  const verdict = validatePolicy(policy);
  const shown = redactSecret(policy);
  // A policy naming a credit gateway takes its limits from it (shown read-only in their own card).
  const gateway = isPresent(policy) && Object.hasOwn(policy as object, 'gateway');
  return (
    <>
      <p class="flo-source" data-testid="policy-source">
        {opt('options_policy_managed')}
      </p>
      <p class="flo-help">{opt('options_policy_managed_help')}</p>
      {!gateway && !verdict.ok && (
        <p class="flo-notice flo-notice--bad" role="alert" data-testid="policy-errors">
          {opt('options_policy_invalid', { reason: verdict.message })}
        </p>
      )}
      {!gateway && <PolicyFields draft={draftFromPolicy(shown)} onChange={() => undefined} readOnly />}
      <details class="flo-details">
        <summary>{opt('options_json_label')}</summary>
        <textarea
          class="fl-input flo-json"
          data-testid="policy-json"
          readOnly
          rows={16}
          value={toJson(shown)}
        />
      </details>
    </>
  );
}

/**
 * The credit policy. Managed by the organization: read-only. Otherwise a form
 * for the common fields, or the JSON itself; Save is refused, with the fields
 * named, until the policy schema accepts it. Switching between the two never
 * loses what was typed: the form opens as JSON whatever state it is in (a fresh
 * install's blank amounts included, as text), and JSON the form cannot hold
 * exactly stays in the JSON editor with the fields named.
 */
export function PolicyEditor({ managed, local, onSave, timeZone = 'UTC' }: Props) {
  const headingId = useId();
  const jsonId = useId();
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [draft, setDraft] = useState<PolicyDraft>(() => draftFromPolicy(local, timeZone));
  const [json, setJson] = useState(() =>
    toJson(local ?? policyFromDraft(draftFromPolicy(local, timeZone)).input),
  );
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);

  // A policy saved elsewhere (another options tab, or this one) is what the form shows next.
  // Compared by content: every storage change reloads the page's state, and saving the settings must not wipe an edit.
  const localKey = JSON.stringify(local) ?? '';
  useEffect(() => {
    setDraft(draftFromPolicy(local, timeZone));
    if (local !== undefined) setJson(toJson(local));
  }, [localKey, timeZone]);

  const managedPresent = isPresent(managed);

  const inputNow = (): { input: unknown } | { errors: string[] } => {
    if (mode === 'form') {
      const result = policyFromDraft(draft);
      return result.errors.length > 0 ? { errors: result.errors } : { input: result.input };
    }
    const parsed = parseJson(json);
    return 'error' in parsed ? { errors: [parsed.error] } : { input: parsed.value };
  };

  const toJsonMode = () => {
    const result = policyFromDraft(draft);
    const problems = draftProblems(result);
    setJson(toJson(result.input));
    setNotice(problems.length > 0 ? { kind: 'unfinished', lines: problems } : null);
    setMode('json');
  };

  const toFormMode = () => {
    const parsed = parseJson(json);
    if ('error' in parsed) {
      setNotice({ kind: 'error', lines: [parsed.error] });
      return;
    }
    const changed = formWouldChange(parsed.value);
    if (changed.length > 0) {
      setNotice({ kind: 'error', lines: [opt('options_form_cannot_hold', { fields: changed.join(', ') })] });
      return;
    }
    const next = draftFromPolicy(parsed.value, timeZone);
    const problems = draftProblems(policyFromDraft(next));
    setDraft(next);
    setNotice(problems.length > 0 ? { kind: 'unfinished', lines: problems } : null);
    setMode('form');
  };

  const save = async () => {
    const current = inputNow();
    if ('errors' in current) {
      setNotice({ kind: 'error', lines: current.errors });
      return;
    }
    const verdict = validatePolicy(current.input);
    if (!verdict.ok) {
      setNotice({ kind: 'error', lines: verdict.message.split('; ') });
      return;
    }
    setSaving(true);
    try {
      await onSave(verdict.policy);
      setNotice({ kind: 'saved' });
    } catch (error) {
      setNotice({
        kind: 'error',
        lines: [
          opt('options_save_failed', { reason: error instanceof Error ? error.message : String(error) }),
        ],
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="flo-card" aria-labelledby={headingId} data-testid="policy-editor">
      <h2 class="flo-title" id={headingId}>
        {opt('options_policy_title')}
      </h2>
      {managedPresent ? (
        <ManagedPolicy policy={managed} />
      ) : (
        <>
          <p class="flo-source" data-testid="policy-source">
            {opt('options_policy_self')}
          </p>
          {local === undefined && <p class="flo-help">{opt('options_policy_none')}</p>}
          {mode === 'form' ? (
            <PolicyFields
              draft={draft}
              onChange={(next) => {
                setDraft(next);
                setNotice(null);
              }}
              readOnly={false}
            />
          ) : (
            <label class="flo-field" for={jsonId}>
              <span class="flo-field__label">{opt('options_json_label')}</span>
              <textarea
                id={jsonId}
                class="fl-input flo-json"
                data-testid="policy-json"
                spellcheck={false}
                rows={24}
                value={json}
                onInput={(e) => {
                  setJson(e.currentTarget.value);
                  setNotice(null);
                }}
              />
            </label>
          )}
          <NoticeView notice={notice} />
          <div class="flo-actions">
            <button
              type="button"
              class="fl-btn"
              data-testid="policy-mode"
              onClick={mode === 'form' ? toJsonMode : toFormMode}
            >
              {mode === 'form' ? opt('options_edit_json') : opt('options_edit_form')}
            </button>
            <button
              type="button"
              class="fl-primary flo-save"
              data-testid="policy-save"
              disabled={saving}
              onClick={save}
            >
              {opt('options_save')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
