import { afterEach, describe, expect, it } from 'vitest';
import { AuthorityMeter } from '../../../components/credit/AuthorityMeter';
import { CreditPanel } from '../../../components/credit/CreditPanel';
import type { AgentLine } from '../../../components/review/AgentSummary';
import { ReviewChart } from '../../../components/review/ReviewChart';
import { Section } from '../../../components/Section';
import type { ApprovalView, CreditView, GrantView, SectionError } from '../../../lib/domain/snapshot';
import { authority, creditView, grant, NOW, ready } from './credit.fixtures';
import { byTestId, mount, one, rerender, unmount } from './dom';

/** Issue 18's accessibility findings that live in the components: live regions and words beside colour. */

const UTC = { locale: 'en-US', timeZone: 'UTC' };
const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});
const keep = (host: HTMLElement) => {
  hosts.push(host);
  return host;
};
const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

const panel = (grants: GrantView[], now = NOW) => (
  <CreditPanel
    state={ready<CreditView>(creditView({ grants }))}
    helpdesk="zendesk"
    now={now}
    onRetry={() => {}}
    onGrant={async () => ({ ok: true })}
    onUndo={() => {}}
    when={UTC}
  />
);

describe('the grant live region', () => {
  it('is in the page before any grant, and its words follow the newest grant from pending to recorded, never the countdown', () => {
    const host = keep(mount(panel([])));
    const live = one(host, 'grant-progress-live');
    expect(live.getAttribute('role')).toBe('status');
    expect(text(live)).toBe('');
    const said: string[] = [];
    const pending = grant({ state: 'pending', undoUntil: NOW + 5_000, at: new Date(NOW).toISOString() });
    for (const [g, now] of [
      [pending, NOW],
      [pending, NOW + 1_000],
      [pending, NOW + 2_000],
      [{ ...pending, state: 'committing' as const, undoUntil: null }, NOW + 6_000],
      [{ ...pending, state: 'recorded' as const, undoUntil: null }, NOW + 7_000],
    ] as const) {
      rerender(host, panel([g], now));
      const heard = text(one(host, 'grant-progress-live'));
      if (said.at(-1) !== heard) said.push(heard);
    }
    expect(said).toEqual([
      'Credit of $25.00 pending: you can undo it until the countdown ends',
      'Recording the credit of $25.00 in Zendesk',
      'Credit of $25.00 recorded in Zendesk',
    ]);
    // The same element all along: a region replaced with its text would not be announced.
    expect(one(host, 'grant-progress-live')).toBe(live);
  });

  it('says an undone grant recorded nothing, and a failed one at once in the alert region', () => {
    const host = keep(mount(panel([grant({ state: 'undone' })])));
    expect(text(one(host, 'grant-progress-live'))).toBe('Credit of $25.00 undone: nothing was recorded');
    rerender(host, panel([grant({ state: 'failed', error: 'Zendesk refused the note (422)' })]));
    const alert = one(host, 'grant-failure-live');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(text(alert)).toBe('Credit of $25.00 failed: Zendesk refused the note (422)');
    expect(text(one(host, 'grant-progress-live'))).toBe('');
  });

  it('the undo countdown is in no live region, so its seconds are not re-read every second', () => {
    const host = keep(mount(panel([grant({ state: 'pending', undoUntil: NOW + 5_000 })])));
    let el: Element | null = one(host, 'grant-undo');
    while (el) {
      expect(el.getAttribute('aria-live'), el.className).toBeNull();
      expect(['status', 'alert', 'log']).not.toContain(el.getAttribute('role'));
      el = el.parentElement;
    }
  });
});

