import { afterEach, describe, expect, it } from 'vitest';
import type { AgentLine } from '../../../components/review/AgentSummary';
import { IndexDisagreements } from '../../../components/review/IndexDisagreements';
import { ReviewChart } from '../../../components/review/ReviewChart';
import type { DisagreementItem } from '../../../lib/domain/review/page-data';
import { translations } from '../../../lib/i18n/locale-files';
import { reviewEn } from '../../../lib/i18n/review-catalogue';
import { translatorOf } from '../../../lib/i18n/t';
import { byTestId, mount, one, unmount } from './dom';

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

const grantIds = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

const item = (whys: DisagreementItem['whys'], grants: number): DisagreementItem => ({
  ticket: { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '42' },
  whys,
  grantIds: grantIds(grants),
  agentIds: ['7'],
  at: '2026-03-02T10:00:00Z',
  url: 'https://acme.zendesk.com/agent/tickets/42',
});

const shown = (d: DisagreementItem) => {
  const host = mount(<IndexDisagreements loading={false} disagreements={[d]} names={new Map()} />);
  hosts.push(host);
  return one(host, 'index-disagreement').textContent ?? '';
};

describe('a disagreement between the team index and the notes', () => {
  it('counts grants and index lines in words for one and for many, not "(s)"', () => {
    expect(shown(item(['not-in-index'], 1))).toContain(
      '1 grant in the notes missing from the index (counted from the notes)',
    );
    expect(shown(item(['not-in-index'], 3))).toContain(
      '3 grants in the notes missing from the index (counted from the notes)',
    );
    expect(shown(item(['no-note'], 1))).toContain('1 index line with no trusted note');
    expect(shown(item(['no-note'], 2))).toContain('2 index lines with no trusted note');
  });

  it('takes each language’s plural forms', () => {
    const lookup = (language: string) => (key: string) => translations[language]?.[key] ?? '';
    const de = translatorOf(reviewEn, lookup('de'), 'de');
    expect(de.tp('review_disagreement_not_in_index', 1)).toMatch(/^1 Gutschrift in den Notizen fehlt/);
    expect(de.tp('review_disagreement_not_in_index', 4)).toMatch(/^4 Gutschriften in den Notizen fehlen/);
    const ar = translatorOf(reviewEn, lookup('ar'), 'ar');
    expect(ar.tp('review_disagreement_no_note', 1)).toMatch(/^سطر واحد/);
    expect(ar.tp('review_disagreement_no_note', 2)).toMatch(/^سطران/);
    expect(ar.tp('review_disagreement_no_note', 5)).toMatch(/^5 أسطر/);
    expect(ar.tp('review_disagreement_no_note', 11)).toMatch(/^11 سطرًا/);
    const ja = translatorOf(reviewEn, lookup('ja'), 'ja');
    expect(ja.tp('review_disagreement_no_note', 1)).toContain('1 件');
  });
});

describe('the review chart', () => {
  const line = (name: string, count: number): AgentLine => ({
    agentKey: `a:${name}`,
    agentName: name,
    count,
    total: 500 * count,
    median: 500,
    spread: { min: 500, q1: 500, median: 500, q3: 500, max: 500 },
    solvedShare: null,
    outlier: null,
  });

  it('titles an agent’s bar with one grant or several in words', () => {
    const host = mount(
      <ReviewChart agents={[line('Ada', 1), line('Ben', 4)]} currency="USD" days={[]} timeZone="UTC" />,
    );
    hosts.push(host);
    const titles = byTestId(host, 'review-chart-agent').map((g) => g.querySelector('title')?.textContent);
    expect(titles).toEqual([
      'Ada: 1 grant, $5.00 to $5.00, median $5.00',
      'Ben: 4 grants, $5.00 to $5.00, median $5.00',
    ]);
  });
});
