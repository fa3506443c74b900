import { type ComponentChildren, cloneElement, isValidElement, toChildArray } from 'preact';
import { useId } from 'preact/hooks';
import { ot } from '../../lib/i18n/oauth-catalogue';
import { opt } from '../../lib/i18n/options-catalogue';
import { type AgentDraft, emptyTier, type PolicyDraft, TIER_LIMITS, type TierDraft } from './model';

interface Props {
  draft: PolicyDraft;
  onChange: (draft: PolicyDraft) => void;
  readOnly: boolean;
}

const TIME_ZONES = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

const LIMIT_LABEL = {
  perGrant: 'options_tier_per_grant',
  perCustomerPerPeriod: 'options_tier_per_customer',
  perPeriod: 'options_tier_per_period',
} as const;

const CONTROLS = new Set(['input', 'select', 'textarea']);

/**
 * A labelled control with its help below. The help sits outside the label, so it is not read
 * as part of the field's name, and the control points at it as its description.
 */
function Field({ label, help, children }: { label: string; help?: string; children: ComponentChildren }) {
  const helpId = useId();
  const described = toChildArray(children).map((child) =>
    help && isValidElement(child) && typeof child.type === 'string' && CONTROLS.has(child.type)
      ? cloneElement(child, { 'aria-describedby': helpId })
      : child,
  );
  return (
    <div class="flo-field">
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as children, inside the label */}
      <label class="flo-field">
        <span class="flo-field__label">{label}</span>
        {described}
      </label>
      {help && (
        <span class="flo-field__help" id={helpId} data-testid="field-help">
          {help}
        </span>
      )}
    </div>
  );
}

const replaceAt = <T,>(items: readonly T[], index: number, item: T): T[] =>
  items.map((existing, i) => (i === index ? item : existing));

const removeAt = <T,>(items: readonly T[], index: number): T[] => items.filter((_, i) => i !== index);