describe('the approval request live region', () => {
  const request = (state: ApprovalView['state'], over: Partial<ApprovalView> = {}): ApprovalView => ({
    id: 'req-1',
    amount: 3100,
    currency: 'USD',
    reason: 'Late delivery',
    state,
    note: null,
    ...over,
  });
  const withApprovals = (approvals: ApprovalView[], grants: GrantView[] = [], now = NOW) => (
    <CreditPanel
      state={ready<CreditView>(creditView({ approvals, grants }))}
      helpdesk="zendesk"
      now={now}
      onRetry={() => {}}
      onGrant={async () => ({ ok: true })}
      onRequestApproval={async () => ({ ok: true })}
      when={UTC}
    />
  );
  /** What a screen reader hears: the live regions' words each time they change to something. */
  const listen = (host: HTMLElement) => {
    const said: string[] = [];
    let last = '';
    return {
      said,
      check() {
        const heard = [one(host, 'approval-progress-live'), one(host, 'approval-failure-live')]
          .map(text)
          .filter((words) => words !== '')
          .join(' | ');
        if (heard !== last && heard !== '') said.push(heard);
        last = heard;
      },
    };
  };

  it('says each step of a request once, from sent to the decision, and not again while the panel re-renders', () => {
    const host = keep(mount(withApprovals([])));
    const progress = one(host, 'approval-progress-live');
    expect(progress.getAttribute('role')).toBe('status');
    expect(one(host, 'approval-failure-live').getAttribute('role')).toBe('alert');
    const ear = listen(host);
    const pending = grant({ state: 'pending', undoUntil: NOW + 5_000, at: new Date(NOW).toISOString() });
    for (const [approvals, now] of [
      [[request('sending')], NOW],
      [[request('pending')], NOW + 1_000],
      [[request('pending')], NOW + 2_000],
      [[request('approved')], NOW + 3_000],
      [[request('approved')], NOW + 4_000],
    ] as const) {
      rerender(host, withApprovals([...approvals], [pending], now));
      ear.check();
    }
    expect(ear.said).toEqual([
      'Sending the approval request for $31.00',
      'Approval request for $31.00 sent: waiting for a decision',
      'Approval request for $31.00 approved',
    ]);
    // The same element all along: a region replaced with its text would not be announced.
    expect(one(host, 'approval-progress-live')).toBe(progress);
  });

  it('says a decline with the approver’s note, and a failed request at once in the alert region', () => {
    const host = keep(mount(withApprovals([request('pending')])));
    rerender(host, withApprovals([request('declined', { note: 'Not for this plan' })]));
    expect(text(one(host, 'approval-progress-live'))).toBe(
      'Approval request for $31.00 declined: Not for this plan',
    );
    rerender(
      host,
      withApprovals([
        request('declined', { note: 'Not for this plan' }),
        request('failed', { id: 'req-2', amount: 500, note: 'Zendesk refused the note (422)' }),
      ]),
    );
    expect(text(one(host, 'approval-failure-live'))).toBe(
      'Approval request for $5.00 failed: Zendesk refused the note (422)',
    );
    expect(text(one(host, 'approval-progress-live'))).toBe('');
  });

  it('does not announce what the panel already showed when it opened', () => {
    const host = keep(mount(withApprovals([request('approved'), request('failed', { id: 'req-2' })])));
    expect(text(one(host, 'approval-progress-live'))).toBe('');
    expect(text(one(host, 'approval-failure-live'))).toBe('');
  });

  it('the rows show the request’s state but are not live, so nothing is said twice', () => {
    const host = keep(mount(withApprovals([])));
    rerender(host, withApprovals([request('pending')]));
    const row = one(host, 'approval-status');
    expect(text(row)).toContain('Waiting for approval');
    let el: Element | null = row;
    while (el) {
      expect(el.getAttribute('aria-live'), el.className).toBeNull();
      expect(['status', 'alert', 'log']).not.toContain(el.getAttribute('role'));
      el = el.parentElement;
    }
    for (const inner of row.querySelectorAll('*')) {
      expect(inner.getAttribute('aria-live')).toBeNull();
      expect(['status', 'alert', 'log']).not.toContain(inner.getAttribute('role'));
    }
  });
});

describe('a section error', () => {
  const ERROR: SectionError = { message: 'Zendesk failed (500)', status: 500, retryable: true };
  const section = (data: string | null, error: SectionError | null) => (
    <Section
      testId="s"
      title="Owner"
      state={{ data, refreshing: false, error, updatedAt: null }}
      onRetry={() => {}}
    >
      {(d) => <p>{d}</p>}
    </Section>
  );

  it('arrives in a live region already in the page: polite over cached data, assertive when the section has nothing', () => {
    const host = keep(mount(section('Ada', null)));
    const live = one(host, 'section-live');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(byTestId(host, 'section-error')).toHaveLength(0);
    rerender(host, section('Ada', ERROR));
    expect(one(host, 'section-live')).toBe(live);
    expect(text(live)).toContain('Zendesk failed');
    rerender(host, section(null, ERROR));
    expect(one(host, 'section-live').getAttribute('aria-live')).toBe('assertive');
  });
});

describe('colour is not the only signal', () => {
  const meter = (remaining: number) =>
    keep(
      mount(
        <AuthorityMeter
          authority={authority({ periodBudget: 10_000, remainingThisPeriod: remaining })}
          now={NOW}
          clock={UTC}
        />,
      ),
    );

  it('the meter says running low and nothing left in words beside the bar', () => {
    expect(byTestId(meter(8_000), 'authority-state')).toHaveLength(0);
    expect(text(one(meter(2_000), 'authority-state'))).toContain('Running low');
    expect(text(one(meter(0), 'authority-state'))).toContain('Nothing left this period');
  });

  it('the review chart marks an outlier with a shape and says it in the row title', () => {
    const line = (name: string, total: number, outlier: AgentLine['outlier']): AgentLine => ({
      agentKey: `a:${name}`,
      agentName: name,
      count: 1,
      total,
      median: total,
      spread: { min: total, q1: total, median: total, q3: total, max: total },
      solvedShare: null,
      outlier,
    });
    const host = keep(
      mount(
        <ReviewChart
          agents={[line('Ada', 500, null), line('Sara', 90_000, 'high')]}
          currency="USD"
          days={[]}
          timeZone="UTC"
        />,
      ),
    );
    const [ada, sara] = byTestId(host, 'review-chart-agent') as [HTMLElement, HTMLElement];
    expect(byTestId(ada, 'review-chart-flag')).toHaveLength(0);
    expect(text(one(sara, 'review-chart-flag'))).toBe('▲');
    expect(text(sara.querySelector('title')!)).toContain('far above the team');
  });
});
