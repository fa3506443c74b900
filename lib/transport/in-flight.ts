/**
 * The longest a helpdesk request can live: the content script aborts its fetch
 * after this, and the background gives up waiting on it too.
 */
export const REQUEST_TIMEOUT_MS = 25_000;

/**
 * A write claimed by a worker that then died may still be on its way: the
 * helpdesk tab runs it, not the worker. Checking the ticket for our marker
 * before a re-send only proves anything once that write can no longer land,
 * so a claimed write is not retried before this much time has passed.
 */
export const IN_FLIGHT_GUARD_MS = REQUEST_TIMEOUT_MS + 10_000;
