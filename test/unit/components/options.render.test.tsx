import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../components/options/model';
import { OptionsPage, type OptionsPageProps } from '../../../components/options/OptionsPage';
import { byTestId, fire, mount, one, rerender, typeInto, unmount } from './dom';

const POLICY = {
  currency: 'USD',
  period: 'week',
  timeZone: 'Europe/Berlin',
  tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 20000 }],
  agents: [],
  defaultTier: 'Standard',
  presets: [500, 1000],
  reasons: ['Late delivery'],
  approvers: [],
  undoSeconds: 5,
  reportBackDueHours: 24,
  billingWebhook: { url: 'https://billing.acme.test/credits', secret: 'a-long-shared-secret' },
};

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

const renderPage = (props: Partial<OptionsPageProps> = {}) => {
  const all: OptionsPageProps = {
    managed: undefined,
    local: undefined,
    settings: { watchIntervalMinutes: 5, notifications: true },
    managedSeenSince: null,
    onForgetManaged: vi.fn(async () => true),
    onSavePolicy: vi.fn(async () => undefined),
    onSaveSettings: vi.fn(async (_: Settings) => undefined),
    timeZone: 'Europe/Paris',
    ...props,
  };
  const host = mount(<OptionsPage {...all} />);
  hosts.push(host);
  return {
    host,
    props: all,
    update: (next: Partial<OptionsPageProps>) => rerender(host, <OptionsPage {...all} {...next} />),
  };
};

const text = (el: Element) => el.textContent ?? '';
const input = (root: ParentNode, selector: string) => root.querySelector(selector) as HTMLInputElement;
const click = async (el: Element) => {
  await act(async () => {
    (el as HTMLElement).click();
  });
};

