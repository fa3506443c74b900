/** Firefox gives a content script `content`, the page's own window; Chromium has no such global. */
interface WithPageWindow {
  content?: { fetch?: typeof fetch };
}

/**
 * The fetch that acts as the page. In Firefox a content script's own `fetch` is privileged and
 * sends neither the page's Origin nor its Referer, so a helpdesk's CSRF check may refuse its
 * writes; `content.fetch()` is the page's and does (MDN, quoted at discourse.mozilla.org/t/89733).
 * In Chromium the content script's fetch already acts as the page. The `typeof` check also
 * covers a page element with id="content", which would show up as `window.content`.
 */
export function pageFetch(scope: object = globalThis): typeof fetch {
  const page = (scope as WithPageWindow).content;
  return typeof page?.fetch === 'function' ? page.fetch.bind(page) : fetch;
}
