import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreditPanel } from '../../../components/credit/CreditPanel';
import { Sidebar } from '../../../components/Sidebar';
import type { CommandResult } from '../../../lib/domain/command';
import type { CreditView, SectionError } from '../../../lib/domain/snapshot';
import type { HelpdeskKind } from '../../../lib/domain/ticket-ref';
import { authority, creditView, grant, NOW, ready } from './credit.fixtures';
import { byTestId, fire, mount, one, rerender, typeInto, unmount } from './dom';
import { HOSTILE, sampleSnapshot } from './fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UTC = { locale: 'en-US', timeZone: 'UTC' };

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

interface Setup {
  credit?: CreditView;
  error?: SectionError | null;
  now?: number;
  helpdesk?: HelpdeskKind;
}

const panel = (
  { credit = creditView(), error = null, now = NOW, helpdesk = 'zendesk' }: Setup,
  actions: ReturnType<typeof spies>,
) => (
  <CreditPanel
    state={{ ...ready(credit), error }}
    helpdesk={helpdesk}
    now={now}
    onRetry={actions.onRetry}
    onGrant={actions.onGrant}
    onUndo={actions.onUndo}
    onRequestApproval={actions.onRequestApproval}
    onSaveCredentials={actions.onSaveCredentials}
    when={UTC}
  />
);

/** A command's reply, held until the test answers it (the background's reply over the port). */
const replies = () => {
  const waiting: ((result: CommandResult) => void)[] = [];
  const send = () => new Promise<CommandResult>((resolve) => waiting.push(resolve));
  /** Answers the oldest command still waiting, and lets the form render what it did. */
  const answer = async (result: CommandResult) => {
    await act(async () => {
      waiting.shift()?.(result);
      await Promise.resolve();
    });
  };
  return { send, answer };
};

const spies = () => {
  const reply = replies();
  return {
    reply,
    onRetry: vi.fn(),
    onGrant: vi.fn((_cmd: { grantId: string; amount: number; reason: string }) => reply.send()),
    onUndo: vi.fn(),
    onRequestApproval: vi.fn((_cmd: { requestId: string; amount: number; reason: string }) => reply.send()),
    onSaveCredentials: vi.fn(),
  };
};

const renderPanel = (setup: Setup = {}) => {
  const actions = spies();
  const host = mount(panel(setup, actions));
  hosts.push(host);
  return { host, actions, update: (next: Setup) => rerender(host, panel(next, actions)) };
};

const text = (el: Element) => el.textContent ?? '';
const button = (host: HTMLElement, id: string) => one(host, id) as HTMLButtonElement;
const presets = (host: HTMLElement) => byTestId(host, 'grant-preset') as HTMLButtonElement[];
const preset = (host: HTMLElement, label: string) => {
  const found = presets(host).find((b) => text(b) === label);
  if (!found) throw new Error(`no preset ${label}`);
  return found;
};

describe('authority meter', () => {
  it('shows what is left this period, per grant, for this customer, and when it resets', () => {
    const { host } = renderPanel();
    const meter = one(host, 'authority-meter');
    expect(text(one(host, 'authority-remaining'))).toBe('$40.00');
    expect(one(host, 'authority-remaining').dataset.minor).toBe('4000');
    expect(text(meter)).toContain('$40.00of $100.00 left this period');
    expect(text(meter)).toContain('Up to $50.00 per grant');
    expect(text(meter)).toContain('$30.00 of $30.00 left for this customer');
    expect(text(meter)).toContain('Resets Mon 00:00 (in 6 days)');
    expect((meter.querySelector('.fl-meter__fill') as HTMLElement).getAttribute('style')).toContain(
      'width:40%',
    );
    expect(text(one(host, 'credit-source'))).toBe('Managed by your organization');
  });

  it('labels a self-managed policy as such', () => {
    const base = creditView();
    const { host } = renderPanel({
      credit: { ...base, policy: base.policy && { ...base.policy, source: 'self-managed' } },
    });
    expect(text(one(host, 'credit-source'))).toBe('Self-managed policy');
  });

  it('fails closed without a policy: says why and offers no grant controls', () => {
    const reason =
      'Credits are off: no credit policy is set. Ask your manager to set one in Frontline’s options.';
    const { host } = renderPanel({
      credit: creditView({ policy: null, authority: null, disabledReason: reason, grants: [grant()] }),
    });
    expect(text(one(host, 'credit-disabled'))).toContain(reason);
    for (const id of [
      'authority-meter',
      'grant-preset',
      'grant-custom-amount',
      'grant-submit',
      'approval-request',
    ]) {
      expect(byTestId(host, id), id).toHaveLength(0);
    }
    expect(byTestId(host, 'credit-source')).toHaveLength(0);
    expect(byTestId(host, 'grant-status')).toHaveLength(1);
  });

  it('fails closed with a policy but no authority', () => {
    const { host } = renderPanel({ credit: creditView({ authority: null }) });
    expect(text(one(host, 'credit-disabled'))).toContain('not available');
    expect(byTestId(host, 'grant-submit')).toHaveLength(0);
  });
});

