import type { Page } from '@playwright/test';

/**
 * What a naive sidebar does for one ticket: every request in sequence, no
 * cache, no parallelism (ticket → requester → requested tickets page by page
 * → comments → audits). Runs in the helpdesk page, same origin, with the
 * agent's session, so it pays exactly the round trips Frontline pays.
 * A source string, not a function: tsx would wrap inner functions in a
 * `__name` helper the page does not have.
 */
export function naiveColdView(page: Page, ticketId: string): Promise<{ first: number; full: number }> {
  return page.evaluate(`(async () => {
    const get = async (path) => (await fetch(path, { credentials: 'same-origin' })).json();
    const started = performance.now();
    const { ticket } = await get('/api/v2/tickets/${ticketId}.json');
    await get('/api/v2/users/' + ticket.requester_id + '.json');
    const first = performance.now() - started;
    let next = '/api/v2/users/' + ticket.requester_id + '/tickets/requested.json?page[size]=100';
    while (next) {
      const body = await get(next);
      next = body.meta.has_more
        ? '/api/v2/users/' + ticket.requester_id + '/tickets/requested.json?page[size]=100&page[after]=' + body.meta.after_cursor
        : null;
    }
    await get('/api/v2/tickets/${ticketId}/comments.json');
    await get('/api/v2/tickets/${ticketId}/audits.json');
    return { first, full: performance.now() - started };
  })()`);
}
