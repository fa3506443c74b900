import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClaimOwnership, ContinuityBanner, EscalateForm, ReportBack } from '../../../components/casework';
import { summaryText } from '../../../components/casework/model/summary';
import type { CaseworkView, PendingOp } from '../../../lib/domain/casework';
import { byTestId, fire, mount, one, rerender, typeInto, unmount } from './dom';

const NOW = Date.parse('2026-03-10T09:00:00Z');
const UTC = { locale: 'en-US', timeZone: 'UTC' };
const OP = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ESC = '3f0c7c2e-8a4b-4d2a-9a51-1f2e3d4c5b6a';
const HOSTILE = '<img src=x onerror="alert(1)">';

const view = (over: Partial<CaseworkView> = {}): CaseworkView => ({
  meId: '22',
  ownerId: '11',
  isOwner: false,
  canClaim: true,
  canHandOff: true,
  handoffTargets: [
    { id: '22', name: 'Bob Backline' },
    { id: '33', name: HOSTILE },
  ],
  canEscalate: true,
  escalationGroups: [
    { id: '9001', name: 'Tier 2', tier: true },
    { id: '9000', name: 'Support', tier: false },
  ],
  escalationAgents: [{ id: '22', name: 'Bob Backline' }],
  summary: {
    wants: 'My parcel is late',
    tried: [{ author: 'Alice Agent', kind: 'reply', text: 'Asked the carrier', at: '2026-03-10T08:30:00Z' }],
    credits: [{ amount: 2500, currency: 'USD', agentName: 'Alice Agent', reason: 'late delivery' }],
  },
  dueHours: 24,
  obligation: null,
  continuity: null,
  pending: [],
  ...over,
});

const pending = (
  kind: PendingOp['kind'],
  state: PendingOp['state'],
  opId = OP(1),
  error: string | null = null,
): PendingOp => ({
  opId,
  kind,
  state,
  error,
  at: NOW,
});

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});
const render = (node: Parameters<typeof mount>[0]) => {
  const host = mount(node);
  hosts.push(host);
  return host;
};
const ids = () => {
  let n = 0;
  return () => OP(++n);
};
const text = (el: Element) => el.textContent ?? '';
/** linkedom's select has no value setter; selecting the option is what a rep's click does. */
const choose = (select: HTMLSelectElement, value: string) => {
  for (const option of Array.from(select.querySelectorAll('option'))) option.removeAttribute('selected');
  select.querySelector(`option[value="${value}"]`)?.setAttribute('selected', '');
  fire(select, 'change');
};

describe('ClaimOwnership', () => {
  it('claims with one op id however often it is clicked, until the background answers', () => {
    const onCommand = vi.fn();
    const newId = ids();
    const host = render(<ClaimOwnership view={view()} onCommand={onCommand} newId={newId} />);
    const button = one(host, 'claim-ownership') as HTMLButtonElement;
    expect(text(button)).toBe('I own this case');
    fire(button, 'click');
    fire(button, 'click');
    expect(onCommand.mock.calls).toEqual([
      [{ kind: 'claim', opId: OP(1) }],
      [{ kind: 'claim', opId: OP(1) }],
    ]);

    rerender(
      host,
      <ClaimOwnership
        view={view({ canClaim: false, pending: [pending('claim', 'sending')] })}
        onCommand={onCommand}
        newId={newId}
      />,
    );
    expect((one(host, 'claim-ownership') as HTMLButtonElement).disabled).toBe(true);
    expect(text(one(host, 'casework-status'))).toBe('Claiming…');

    // Failed: the reason shows and the next click is a new operation.
    const failed = view({
      pending: [pending('claim', 'failed', OP(1), 'The helpdesk refused it (403): No access')],
    });
    rerender(host, <ClaimOwnership view={failed} onCommand={onCommand} newId={newId} />);
    expect(text(one(host, 'casework-status'))).toBe('Not done: The helpdesk refused it (403): No access');
    expect(one(host, 'casework-status').getAttribute('role')).toBe('alert');
    fire(one(host, 'claim-ownership'), 'click');
    expect(onCommand.mock.calls.at(-1)?.[0].opId).not.toBe(OP(1));
  });

  it('is gone once the rep owns the case', () => {
    const host = render(
      <ClaimOwnership view={view({ canClaim: false, canHandOff: false })} onCommand={vi.fn()} />,
    );
    expect(byTestId(host, 'claim-ownership')).toHaveLength(0);
    expect(byTestId(host, 'handoff')).toHaveLength(0);
  });

  it('hands off to a chosen rep with a note; names are text; Escape closes', () => {
    const onCommand = vi.fn();
    const host = render(<ClaimOwnership view={view()} onCommand={onCommand} newId={ids()} />);
    const toggle = one(host, 'handoff');
    fire(toggle, 'click');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const select = one(host, 'handoff-agent') as HTMLSelectElement;
    expect(Array.from(select.querySelectorAll('option')).map(text)).toEqual([
      'Choose a rep',
      'Bob Backline',
      HOSTILE,
    ]);
    expect(host.querySelector('img')).toBeNull();
    expect((one(host, 'handoff-submit') as HTMLButtonElement).disabled).toBe(true);
    choose(select, '22');
    typeInto(one(host, 'handoff-note') as HTMLInputElement, '  Knows the carrier  ');
    fire(host.querySelector('form') as HTMLFormElement, 'submit');
    expect(onCommand).toHaveBeenCalledWith({
      kind: 'handoff',
      opId: OP(2),
      toAgentId: '22',
      note: 'Knows the carrier',
    });
    expect(byTestId(host, 'handoff-agent')).toHaveLength(0);

    fire(one(host, 'handoff'), 'click');
    const focus = vi.spyOn(one(host, 'handoff'), 'focus');
    fire(one(host, 'handoff-note'), 'keydown', { key: 'Escape' });
    expect(byTestId(host, 'handoff-note')).toHaveLength(0);
    // Closing hands the keyboard back to the button that opened the form.
    expect(focus).toHaveBeenCalled();
    expect(one(host, 'handoff').getAttribute('aria-expanded')).toBe('false');
  });
});