describe('grant form', () => {
  it('shows one preset per amount and disables those above what may be granted now', () => {
    const { host } = renderPanel();
    expect(presets(host).map(text)).toEqual(['$5.00', '$10.00', '$25.00', '$50.00']);
    expect(presets(host).map((b) => b.disabled)).toEqual([false, false, false, true]);
  });

  it('grants a preset with one click on submit, carrying the intent id and the reason', () => {
    const { host, actions } = renderPanel();
    expect(button(host, 'grant-submit').disabled).toBe(true);
    fire(preset(host, '$25.00'), 'click');
    expect(preset(host, '$25.00').getAttribute('aria-pressed')).toBe('true');
    expect(text(one(host, 'grant-submit'))).toBe('Grant $25.00');
    fire(one(host, 'grant-submit'), 'click');
    expect(actions.onGrant).toHaveBeenCalledTimes(1);
    const cmd = actions.onGrant.mock.calls[0]?.[0];
    expect(cmd).toEqual({ grantId: expect.stringMatching(UUID), amount: 2500, reason: 'Late delivery' });
  });

  it('sends the same id for a double click and disables the button until the command’s reply comes', async () => {
    const { host, actions, update } = renderPanel();
    fire(preset(host, '$25.00'), 'click');
    const submit = button(host, 'grant-submit');
    act(() => {
      // Two clicks in the same task: the second lands before any re-render.
      submit.click();
      submit.click();
    });
    expect(actions.onGrant).toHaveBeenCalledTimes(2);
    const [first, second] = actions.onGrant.mock.calls.map((c) => c[0].grantId);
    expect(second).toBe(first);
    expect(button(host, 'grant-submit').disabled).toBe(true);
    expect(text(one(host, 'grant-submit'))).toBe('Granting $25.00…');
    expect(
      (one(host, 'grant-custom-amount') as HTMLInputElement).closest('fieldset')?.hasAttribute('disabled'),
    ).toBe(true);

    // A snapshot, even one showing the grant, is not the answer: the reply is.
    update({
      credit: creditView({ grants: [grant({ id: first, state: 'pending', undoUntil: NOW + 5_000 })] }),
    });
    expect(button(host, 'grant-submit').disabled).toBe(true);

    // The reply: the form re-arms with a new id and a cleared amount; the resend's reply changes nothing.
    await actions.reply.answer({ ok: true });
    expect(text(one(host, 'grant-submit'))).toBe('Choose an amount');
    await actions.reply.answer({ ok: true });
    fire(preset(host, '$10.00'), 'click');
    fire(one(host, 'grant-submit'), 'click');
    const third = actions.onGrant.mock.calls[2]?.[0];
    expect(third?.amount).toBe(1000);
    expect(third?.grantId).toMatch(UUID);
    expect(third?.grantId).not.toBe(first);
  });

  it('a refusal re-arms with a new id, says why and keeps the amount to try again', async () => {
    const { host, actions } = renderPanel();
    fire(preset(host, '$5.00'), 'click');
    fire(one(host, 'grant-submit'), 'click');
    const first = actions.onGrant.mock.calls[0]?.[0].grantId;
    await actions.reply.answer({ ok: false, message: 'Add your helpdesk API key first.' });
    expect(text(one(host, 'grant-refusal'))).toBe('Add your helpdesk API key first.');
    expect(button(host, 'grant-submit').disabled).toBe(false);
    expect(text(one(host, 'grant-submit'))).toBe('Grant $5.00');
    fire(one(host, 'grant-submit'), 'click');
    expect(actions.onGrant.mock.calls[1]?.[0].grantId).not.toBe(first);
    expect(byTestId(host, 'grant-refusal')).toHaveLength(0);
  });

  it('a limit the background names is worded by the sidebar, from the limit and its figures', async () => {
    const { host, actions } = renderPanel();
    fire(preset(host, '$5.00'), 'click');
    fire(one(host, 'grant-submit'), 'click');
    await actions.reply.answer({
      ok: false,
      message: 'words from the background',
      refusal: { limit: 'per-period', room: 350, currency: 'USD', period: 'week' },
    });
    expect(text(one(host, 'grant-refusal'))).toBe('Over your budget: $3.50 left this week.');
    expect(one(host, 'grant-refusal').getAttribute('role')).toBe('alert');
  });

  it('the same refusal twice in a row leaves the grant button usable', async () => {
    const { host, actions } = renderPanel();
    const refused = { ok: false, message: 'Add your helpdesk API key first.' } as const;
    fire(preset(host, '$5.00'), 'click');
    for (const attempt of [1, 2]) {
      fire(one(host, 'grant-submit'), 'click');
      expect(text(one(host, 'grant-submit')), `attempt ${attempt}`).toBe('Granting $5.00…');
      await actions.reply.answer(refused);
      expect(text(one(host, 'grant-refusal'))).toBe(refused.message);
      expect(button(host, 'grant-submit').disabled, `attempt ${attempt}`).toBe(false);
      expect(text(one(host, 'grant-submit'))).toBe('Grant $5.00');
    }
    expect(actions.onGrant).toHaveBeenCalledTimes(2);
  });

  it('parses a custom amount exactly and explains a bad one', () => {
    const { host, actions } = renderPanel();
    const input = one(host, 'grant-custom-amount') as HTMLInputElement;
    typeInto(input, '12.345');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(text(host)).toContain('Enter an amount such as 12.50.');
    expect(button(host, 'grant-submit').disabled).toBe(true);
    typeInto(input, '0');
    expect(text(host)).toContain('Enter an amount above zero.');
    typeInto(input, '19,99');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(text(one(host, 'grant-submit'))).toBe('Grant $19.99');
    fire(one(host, 'grant-submit'), 'click');
    expect(actions.onGrant.mock.calls[0]?.[0].amount).toBe(1999);
  });

  it('a preset replaces a custom amount and the other way round', () => {
    const { host } = renderPanel();
    const input = one(host, 'grant-custom-amount') as HTMLInputElement;
    typeInto(input, '7');
    fire(preset(host, '$10.00'), 'click');
    expect(input.value).toBe('');
    expect(text(one(host, 'grant-submit'))).toBe('Grant $10.00');
    typeInto(one(host, 'grant-custom-amount') as HTMLInputElement, '8');
    expect(presets(host).some((b) => b.getAttribute('aria-pressed') === 'true')).toBe(false);
    expect(text(one(host, 'grant-submit'))).toBe('Grant $8.00');
  });

  it('sends the chosen reason with the free text after it', () => {
    const { host, actions } = renderPanel();
    const select = one(host, 'grant-reason') as HTMLSelectElement;
    expect(Array.from(select.querySelectorAll('option')).map(text)).toEqual([
      'Late delivery',
      'Damaged item',
      HOSTILE.script,
    ]);
    // linkedom's select has no value setter; selecting the option is what a rep's click does.
    select.querySelector('option[selected]')?.removeAttribute('selected');
    select.querySelectorAll('option')[1]?.setAttribute('selected', '');
    fire(select, 'change');
    typeInto(one(host, 'grant-reason-details') as HTMLInputElement, ' box crushed ');
    fire(preset(host, '$5.00'), 'click');
    fire(one(host, 'grant-submit'), 'click');
    expect(actions.onGrant.mock.calls[0]?.[0].reason).toBe('Damaged item: box crushed');
  });
});