describe('self-managed policy', () => {
  it('starts a new policy from the form and saves it in minor units', async () => {
    const { host, props } = renderPage();
    expect(text(one(host, 'policy-source'))).toBe('Self-managed policy');
    expect(text(one(host, 'policy-editor'))).toContain('credits are off until one is saved');
    expect((one(host, 'policy-time-zone') as HTMLInputElement).value).toBe('Europe/Paris');
    const row = one(host, 'tier-row');
    typeInto(input(row, '[data-field="perGrant"]'), '25');
    typeInto(input(row, '[data-field="perCustomerPerPeriod"]'), '50.5');
    typeInto(input(row, '[data-field="perPeriod"]'), '21474836.47');
    typeInto(one(host, 'policy-presets') as HTMLInputElement, '5, 10 25');
    const reasons = one(host, 'policy-reasons') as HTMLTextAreaElement;
    reasons.value = 'Late delivery\nDamaged item';
    fire(reasons, 'input');
    await click(one(host, 'policy-save'));
    expect(props.onSavePolicy).toHaveBeenCalledTimes(1);
    expect(props.onSavePolicy).toHaveBeenCalledWith({
      currency: 'USD',
      period: 'week',
      timeZone: 'Europe/Paris',
      tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5050, perPeriod: 2147483647 }],
      agents: [],
      defaultTier: 'Standard',
      presets: [500, 1000, 2500],
      reasons: ['Late delivery', 'Damaged item'],
      approvers: [],
      undoSeconds: 5,
      reportBackDueHours: 24,
    });
    expect(text(one(host, 'policy-saved'))).toContain('The new policy is in force.');
  });

  it('refuses to save an invalid policy and names the fields', async () => {
    const { host, props } = renderPage({ local: POLICY });
    const row = one(host, 'tier-row');
    expect(input(row, '[data-field="perGrant"]').value).toBe('25.00');
    typeInto(input(row, '[data-field="perGrant"]'), '80');
    await click(one(host, 'policy-save'));
    expect(props.onSavePolicy).not.toHaveBeenCalled();
    expect(text(one(host, 'policy-errors'))).toContain(
      'tiers[0].perGrant: perGrant cannot be more than perCustomerPerPeriod',
    );
    typeInto(input(row, '[data-field="perGrant"]'), 'lots');
    await click(one(host, 'policy-save'));
    expect(text(one(host, 'policy-errors'))).toContain('tiers[0].perGrant: enter an amount such as 25.00');
    expect(props.onSavePolicy).not.toHaveBeenCalled();
  });

  it('adds and removes tiers and agents', async () => {
    const { host, props } = renderPage({ local: POLICY });
    fire(one(host, 'tier-add'), 'click');
    expect(byTestId(host, 'tier-row')).toHaveLength(2);
    fire(byTestId(host, 'tier-row')[1]?.querySelector('button') as HTMLButtonElement, 'click');
    expect(byTestId(host, 'tier-row')).toHaveLength(1);
    fire(one(host, 'agent-add'), 'click');
    typeInto(input(one(host, 'agent-row'), 'input'), 'ada@acme.test');
    await click(one(host, 'policy-save'));
    expect(props.onSavePolicy).toHaveBeenLastCalledWith(
      expect.objectContaining({ agents: [{ agent: 'ada@acme.test', tier: 'Standard' }] }),
    );
    fire(one(host, 'agent-row').querySelector('button') as HTMLButtonElement, 'click');
    expect(byTestId(host, 'agent-row')).toHaveLength(0);
  });

  it('edits as JSON, refuses broken JSON and invalid policies, saves a valid one', async () => {
    const { host, props } = renderPage({ local: POLICY });
    fire(one(host, 'policy-mode'), 'click');
    const json = one(host, 'policy-json') as HTMLTextAreaElement;
    expect(JSON.parse(json.value)).toEqual(POLICY);

    json.value = '{ "currency": ';
    fire(json, 'input');
    await click(one(host, 'policy-save'));
    expect(text(one(host, 'policy-errors'))).toMatch(/^This is not valid JSON/);

    json.value = JSON.stringify({ ...POLICY, period: 'fortnight' });
    fire(json, 'input');
    await click(one(host, 'policy-save'));
    expect(text(one(host, 'policy-errors'))).toContain('period: period must be day, week or month');

    json.value = JSON.stringify({ ...POLICY, undoSeconds: 10 });
    fire(json, 'input');
    await click(one(host, 'policy-save'));
    expect(props.onSavePolicy).toHaveBeenCalledWith({ ...POLICY, undoSeconds: 10 });

    fire(one(host, 'policy-mode'), 'click');
    expect((one(host, 'policy-undo-seconds') as HTMLInputElement).value).toBe('10');
  });

  it('shows a policy saved elsewhere, and keeps an edit when only the settings change', () => {
    const { host, update } = renderPage({ local: POLICY });
    typeInto(one(host, 'policy-presets') as HTMLInputElement, '7');
    update({ local: { ...POLICY }, settings: { watchIntervalMinutes: 9, notifications: true } });
    expect((one(host, 'policy-presets') as HTMLInputElement).value).toBe('7');
    update({ local: { ...POLICY, presets: [300] } });
    expect((one(host, 'policy-presets') as HTMLInputElement).value).toBe('3.00');
  });

  it('says why a save failed', async () => {
    const { host } = renderPage({
      local: POLICY,
      onSavePolicy: vi.fn(async () => {
        throw new Error('QUOTA_BYTES quota exceeded');
      }),
    });
    await click(one(host, 'policy-save'));
    expect(text(one(host, 'policy-errors'))).toBe('Could not save: QUOTA_BYTES quota exceeded');
  });
});

