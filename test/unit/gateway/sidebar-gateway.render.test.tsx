import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreditPanel } from '../../../components/credit/CreditPanel';
import type { CreditView } from '../../../lib/domain/snapshot';
import { creditView, grant, NOW, ready } from '../components/credit.fixtures';
import { byTestId, mount, one, unmount } from '../components/dom';

const UTC = { locale: 'en-US', timeZone: 'UTC' };
const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) unmount(host);
});

const render = (credit: CreditView) => {
  const host = mount(
    <CreditPanel
      state={ready(credit)}
      helpdesk="zendesk"
      now={NOW}
      onRetry={vi.fn()}
      onGrant={vi.fn()}
      onUndo={vi.fn()}
      when={UTC}
    />,
  );
  hosts.push(host);
  return host;
};

const policy = (enforced?: boolean): CreditView['policy'] => ({
  source: 'managed',
  ...(enforced === undefined ? {} : { enforced }),
  presets: [500],
  reasons: ['Late delivery'],
  undoSeconds: 5,
});

describe('the credit panel and the credit gateway', () => {
  it('without a gateway says, in one line with a title, that the limits are advisory', () => {
    const host = render(creditView({ policy: policy(false) }));
    const line = one(host, 'credit-advisory');
    expect(line.textContent).toContain('Limits advisory (no gateway)');
    expect(line.getAttribute('title')).toBe('Checked only in this browser.');
  });

  it('with a gateway says nothing of the kind', () => {
    const host = render(creditView({ policy: policy(true) }));
    expect(byTestId(host, 'credit-advisory')).toEqual([]);
  });

  it('shows a credited grant with the executor’s reference', () => {
    const host = render(
      creditView({ policy: policy(true), grants: [grant({ credited: 'Credited (cbtxn_1Q2w3E).' })] }),
    );
    const row = one(host, 'grant-status');
    expect(row.className).toContain('fl-grantrow--good');
    expect(row.textContent).toMatch(/Recorded .*Credited \(cbtxn_1Q2w3E\)\./);
  });

  it('shows a credit still pending, and a refusal, in the background’s words', () => {
    const host = render(
      creditView({
        grants: [
          grant({ error: 'Counted by the credit gateway; the credit is pending.' }),
          grant({
            id: '00000000-0000-4000-8000-000000000002',
            state: 'failed',
            error: 'Refused by the credit gateway: Over your weekly limit.',
          }),
        ],
      }),
    );
    const text = byTestId(host, 'grant-status').map((row) => row.textContent);
    expect(text.join('|')).toMatch(/Recorded .*the credit is pending/);
    expect(text.join('|')).toContain('Failed: Refused by the credit gateway: Over your weekly limit.');
  });
});