describe('over the limit', () => {
  it('names the limit that stops the amount and offers to request approval instead', async () => {
    const { host, actions, update } = renderPanel();
    typeInto(one(host, 'grant-custom-amount') as HTMLInputElement, '31');
    expect(byTestId(host, 'grant-submit')).toHaveLength(0);
    expect(text(one(host, 'grant-limit'))).toContain(
      '$31.00 is above what you may still credit this customer this period ($30.00).',
    );
    expect(text(one(host, 'approval-request'))).toBe('Request approval for $31.00');
    fire(one(host, 'approval-request'), 'click');
    expect(actions.onGrant).not.toHaveBeenCalled();
    const cmd = actions.onRequestApproval.mock.calls[0]?.[0];
    expect(cmd).toEqual({ requestId: expect.stringMatching(UUID), amount: 3100, reason: 'Late delivery' });
    expect(button(host, 'approval-request').disabled).toBe(true);

    const approval = {
      id: cmd!.requestId,
      amount: 3100,
      currency: 'USD',
      reason: 'Late delivery',
      note: null,
    };
    update({ credit: creditView({ approvals: [{ ...approval, state: 'pending' }] }) });
    await actions.reply.answer({ ok: true });
    expect(text(one(host, 'approval-status'))).toContain('Approval for $31.00');
    expect(text(one(host, 'approval-status'))).toContain('Waiting for approval');
    expect(text(one(host, 'approval-progress-live'))).toBe(
      'Approval request for $31.00 sent: waiting for a decision',
    );
    expect(byTestId(host, 'approval-request')).toHaveLength(0);

    update({
      credit: creditView({ approvals: [{ ...approval, state: 'declined', note: 'Not for this plan' }] }),
    });
    expect(text(one(host, 'approval-status'))).toContain('Declined');
    expect(text(one(host, 'approval-status'))).toContain('Not for this plan');
    expect(text(one(host, 'approval-progress-live'))).toBe(
      'Approval request for $31.00 declined: Not for this plan',
    );
  });

  it('names the per-grant limit when it is the tightest', () => {
    const { host } = renderPanel({
      credit: creditView({
        authority: authority({ perGrantMax: 2000, customerRemaining: 3000, maxGrantNow: 2000 }),
      }),
    });
    typeInto(one(host, 'grant-custom-amount') as HTMLInputElement, '25');
    expect(text(one(host, 'grant-limit'))).toContain('$25.00 is above your per-grant limit of $20.00.');
  });

  it('names the period budget when it is the tightest', () => {
    const { host } = renderPanel({
      credit: creditView({ authority: authority({ remainingThisPeriod: 500, maxGrantNow: 500 }) }),
    });
    typeInto(one(host, 'grant-custom-amount') as HTMLInputElement, '10');
    expect(text(one(host, 'grant-limit'))).toContain('above what is left of your budget this period ($5.00)');
  });
});