describe('a new administrator (issue 18)', () => {
  it('Edit as JSON opens on a fresh install, says what is not ready, and the form comes back as typed', async () => {
    const { host, props } = renderPage();
    typeInto(input(one(host, 'tier-row'), '[data-field="perGrant"]'), '25');
    fire(one(host, 'policy-mode'), 'click');
    const json = one(host, 'policy-json') as HTMLTextAreaElement;
    const shown = JSON.parse(json.value);
    expect(shown.tiers).toEqual([
      { name: 'Standard', perGrant: 2500, perCustomerPerPeriod: '', perPeriod: '' },
    ]);
    expect(shown.timeZone).toBe('Europe/Paris');
    expect(text(one(host, 'policy-errors'))).toContain('Not ready to save yet');
    expect(text(one(host, 'policy-errors'))).toContain('tiers[0].perCustomerPerPeriod: enter an amount');

    json.value = JSON.stringify({
      ...shown,
      tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: '' }],
      reasons: ['Goodwill'],
    });
    fire(json, 'input');
    fire(one(host, 'policy-mode'), 'click');
    const row = one(host, 'tier-row');
    expect(input(row, '[data-field="perCustomerPerPeriod"]').value).toBe('50.00');
    expect(input(row, '[data-field="perPeriod"]').value).toBe('');
    expect((one(host, 'policy-reasons') as HTMLTextAreaElement).value).toBe('Goodwill');
    typeInto(input(row, '[data-field="perPeriod"]'), '200');
    await click(one(host, 'policy-save'));
    expect(props.onSavePolicy).toHaveBeenCalledWith(
      expect.objectContaining({
        tiers: [{ name: 'Standard', perGrant: 2500, perCustomerPerPeriod: 5000, perPeriod: 20000 }],
        reasons: ['Goodwill'],
      }),
    );
  });

  it('JSON the form cannot hold exactly stays in the JSON editor, with the fields named', () => {
    const { host } = renderPage({ local: POLICY });
    fire(one(host, 'policy-mode'), 'click');
    const json = one(host, 'policy-json') as HTMLTextAreaElement;
    const typed = JSON.stringify({ ...POLICY, presets: [500, 12.5] });
    json.value = typed;
    fire(json, 'input');
    fire(one(host, 'policy-mode'), 'click');
    expect((one(host, 'policy-json') as HTMLTextAreaElement).value).toBe(typed);
    expect(text(one(host, 'policy-errors'))).toContain('The form cannot show this JSON exactly (presets[1])');
  });

  it('explains each field where it is, as the field’s description', () => {
    const { host } = renderPage();
    for (const id of [
      'policy-currency',
      'policy-period',
      'policy-time-zone',
      'policy-default-tier',
      'policy-presets',
      'policy-undo-seconds',
      'policy-report-back-hours',
      'policy-reasons',
      'policy-approvers',
      'policy-webhook-url',
      'policy-webhook-secret',
      'policy-oauth-client-id',
    ]) {
      const control = one(host, id);
      const help = host.querySelector(`[id="${control.getAttribute('aria-describedby')}"]`);
      expect(help?.textContent, id).toMatch(/\w{3,}.*\w{3,}/);
      expect(control.closest('label')?.contains(help ?? null), id).toBe(false);
    }
    expect(text(one(host, 'policy-undo-seconds').parentElement?.parentElement as Element)).toContain(
      'in seconds (0–60), e.g. 5',
    );
    const helps = byTestId(host, 'field-help').map(text);
    expect(helps.some((h) => h.includes('Per grant: the most one credit may be, e.g. 25.00'))).toBe(true);
  });
});

describe('the page layout (issue 18)', () => {
  it('puts the page’s other sections and the review link inside its one main layout', () => {
    const host = mount(
      <OptionsPage
        managed={undefined}
        local={undefined}
        settings={{ watchIntervalMinutes: 5, notifications: false }}
        managedSeenSince={null}
        onForgetManaged={vi.fn(async () => true)}
        onSavePolicy={vi.fn(async () => undefined)}
        onSaveSettings={vi.fn(async () => undefined)}
        links={
          <a data-testid="open-review" href="/review.html">
            Review credits
          </a>
        }
      >
        <section data-testid="helpdesk-hosts" />
      </OptionsPage>,
    );
    hosts.push(host);
    const main = host.querySelector('main.flo');
    expect(main?.contains(one(host, 'helpdesk-hosts'))).toBe(true);
    expect(main?.contains(one(host, 'open-review'))).toBe(true);
  });
});