describe('EscalateForm', () => {
  it('opens with the summary prefilled, tiers marked, groups before reps, and sends the edited text', () => {
    const onCommand = vi.fn();
    const host = render(<EscalateForm view={view()} onCommand={onCommand} newId={ids()} locale="en-US" />);
    expect(byTestId(host, 'escalate-summary')).toHaveLength(0);
    fire(one(host, 'escalate'), 'click');
    const summary = one(host, 'escalate-summary') as HTMLTextAreaElement;
    expect(summary.value).toBe(
      [
        'What the customer wants:',
        'My parcel is late',
        '',
        'What was tried:',
        '- Alice Agent (reply): Asked the carrier',
        '',
        'Credits granted:',
        '- $25.00 by Alice Agent (late delivery)',
      ].join('\n'),
    );
    const groups = host.querySelectorAll('optgroup');
    expect(Array.from(groups).map((g) => g.getAttribute('label'))).toEqual(['Groups', 'Reps']);
    expect(Array.from(groups[0]?.querySelectorAll('option') ?? []).map(text)).toEqual([
      'Tier 2 (escalation tier)',
      'Support',
    ]);
    expect(text(host)).toContain('The report back is due within 24 h.');

    const submit = one(host, 'escalate-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    const target = one(host, 'escalate-target') as HTMLSelectElement;
    choose(target, 'group:9001');
    typeInto(summary as unknown as HTMLInputElement, 'Edited summary');
    fire(host.querySelector('form') as HTMLFormElement, 'submit');
    expect(onCommand).toHaveBeenCalledWith({
      kind: 'escalate',
      opId: OP(1),
      toGroupId: '9001',
      summary: 'Edited summary',
    });
  });

  it('escalates to a rep too, and shows a retry with its reason', () => {
    const onCommand = vi.fn();
    const v = view({
      pending: [pending('escalate', 'retrying', OP(9), 'The helpdesk is busy; trying again shortly.')],
      canEscalate: false,
    });
    const host = render(<EscalateForm view={v} onCommand={onCommand} newId={ids()} />);
    expect((one(host, 'escalate') as HTMLButtonElement).disabled).toBe(true);
    expect(text(one(host, 'casework-status'))).toBe(
      'Still trying: The helpdesk is busy; trying again shortly.',
    );
    rerender(host, <EscalateForm view={view()} onCommand={onCommand} newId={ids()} />);
    fire(one(host, 'escalate'), 'click');
    const target = one(host, 'escalate-target') as HTMLSelectElement;
    choose(target, 'agent:22');
    fire(host.querySelector('form') as HTMLFormElement, 'submit');
    expect(onCommand.mock.calls[0]?.[0]).toMatchObject({ kind: 'escalate', toAgentId: '22' });
  });
});

describe('ReportBack', () => {
  const obligation = (over: Partial<NonNullable<CaseworkView['obligation']>> = {}) =>
    view({
      obligation: {
        escalationId: ESC,
        ownerId: '11',
        ownerName: 'Alice',
        dueAt: '2026-03-10T14:00:00Z',
        overdue: false,
        ...over,
      },
    });

  it('shows what the holder owes, and sends a short report that returns the ticket', () => {
    const onCommand = vi.fn();
    const host = render(
      <ReportBack view={obligation()} onCommand={onCommand} newId={ids()} now={NOW} when={UTC} />,
    );
    expect(text(one(host, 'report-back-obligation'))).toBe(
      'You hold an escalation for Alice: report back by 2:00 PM',
    );
    fire(one(host, 'report-back'), 'click');
    const box = one(host, 'report-back-return') as HTMLInputElement;
    // linkedom keeps Preact's `checked` as an attribute.
    expect(box.checked ?? box.hasAttribute('checked')).toBe(true);
    expect(text(box.parentElement as Element)).toBe('Return the ticket to Alice');
    expect((one(host, 'report-back-submit') as HTMLButtonElement).disabled).toBe(true);
    typeInto(one(host, 'report-back-text') as HTMLInputElement, 'Refunded by billing.');
    fire(host.querySelector('form') as HTMLFormElement, 'submit');
    expect(onCommand).toHaveBeenCalledWith({
      kind: 'report-back',
      opId: OP(1),
      escalationId: ESC,
      text: 'Refunded by billing.',
      returnToOwner: true,
    });
  });

  it('can keep the ticket, and says when the report is overdue', () => {
    const onCommand = vi.fn();
    const host = render(
      <ReportBack
        view={obligation({ overdue: true })}
        onCommand={onCommand}
        newId={ids()}
        now={NOW}
        when={UTC}
      />,
    );
    expect(text(one(host, 'report-back-obligation'))).toBe(
      'You hold an escalation for Alice: the report was due 2:00 PM',
    );
    fire(one(host, 'report-back'), 'click');
    const box = one(host, 'report-back-return') as HTMLInputElement;
    box.checked = false;
    fire(box, 'change');
    typeInto(one(host, 'report-back-text') as HTMLInputElement, 'Still on it');
    fire(host.querySelector('form') as HTMLFormElement, 'submit');
    expect(onCommand.mock.calls[0]?.[0]).toMatchObject({ returnToOwner: false });
  });

  it('renders nothing without an obligation', () => {
    const host = render(<ReportBack view={view()} onCommand={vi.fn()} now={NOW} />);
    expect(byTestId(host, 'report-back')).toHaveLength(0);
    expect(host.innerHTML).toBe('');
  });
});

describe('ContinuityBanner', () => {
  it('offers to route this ticket to the owner of the customer’s open case', () => {
    const onCommand = vi.fn();
    const v = view({
      continuity: { ownerId: '11', ownerName: 'Alice', ticketId: '123', subject: 'Late', mine: false },
    });
    const host = render(<ContinuityBanner view={v} onCommand={onCommand} newId={ids()} />);
    expect(text(one(host, 'continuity'))).toContain('Alice owns this customer’s open case #123');
    const button = one(host, 'route-to-owner');
    expect(text(button)).toBe('Assign this ticket to Alice');
    fire(button, 'click');
    expect(onCommand).toHaveBeenCalledWith({ kind: 'route-to-owner', opId: OP(1), ownerId: '11' });
  });

  it('speaks to the rep when the owner is them, and shows a refusal', () => {
    const v = view({
      continuity: { ownerId: '22', ownerName: 'Bob', ticketId: '7', subject: 'x', mine: true },
    });
    const host = render(<ContinuityBanner view={v} onCommand={vi.fn()} refusal="Not allowed" />);
    expect(text(one(host, 'route-to-owner'))).toBe('Assign this ticket to me');
    expect(text(one(host, 'casework-status'))).toBe('Not done: Not allowed');
  });
});

describe('summaryText', () => {
  it('says nothing was tried yet and leaves credits out when there are none', () => {
    expect(summaryText({ wants: 'Help', tried: [], credits: [] })).toBe(
      'What the customer wants:\nHelp\n\nWhat was tried:\n- Nothing yet.',
    );
  });
});