describe('grant status', () => {
  const grants = [
    grant({ id: 'a', state: 'recorded', amount: 500, at: new Date(NOW - 3_600_000).toISOString() }),
    grant({
      id: 'b',
      state: 'pending',
      amount: 2500,
      undoUntil: NOW + 4_500,
      at: new Date(NOW).toISOString(),
    }),
    grant({
      id: 'c',
      state: 'failed',
      error: 'Zendesk refused the note (403)',
      at: new Date(NOW - 60_000).toISOString(),
    }),
  ];

  it('lists this ticket’s grants newest first with their state', () => {
    const { host } = renderPanel({ credit: creditView({ grants }) });
    const rows = byTestId(host, 'grant-status');
    expect(rows.map((r) => r.dataset.state)).toEqual(['pending', 'failed', 'recorded']);
    expect(text(rows[1] as HTMLElement)).toContain('Failed: Zendesk refused the note (403)');
    expect(text(rows[2] as HTMLElement)).toContain('✓');
    expect(text(rows[2] as HTMLElement)).toContain('Recorded 11:00 AM');
  });

  it('counts the undo down with now, undoes by id, and commits when the window closes', () => {
    const { host, actions, update } = renderPanel({ credit: creditView({ grants }) });
    expect(text(one(host, 'grant-undo'))).toBe('Undo (5 s)');
    update({ credit: creditView({ grants }), now: NOW + 2_000 });
    expect(text(one(host, 'grant-undo'))).toBe('Undo (3 s)');
    fire(one(host, 'grant-undo'), 'click');
    expect(actions.onUndo).toHaveBeenCalledWith('b');
    update({ credit: creditView({ grants }), now: NOW + 5_000 });
    expect(byTestId(host, 'grant-undo')).toHaveLength(0);
    expect(text(byTestId(host, 'grant-status')[0] as HTMLElement)).toContain('Recording in Zendesk…');
    const committing = grants.map((g) => (g.id === 'b' ? { ...g, state: 'committing' as const } : g));
    update({ credit: creditView({ grants: committing }), now: NOW + 5_000 });
    expect(text(byTestId(host, 'grant-status')[0] as HTMLElement)).toContain('Recording in Zendesk…');
  });

  it('renders a hostile reason as text', () => {
    const { host } = renderPanel({ credit: creditView({ grants: [grant({ reason: HOSTILE.img })] }) });
    expect(text(one(host, 'grant-status'))).toContain(HOSTILE.img);
    expect(host.querySelectorAll('img, script')).toHaveLength(0);
  });
});

