import { afterEach, describe, expect, it, vi } from 'vitest';
import { RetroStack } from '../../../components/review/RetroStack';
import { ReviewPage } from '../../../components/review/ReviewPage';
import type { LoadedReview as Loaded } from '../../../lib/domain/review/page-data';
import { INITIAL_STATE, type ReviewState } from '../../../lib/domain/review/page-state';
import { row } from '../review/row';
import { byTestId, fire, mount, one, rerender, unmount } from './dom';

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

const actions = {
  load: vi.fn(),
  approve: vi.fn(),
  decline: vi.fn(),
  conversation: vi.fn(),
  coach: vi.fn(),
};

/** Five agents: four give a few small credits, one gives far more. */
const ROWS = [
  ...['10', '20', '30', '40'].flatMap((agentId, i) =>
    [300, 500, 700].map((amount) => row({ agentId, agentName: `Agent ${agentId}`, amount: amount + i * 10 })),
  ),
  ...[2000, 2500, 2500, 3000].map((amount) => row({ agentId: '50', agentName: 'Generous', amount })),
];

const loaded = (over: Partial<Loaded> = {}): Loaded => ({
  type: 'loaded',
  start: Date.parse('2026-11-16T00:00:00Z'),
  end: Date.parse('2026-11-23T00:00:00Z'),
  timeZone: 'UTC',
  partial: false,
  rows: ROWS,
  counts: [{ agentKey: 'acme.zendesk.com:10', solved: 8, withGrant: 2 }],
  queue: [],
  suspects: [],
  disagreements: [],
  errors: [],
  tickets: 16,
  read: 3,
  missed: 0,
  ms: 1234,
  ...over,
});

const state = (data: Loaded | null, over: Partial<ReviewState> = {}): ReviewState => ({
  ...INITIAL_STATE,
  data,
  ...over,
});

const render = (s: ReviewState) => {
  const host = mount(<ReviewPage state={s} actions={actions} />);
  hosts.push(host);
  return host;
};

describe('review page', () => {
  it('draws each agent’s distribution and flags the one far above the team', () => {
    const host = render(state(loaded()));
    const agents = byTestId(one(host, 'review-chart'), 'review-chart-agent');
    expect(agents.map((g) => g.dataset.agent)).toEqual([
      'Generous',
      'Agent 40',
      'Agent 30',
      'Agent 20',
      'Agent 10',
    ]);
    expect(agents.map((g) => g.dataset.outlier)).toEqual(['high', 'no', 'no', 'no', 'no']);
    expect(agents[0]!.dataset.median).toBe('2500');
    // Whiskers, box and median line per agent.
    expect(agents[0]!.querySelectorAll('line')).toHaveLength(4);
    expect(agents[0]!.querySelector('rect')?.getAttribute('class')).toContain('fl-review__bar--high');
    expect(byTestId(host, 'review-daily-chart')).toHaveLength(1);
  });

  it('shows the share of solved cases where the helpdesk counted them, and says how', () => {
    const host = render(state(loaded()));
    const summary = one(host, 'review-agent-summary');
    const ada = byTestId(summary, 'review-agent').find((r) => r.dataset.agent === 'Agent 10')!;
    expect(ada.dataset.share).toBe('0.25');
    expect(ada.textContent).toContain('25 %');
    expect(summary.textContent).toContain('Solved cases: solved or closed cases assigned to the agent');
    expect(summary.textContent).toContain('Flagged: outside Q1');
  });

  it('paints the cached period while the helpdesk is read: queue and counts pending, not empty', () => {
    const host = render(state(loaded({ partial: true, counts: [] }), { loading: true }));
    expect(one(host, 'review-status').textContent).toContain('16 grants so far; reading the helpdesk…');
    expect(one(host, 'approval-queue').textContent).toContain('Loading…');
    expect(one(host, 'approval-queue').textContent).not.toContain('No requests');
    expect(one(host, 'review-agent-summary').textContent).toContain('counting…');
    expect(byTestId(host, 'review-row')).toHaveLength(ROWS.length);
  });

  it('says how much was read again and what search could not list', () => {
    const host = render(state(loaded({ missed: 42 })));
    const status = one(host, 'review-status').textContent ?? '';
    expect(status).toContain('16 grants from 16 tickets (3 read again), loaded in 1.2 s.');
    expect(status).toContain('42 tagged tickets were beyond');
  });
});

describe('retrospective stack', () => {
  it('keeps the card it shows while more solved cases arrive, and Next moves on', () => {
    const onOpen = vi.fn();
    const a = row({ ticketId: '1', solved: true });
    const b = row({ ticketId: '2', solved: true });
    const props = { conversation: null, coached: {}, onOpen, onCoach: vi.fn() };
    const host = mount(<RetroStack rows={[a]} {...props} />);
    hosts.push(host);
    expect(one(host, 'retro-stack').dataset.grant).toBe(a.grantId);
    // A later chunk puts another case first: the manager's card stays.
    rerender(host, <RetroStack rows={[b, a]} {...props} />);
    expect(one(host, 'retro-stack').dataset.grant).toBe(a.grantId);
    expect(onOpen).toHaveBeenCalledTimes(1);
    fire(one(host, 'retro-next'), 'click');
    expect(one(host, 'retro-stack').dataset.grant).toBe(b.grantId);
    expect(onOpen).toHaveBeenLastCalledWith({ helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '2' });
  });

  it('shows the conversation and, as the resolution, the team’s last public reply', () => {
    const a = row({ ticketId: '1', solved: true });
    const line = (author: string, text: string, over = {}) => ({
      author,
      text,
      public: true,
      fromCustomer: false,
      at: '2026-11-20T10:00:00.000Z',
      ...over,
    });
    const conversation = {
      ticketId: '1',
      error: null,
      lines: [
        line('Customer', 'My parcel is late', { fromCustomer: true }),
        line('Ada', 'Credited $5 and re-shipped.'),
        line('Ada', 'Internal: carrier lost it', { public: false }),
        line('Customer', 'Thanks!', { fromCustomer: true }),
      ],
    };
    const host = mount(
      <RetroStack rows={[a]} conversation={conversation} coached={{}} onOpen={vi.fn()} onCoach={vi.fn()} />,
    );
    hosts.push(host);
    expect(host.querySelectorAll('.fl-review__conversation li')).toHaveLength(4);
    const resolution = one(host, 'retro-resolution').textContent ?? '';
    expect(resolution).toContain('solved after Ada’s reply');
    expect(resolution).toContain('Credited $5 and re-shipped.');
    expect(resolution).not.toContain('carrier');
  });
});