/** The common policy fields as a form; amounts are in major units of the policy's currency. */
export function PolicyFields({ draft, onChange, readOnly }: Props) {
  const zonesId = useId();
  const set = (patch: Partial<PolicyDraft>) => onChange({ ...draft, ...patch });
  const setTier = (i: number, patch: Partial<TierDraft>) =>
    set({ tiers: replaceAt(draft.tiers, i, { ...(draft.tiers[i] ?? emptyTier()), ...patch }) });
  const setAgent = (i: number, patch: Partial<AgentDraft>) =>
    set({
      agents: replaceAt(draft.agents, i, { ...(draft.agents[i] ?? { agent: '', tier: '' }), ...patch }),
    });
  const tierNames = draft.tiers.map((tier) => tier.name.trim()).filter((name) => name !== '');
  const currency = draft.currency.trim().toUpperCase() || '—';

  return (
    <fieldset class="flo-fields" disabled={readOnly}>
      <div class="flo-grid">
        <Field label={opt('options_currency')} help={opt('options_currency_help')}>
          <input
            class="fl-input"
            data-testid="policy-currency"
            maxLength={3}
            autoComplete="off"
            value={draft.currency}
            onInput={(e) => set({ currency: e.currentTarget.value.toUpperCase() })}
          />
        </Field>
        <Field label={opt('options_period')} help={opt('options_period_help')}>
          <select
            class="fl-select"
            data-testid="policy-period"
            value={draft.period}
            onChange={(e) => set({ period: e.currentTarget.value })}
          >
            <option value="day">{opt('options_period_day')}</option>
            <option value="week">{opt('options_period_week')}</option>
            <option value="month">{opt('options_period_month')}</option>
          </select>
        </Field>
        <Field label={opt('options_time_zone')} help={opt('options_time_zone_help')}>
          <input
            class="fl-input"
            data-testid="policy-time-zone"
            list={zonesId}
            autoComplete="off"
            value={draft.timeZone}
            onInput={(e) => set({ timeZone: e.currentTarget.value })}
          />
          <datalist id={zonesId}>
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </Field>
      </div>

      <h3 class="flo-sub">{opt('options_tiers')}</h3>
      <p class="flo-help" data-testid="field-help">
        {opt('options_tiers_help', { currency })}
      </p>
      <div class="flo-table">
        {/* Visual column heads; every input carries its own label for assistive tech. */}
        <div class="flo-row flo-row--head" aria-hidden="true">
          <span>{opt('options_tier_name')}</span>
          {TIER_LIMITS.map((limit) => (
            <span key={limit}>
              {opt(LIMIT_LABEL[limit])} ({currency})
            </span>
          ))}
          <span />
        </div>
        {draft.tiers.map((tier, i) => (
          // Rows have no identity of their own; position is what the schema's paths name too.
          <div class="flo-row" data-testid="tier-row" key={i}>
            <input
              class="fl-input"
              aria-label={`${opt('options_tier_name')} ${i + 1}`}
              data-field="name"
              value={tier.name}
              onInput={(e) => setTier(i, { name: e.currentTarget.value })}
            />
            {TIER_LIMITS.map((limit) => (
              <input
                key={limit}
                class="fl-input fl-amount"
                inputMode="decimal"
                aria-label={`${opt(LIMIT_LABEL[limit])} ${i + 1}`}
                data-field={limit}
                value={tier[limit]}
                onInput={(e) => setTier(i, { [limit]: e.currentTarget.value })}
              />
            ))}
            <button
              type="button"
              class="fl-btn"
              aria-label={`${opt('options_remove')} ${tier.name || i + 1}`}
              disabled={draft.tiers.length === 1}
              onClick={() => set({ tiers: removeAt(draft.tiers, i) })}
            >
              {opt('options_remove')}
            </button>
          </div>
        ))}
      </div>
      <button
        type="button"
        class="fl-btn flo-add"
        data-testid="tier-add"
        onClick={() => set({ tiers: [...draft.tiers, emptyTier()] })}
      >
        {opt('options_tier_add')}
      </button>

      <div class="flo-grid">
        <Field label={opt('options_default_tier')} help={opt('options_default_tier_help')}>
          <select
            class="fl-select"
            data-testid="policy-default-tier"
            value={draft.defaultTier}
            onChange={(e) => set({ defaultTier: e.currentTarget.value })}
          >
            <option value="">{opt('options_default_tier_none')}</option>
            {tierNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <h3 class="flo-sub">{opt('options_agents')}</h3>
      <p class="flo-help" data-testid="field-help">
        {opt('options_agents_help')}
      </p>
      {draft.agents.map((agent, i) => (
        <div class="flo-agent" data-testid="agent-row" key={i}>
          <input
            class="fl-input"
            aria-label={`${opt('options_agent_key')} ${i + 1}`}
            placeholder={opt('options_agent_key')}
            value={agent.agent}
            onInput={(e) => setAgent(i, { agent: e.currentTarget.value })}
          />
          <select
            class="fl-select"
            aria-label={`${opt('options_agent_tier')} ${i + 1}`}
            value={agent.tier}
            onChange={(e) => setAgent(i, { tier: e.currentTarget.value })}
          >
            <option value="">—</option>
            {[...new Set([...tierNames, agent.tier].filter((n) => n !== ''))].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="fl-btn"
            aria-label={`${opt('options_remove')} ${agent.agent || i + 1}`}
            onClick={() => set({ agents: removeAt(draft.agents, i) })}
          >
            {opt('options_remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="fl-btn flo-add"
        data-testid="agent-add"
        onClick={() => set({ agents: [...draft.agents, { agent: '', tier: tierNames[0] ?? '' }] })}
      >
        {opt('options_agent_add')}
      </button>

      <div class="flo-grid">
        <Field label={opt('options_presets')} help={opt('options_presets_help', { currency })}>
          <input
            class="fl-input fl-amount"
            data-testid="policy-presets"
            value={draft.presets}
            onInput={(e) => set({ presets: e.currentTarget.value })}
          />
        </Field>
        <Field label={opt('options_undo_seconds')} help={opt('options_undo_seconds_help')}>
          <input
            class="fl-input fl-amount"
            data-testid="policy-undo-seconds"
            inputMode="numeric"
            value={draft.undoSeconds}
            onInput={(e) => set({ undoSeconds: e.currentTarget.value })}
          />
        </Field>
        <Field label={opt('options_report_back_hours')} help={opt('options_report_back_hours_help')}>
          <input
            class="fl-input fl-amount"
            data-testid="policy-report-back-hours"
            inputMode="numeric"
            value={draft.reportBackDueHours}
            onInput={(e) => set({ reportBackDueHours: e.currentTarget.value })}
          />
        </Field>
      </div>
      <div class="flo-grid flo-grid--two">
        <Field label={opt('options_reasons')} help={opt('options_reasons_help')}>
          <textarea
            class="fl-input flo-textarea"
            data-testid="policy-reasons"
            rows={4}
            value={draft.reasons}
            onInput={(e) => set({ reasons: e.currentTarget.value })}
          />
        </Field>
        <Field label={opt('options_approvers')} help={opt('options_approvers_help')}>
          <textarea
            class="fl-input flo-textarea"
            data-testid="policy-approvers"
            rows={4}
            value={draft.approvers}
            onInput={(e) => set({ approvers: e.currentTarget.value })}
          />
        </Field>
      </div>

      <h3 class="flo-sub">{opt('options_webhook')}</h3>
      <p class="flo-help" data-testid="field-help">
        {opt('options_webhook_help')}
      </p>
      <div class="flo-grid flo-grid--two">
        <Field label={opt('options_webhook_url')} help={opt('options_webhook_url_help')}>
          <input
            class="fl-input"
            data-testid="policy-webhook-url"
            type="url"
            placeholder="https://"
            value={draft.webhookUrl}
            onInput={(e) => set({ webhookUrl: e.currentTarget.value })}
          />
        </Field>
        <Field label={opt('options_webhook_secret')} help={opt('options_webhook_secret_help')}>
          <input
            class="fl-input"
            data-testid="policy-webhook-secret"
            type="password"
            autoComplete="off"
            value={draft.webhookSecret}
            onInput={(e) => set({ webhookSecret: e.currentTarget.value })}
          />
        </Field>
      </div>
      <Field label={ot('oauth_client_id')} help={ot('oauth_client_id_help')}>
        <input
          class="fl-input"
          data-testid="policy-oauth-client-id"
          spellcheck={false}
          value={draft.zendeskOAuthClientId}
          onInput={(e) => set({ zendeskOAuthClientId: e.currentTarget.value })}
        />
      </Field>
    </fieldset>
  );
}