describe('managed policy', () => {
  it('is shown read-only, labelled, with its secret hidden', () => {
    const { host } = renderPage({ managed: POLICY, local: { ...POLICY, currency: 'EUR' } });
    expect(text(one(host, 'policy-source'))).toBe('Managed by your organization');
    expect(byTestId(host, 'policy-save')).toHaveLength(0);
    expect(byTestId(host, 'policy-errors')).toHaveLength(0);
    expect(host.querySelector('fieldset')?.hasAttribute('disabled')).toBe(true);
    expect((one(host, 'policy-currency') as HTMLInputElement).value).toBe('USD');
    expect((one(host, 'policy-json') as HTMLTextAreaElement).value).not.toContain('a-long-shared-secret');
    expect((one(host, 'policy-webhook-secret') as HTMLInputElement).value).not.toContain('shared');
  });

  it('says when the organization’s policy is invalid (credits are off)', () => {
    const { host } = renderPage({ managed: { ...POLICY, tiers: [] } });
    expect(text(one(host, 'policy-errors'))).toContain('tiers: at least one tier is needed');
  });

  it('counts an empty managed store as none', () => {
    const { host } = renderPage({ managed: {} });
    expect(text(one(host, 'policy-source'))).toBe('Self-managed policy');
    expect(byTestId(host, 'policy-save')).toHaveLength(1);
  });
});

describe('a vanished managed policy on the options page', () => {
  it('shows nothing about it when this browser never read an organization policy', () => {
    const { host } = renderPage({ managedSeenSince: null });
    expect(byTestId(host, 'managed-state')).toHaveLength(0);
  });

  it('says the organization policy is followed, and offers no way out while it is present', () => {
    const { host } = renderPage({ managed: POLICY, managedSeenSince: Date.UTC(2026, 10, 1) });
    expect(one(host, 'managed-state').dataset.state).toBe('present');
    expect(byTestId(host, 'managed-forget')).toHaveLength(0);
  });

  it('says credits are off and offers a clearly labelled control to forget it once it is gone', async () => {
    const { host, props } = renderPage({ managed: undefined, managedSeenSince: Date.UTC(2026, 10, 1) });
    expect(one(host, 'managed-state').dataset.state).toBe('vanished');
    expect(text(one(host, 'managed-vanished'))).toContain('no longer readable; credits are off');
    expect(text(one(host, 'managed-state'))).toContain('self-managed policy on this page applies');
    const button = one(host, 'managed-forget');
    expect(text(button)).toBe('Forget the organization’s policy and use the self-managed one');
    await click(button);
    expect(props.onForgetManaged).toHaveBeenCalledTimes(1);
  });

  it('tells the manager when forgetting was refused because the policy came back', async () => {
    const { host } = renderPage({
      managedSeenSince: Date.UTC(2026, 10, 1),
      onForgetManaged: vi.fn(async () => false),
    });
    await click(one(host, 'managed-forget'));
    expect(text(one(host, 'managed-state'))).toContain('present again');
  });
});

describe('settings', () => {
  it('saves the watch interval and the notification choice', async () => {
    const { host, props } = renderPage();
    const interval = one(host, 'settings-interval') as HTMLInputElement;
    expect(interval.value).toBe('5');
    typeInto(interval, '15');
    const box = one(host, 'settings-notifications') as HTMLInputElement;
    box.checked = false;
    fire(box, 'change');
    await click(one(host, 'settings-save'));
    expect(props.onSaveSettings).toHaveBeenCalledWith({ watchIntervalMinutes: 15, notifications: false });
    expect(text(one(host, 'settings'))).toContain('Settings saved.');
  });

  it('refuses an interval out of range', async () => {
    const { host, props } = renderPage();
    typeInto(one(host, 'settings-interval') as HTMLInputElement, '0');
    await click(one(host, 'settings-save'));
    expect(props.onSaveSettings).not.toHaveBeenCalled();
    expect(text(one(host, 'settings'))).toContain('from 1 to 1440');
  });
});
