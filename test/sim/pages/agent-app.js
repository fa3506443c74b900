// The simulated agent UI: a small single-page app like Zendesk's (Lotus) and Freshdesk's (Ember).
// It navigates with history.pushState, answers popstate, renders every helpdesk string with
// textContent, and only ever replaces elements it created itself (a browser extension may have
// appended its own host element to <body> or <html>).
(() => {
  const helpdesk = document.documentElement.dataset.simHelpdesk;
  const zendesk = helpdesk === 'zendesk';
  const ticketPath = (id) => (zendesk ? `/agent/tickets/${id}` : `/a/tickets/${id}`);
  const api = {
    ticket: (id) => (zendesk ? `/api/lotus/tickets/${id}` : `/api/_/tickets/${id}`),
    user: (id) => (zendesk ? `/api/lotus/users/${id}` : `/api/_/contacts/${id}`),
    dashboard: () => (zendesk ? '/api/lotus/dashboard' : '/api/_/dashboard'),
    me: () => (zendesk ? '/api/lotus/me' : '/api/_/bootstrap/me'),
  };
  let navigations = 0;
  let root = null;
  /** Zendesk keeps every opened ticket mounted as a hidden tab, as the real agent workspace does. */
  const tabs = new Map();

  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function route(pathname) {
    let m = pathname.match(/^\/agent\/tickets\/(\d+)/) || pathname.match(/^\/(?:a|helpdesk)\/tickets\/(\d+)/);
    if (m) return { view: 'ticket', id: m[1] };
    m = pathname.match(/^\/agent\/users\/(\d+)/) || pathname.match(/^\/a\/contacts\/(\d+)/);
    if (m) return { view: 'user', id: m[1] };
    if (/^\/agent\/filters\/\d+/.test(pathname)) return { view: 'filter' };
    return { view: 'dashboard' };
  }

  async function getJson(url) {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }

  function link(href, text, sim) {
    return el('a', { href, 'data-sim-link': '', 'data-sim': sim, text });
  }

  function ticketList(tickets, currentId) {
    const list = el('ul', { 'data-sim': 'requester-tickets' });
    for (const t of tickets) {
      if (t.id === currentId) continue;
      const label = `#${t.id} ${t.subject} (${t.status}${t.archived ? ', archived' : ''})`;
      list.append(el('li', {}, [link(ticketPath(t.id), label, 'requester-ticket-link')]));
    }
    return list;
  }

  /** Builds a fresh app root: the SPA re-render that replaces a large part of the page. */
  function freshRoot() {
    const next = el('div', { id: 'sim-app', 'data-sim': 'app', 'data-render': String(navigations) });
    const nav = el('nav', { 'data-sim': 'topbar' }, [
      el('strong', { text: zendesk ? 'Acme Support' : 'Acme Helpdesk' }),
      ' ',
      link(zendesk ? '/agent/dashboard' : '/a/dashboard/default', 'Dashboard', 'nav-dashboard'),
      ' ',
      ...(zendesk ? [link('/agent/filters/1', 'Views', 'nav-views'), ' '] : []),
      el('span', {
        'data-sim': 'agent-name',
        text: root?.querySelector('[data-sim="agent-name"]')?.textContent ?? '',
      }),
    ]);
    const tabBar = el('div', { 'data-sim': 'tab-bar' });
    const main = el('main', { 'data-sim': 'main' });
    next.append(nav, tabBar, main);
    for (const section of tabs.values()) main.append(section);
    if (root?.isConnected) root.replaceWith(next);
    else document.body.append(next);
    root = next;
    return next;
  }

  function show(section) {
    const main = root.querySelector('[data-sim="main"]');
    for (const child of main.children) {
      const active = child === section;
      child.hidden = !active;
      child.toggleAttribute('data-sim-active', active);
    }
    if (section && section.parentElement !== main) main.append(section);
    if (section) {
      section.hidden = false;
      section.setAttribute('data-sim-active', '');
    }
    const bar = root.querySelector('[data-sim="tab-bar"]');
    bar.replaceChildren(...[...tabs.keys()].map((id) => link(ticketPath(id), `#${id}`, 'ticket-tab-link')));
  }

  async function renderTicket(id) {
    let section = zendesk ? tabs.get(id) : undefined;
    if (!section) {
      section = el('section', {
        'data-sim': 'ticket-view',
        'data-ticket-id': id,
        ...(zendesk ? { 'data-side-conversations-anchor-id': id } : {}),
      });
      section.append(el('p', { 'data-sim': 'loading', text: 'Loading…' }));
      if (zendesk) tabs.set(id, section);
    }
    if (!zendesk) {
      for (const old of tabs.values()) old.remove();
      tabs.clear();
      tabs.set(id, section);
    }
    show(section);
    try {
      const data = await getJson(api.ticket(id));
      section.replaceChildren(
        el('h1', { 'data-sim': 'ticket-subject', text: data.ticket.subject }),
        el('p', { 'data-sim': 'ticket-status', text: `Status: ${data.ticket.status}` }),
        el('p', { 'data-sim': 'ticket-requester', text: `Requester: ${data.requester?.name ?? 'unknown'}` }),
        el('p', { 'data-sim': 'ticket-assignee', text: `Assignee: ${data.ticket.assignee_name ?? '-'}` }),
        ...(zendesk ? [] : updateForm(id, data.ticket.tags)),
        el('h2', { text: 'Requester’s other tickets' }),
        ticketList(data.requester_tickets, id),
        ...(data.requester
          ? [
              link(
                zendesk
                  ? `/agent/users/${data.requester.id}/requested_tickets`
                  : `/a/contacts/${data.requester.id}`,
                'All tickets of this requester',
                'requester-link',
              ),
            ]
          : []),
      );
    } catch (error) {
      section.replaceChildren(el('p', { 'data-sim': 'error', text: String(error.message) }));
    }
  }

  /**
   * Freshdesk's properties form: the tags as loaded and the page's own Update, which
   * writes back what the page holds (test/sim/freshdesk/page-update.ts).
   */
  function updateForm(id, tags) {
    const shown = el('p', { 'data-sim': 'ticket-tags', text: `Tags: ${tags.join(', ')}` });
    const button = el('button', { type: 'button', 'data-sim': 'ticket-update', text: 'Update' });
    button.addEventListener('click', async () => {
      const response = await fetch(api.ticket(id), {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tags }),
      });
      button.dataset.simStatus = String(response.status);
    });
    return [shown, button];
  }

  async function renderList(kind, id) {
    const section = el('section', { 'data-sim': `${kind}-view` });
    section.append(
      el('h1', {
        'data-sim': 'page-title',
        text: kind === 'user' ? 'Requester' : kind === 'filter' ? 'Views' : 'Dashboard',
      }),
    );
    show(section);
    try {
      const data = await getJson(kind === 'user' ? api.user(id) : api.dashboard());
      if (data.user) section.append(el('p', { 'data-sim': 'user-name', text: data.user.name }));
      section.append(ticketList(data.tickets, null));
    } catch (error) {
      section.append(el('p', { 'data-sim': 'error', text: String(error.message) }));
    }
  }

  async function render() {
    navigations++;
    const where = route(location.pathname);
    // Every third navigation re-renders the whole app, as Ember and Lotus do on some transitions.
    if (!root?.isConnected || navigations % 3 === 0) freshRoot();
    if (where.view === 'ticket') await renderTicket(where.id);
    else {
      if (!zendesk) {
        for (const old of tabs.values()) old.remove();
        tabs.clear();
      }
      await renderList(where.view, where.id);
    }
    document.title = `${zendesk ? 'Zendesk' : 'Freshdesk'} · ${location.pathname}`;
    document.documentElement.dataset.simRendered = String(navigations);
  }

  document.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a[data-sim-link]') : null;
    if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    history.pushState({ sim: true }, '', a.getAttribute('href'));
    render();
  });
  window.addEventListener('popstate', () => render());
  window.simNavigate = (path) => {
    history.pushState({ sim: true }, '', path);
    return render();
  };

  getJson(api.me())
    .then((me) => {
      const name = (me.agent ?? me.user)?.name ?? me.agent?.contact?.name ?? '';
      const slot = root?.querySelector('[data-sim="agent-name"]');
      if (slot) slot.textContent = `Signed in as ${name}`;
    })
    .catch(() => {});
  render();
})();
