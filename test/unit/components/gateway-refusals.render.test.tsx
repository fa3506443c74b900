import { afterEach, describe, expect, it } from 'vitest';
import { GatewayRefusals } from '../../../components/review/GatewayRefusals';
import type { RefusalItem } from '../../../lib/domain/review/page-data';
import { mount, one, unmount } from './dom';

const HOSTILE = '<img src=x onerror="alert(1)">';

/** A refused grant of $990.00 by Rey Rep on ticket 102, its message hostile; `over` changes what a test needs. */
const refusal = (over: Partial<RefusalItem> = {}): RefusalItem => ({
  grantId: '22222222-2222-4222-8222-222222222222',
  ticket: { helpdesk: 'zendesk', account: 'acme.zendesk.com', id: '102' },
  url: 'https://acme.zendesk.com/agent/tickets/102',
  agentId: '7',
  agentName: 'Rey Rep',
  amount: 99_000,
  currency: 'USD',
  code: 'author-mismatch',
  message: HOSTILE,
  at: '2026-12-02T09:00:00.000Z',
  ...over,
});

let host: HTMLElement | null = null;
afterEach(() => {
  if (host) unmount(host);
  host = null;
});

describe('GatewayRefusals', () => {
  it('names each refused grant with its ticket, code and why, in the manager’s words', () => {
    host = mount(<GatewayRefusals refusals={[refusal()]} />);
    const item = one(host, 'gateway-refusal');
    expect(item.getAttribute('data-code')).toBe('author-mismatch');
    expect(item.textContent).toContain('Ticket #102: a grant naming Rey Rep ($990.00');
    expect(item.textContent).toContain('The credit note was not written by the agent it names.');
  });

  it('shows the gateway’s message, as text, for a code this page does not know', () => {
    host = mount(
      <GatewayRefusals
        refusals={[refusal({ agentId: null, agentName: null, amount: null, code: 'something-new' })]}
      />,
    );
    const item = one(host, 'gateway-refusal');
    expect(item.textContent).toContain(HOSTILE);
    expect(item.querySelector('img')).toBeNull();
  });

  it('says when the gateway refused nothing', () => {
    host = mount(<GatewayRefusals refusals={[]} />);
    expect(one(host, 'gateway-refusals').textContent).toContain('refused no grant');
  });
});