describe('credentials', () => {
  it('asks for the API key only when needed, as a password, and sends it trimmed', () => {
    const { host, actions } = renderPanel({
      credit: creditView({ needsCredentials: true }),
      helpdesk: 'freshdesk',
    });
    const form = one(host, 'credentials-form');
    expect(text(form)).toContain('Your Freshdesk API key is needed to record credits');
    expect(text(form)).toContain('Find it in Freshdesk under Profile settings → Your API Key');
    expect(text(form)).toContain('stored only in this browser');
    const input = one(host, 'credentials-api-key') as HTMLInputElement;
    expect(input.getAttribute('type')).toBe('password');
    typeInto(input, 'short');
    fire(one(host, 'credentials-save'), 'click');
    expect(actions.onSaveCredentials).not.toHaveBeenCalled();
    expect(text(form)).toContain('too short');
    typeInto(input, '  AbCdEfGhIjKlMnOp  ');
    fire(one(host, 'credentials-save'), 'click');
    expect(actions.onSaveCredentials).toHaveBeenCalledWith('AbCdEfGhIjKlMnOp');
    expect(text(form)).toContain('Saved in this browser.');
    expect((one(host, 'credentials-api-key') as HTMLInputElement).value).toBe('');
  });

  it('a refused key: the waiting grant says what to do and the form asks for a new key (finding 7)', () => {
    const error = 'Freshdesk refused your API key (401). Enter a new key to send this credit.';
    const { host } = renderPanel({
      credit: creditView({ needsCredentials: true, grants: [grant({ state: 'committing', error })] }),
      helpdesk: 'freshdesk',
    });
    expect(text(one(host, 'credentials-form'))).toContain(
      'Enter a new Freshdesk API key: a credit is waiting for it',
    );
    expect(text(one(host, 'grant-status'))).toContain(`Not recorded in Freshdesk yet. ${error}`);
  });

  it('a recorded grant whose billing is still pending says so', () => {
    const { host } = renderPanel({
      credit: creditView({
        grants: [
          grant({
            state: 'recorded',
            error: 'Billing not told yet: The billing system answered 503; trying again shortly.',
          }),
        ],
      }),
    });
    expect(text(one(host, 'grant-status'))).toMatch(
      /Recorded .*\. Billing not told yet: The billing system answered 503/,
    );
  });

  it('does not ask when the key is not needed', () => {
    const { host } = renderPanel();
    expect(byTestId(host, 'credentials-form')).toHaveLength(0);
  });
});

describe('in the sidebar', () => {
  const sidebar = (props: Partial<Parameters<typeof Sidebar>[0]> = {}) => {
    const host = mount(
      <Sidebar
        snapshot={sampleSnapshot({ credit: ready(creditView()) })}
        entries={{}}
        onRetry={vi.fn()}
        onExpand={vi.fn()}
        onCollapseSidebar={vi.fn()}
        now={NOW}
        {...props}
      />,
    );
    hosts.push(host);
    return host;
  };

  it('sits after the owner and escalation cards and before the case history', () => {
    const host = sidebar({ onGrant: vi.fn() });
    const order = Array.from(host.querySelectorAll('.fl-stack > [data-testid]')).map((el) =>
      el.getAttribute('data-testid'),
    );
    expect(order).toEqual(['customer-card', 'owner', 'escalation-status', 'credit-panel', 'case-history']);
    expect(byTestId(host, 'grant-submit')).toHaveLength(1);
  });

  it('shows no grant control when the sidebar is not given the action', () => {
    const host = sidebar();
    expect(byTestId(host, 'authority-meter')).toHaveLength(1);
    expect(byTestId(host, 'grant-submit')).toHaveLength(0);
  });

  it('retries the credit section on its own', () => {
    const onRetry = vi.fn();
    const error = { message: 'Zendesk did not answer', status: 503, retryable: true };
    const host = sidebar({
      onRetry,
      snapshot: sampleSnapshot({ credit: { ...ready(creditView()), error } }),
    });
    const notice = one(one(host, 'credit-panel'), 'section-error');
    fire(notice.querySelector('button') as HTMLButtonElement, 'click');
    expect(onRetry).toHaveBeenCalledWith('credit');
  });

  it('shows a placeholder before the first snapshot', () => {
    const host = sidebar({ snapshot: null });
    expect(one(host, 'credit-panel').getAttribute('aria-busy')).toBe('true');
  });
});
