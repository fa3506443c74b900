// The simulated agent UI: a single-page app laid out like Zendesk's Agent Workspace (Lotus) and
// Freshdesk's ticket view (Ember), with their fixed and absolutely positioned layers (agent-app.css;
// test/sim/README.md says what the layout follows). It navigates with history.pushState, answers
// popstate, renders every helpdesk string with textContent, and only ever replaces elements it
// created itself (a browser extension may have appended its own host element to <body> or <html>).
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
  const FRESHDESK_STATUS = { 2: 'Open', 3: 'Pending', 4: 'Resolved', 5: 'Closed' };
  const statusLabel = (status) =>
    zendesk
      ? status.charAt(0).toUpperCase() + status.slice(1)
      : (FRESHDESK_STATUS[status] ?? `Custom (${status})`);
  let navigations = 0;
  let root = null;
  let agentName = '';
  /** Zendesk keeps every opened ticket mounted as a hidden tab, as the real agent workspace does. */
  const tabs = new Map();
  /** Subjects of the open tabs, for their labels. */
  const tabSubjects = new Map();

  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child);
    return node;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  /** A 24 px outline icon from one path, as both products draw their navigation. */
  function icon(d) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
    return svg;
  }
  const ICONS = {
    home: 'M3 11 12 3l9 8v10h-6v-6H9v6H3z',
    views: 'M4 5h16M4 10h16M4 15h16M4 20h10',
    tickets: 'M4 6h16v4a2 2 0 0 0 0 4v4H4v-4a2 2 0 0 0 0-4z',
    customers:
      'M8 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8zm8 0a3 3 0 1 0 0-6M2 21c0-4 3-6 6-6s6 2 6 6m2-6c3 0 6 2 6 6',
    orgs: 'M4 21V5h10v16M14 9h6v12M7 9h4M7 13h4M7 17h4',
    reports: 'M4 20V10m6 10V4m6 16v-7m6 7H2',
    knowledge: 'M4 4h7a3 3 0 0 1 3 3v13a2 2 0 0 0-2-2H4zm16 0h-4a3 3 0 0 0-3 3',
    admin:
      'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm0-6v3m0 14v3M2 12h3m14 0h3M5 5l2 2m10 10 2 2M5 19l2-2M17 7l2-2',
  };

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

  function navItem(href, label, iconName, sim) {
    const item = href
      ? el('a', { href, 'data-sim-link': '', 'data-sim': sim, class: 'sim-nav__item', title: label })
      : el('span', { class: 'sim-nav__item', title: label });
    item.append(icon(ICONS[iconName]), el('span', { class: 'sim-nav__label', text: label }));
    return item;
  }

  function ticketList(tickets, currentId) {
    const list = el('ul', { 'data-sim': 'requester-tickets', class: 'sim-history' });
    for (const t of tickets) {
      if (t.id === currentId) continue;
      const label = `#${t.id} ${t.subject} (${statusLabel(t.status)}${t.archived ? ', archived' : ''})`;
      list.append(el('li', {}, [link(ticketPath(t.id), label, 'requester-ticket-link')]));
    }
    return list;
  }

  /**
   * The left navigation rail: Zendesk's nav bar (Home, Views, Customers, Organizations, Reporting,
   * Admin) or Freshdesk's sidebar (Dashboard, Tickets, Contacts, Solutions, Analytics, Admin).
   */
  function navRail() {
    const items = zendesk
      ? [
          navItem('/agent/dashboard', 'Home', 'home', 'nav-dashboard'),
          navItem('/agent/filters/1', 'Views', 'views', 'nav-views'),
          navItem(null, 'Customers', 'customers'),
          navItem(null, 'Organizations', 'orgs'),
          navItem(null, 'Reporting', 'reports'),
          navItem(null, 'Admin', 'admin'),
        ]
      : [
          navItem('/a/dashboard/default', 'Dashboard', 'home', 'nav-dashboard'),
          navItem(null, 'Tickets', 'tickets'),
          navItem(null, 'Contacts', 'customers'),
          navItem(null, 'Solutions', 'knowledge'),
          navItem(null, 'Analytics', 'reports'),
          navItem(null, 'Admin', 'admin'),
        ];
    const logo = el('span', { class: 'sim-nav__logo', 'aria-hidden': 'true', text: zendesk ? 'z' : 'f' });
    return el('nav', { 'data-sim': 'nav-rail', class: 'sim-nav', 'aria-label': 'Main' }, [logo, ...items]);
  }

  /** Zendesk's top bar holds the ticket tabs and, on its right, search, apps and the agent; Freshdesk's the page title. */
  function topBar() {
    const tabBar = el('div', { 'data-sim': 'tab-bar', class: 'sim-tabs', role: 'tablist' });
    const tools = el('div', { class: 'sim-topbar__tools' }, [
      el('span', { class: 'sim-search', text: zendesk ? 'Search' : 'Search tickets, contacts…' }),
      ...(zendesk ? [] : [el('span', { class: 'sim-new', text: '+ New' })]),
      el('span', { 'data-sim': 'agent-name', class: 'sim-agent', text: agentName }),
    ]);
    const title = zendesk
      ? []
      : [el('strong', { class: 'sim-topbar__title', 'data-sim': 'page-heading', text: 'Tickets' })];
    return el('header', { 'data-sim': 'topbar', class: 'sim-topbar' }, [...title, tabBar, tools]);
  }

  /** Builds a fresh app root: the SPA re-render that replaces a large part of the page. */
  function freshRoot() {
    const next = el('div', {
      id: 'sim-app',
      'data-sim': 'app',
      'data-render': String(navigations),
      class: `sim-app sim-app--${helpdesk}`,
    });
    const main = el('main', { 'data-sim': 'main', class: 'sim-main' });
    next.append(navRail(), topBar(), main);
    for (const section of tabs.values()) main.append(section);
    if (root?.isConnected) root.replaceWith(next);
    else document.body.append(next);
    root = next;
    return next;
  }

  function tabLink(id) {
    const subject = tabSubjects.get(id);
    const a = link(ticketPath(id), subject ? `${subject} #${id}` : `#${id}`, 'ticket-tab-link');
    a.classList.add('sim-tab');
    a.setAttribute('role', 'tab');
    a.setAttribute('aria-selected', String(root.querySelector('[data-sim-active]')?.dataset.ticketId === id));
    return a;
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
    refreshTabs();
  }

  function refreshTabs() {
    root.querySelector('[data-sim="tab-bar"]').replaceChildren(...[...tabs.keys()].map(tabLink));
  }

  const when = (iso) =>
    new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

  function field(label, value, sim) {
    return el('div', { class: 'sim-prop' }, [
      el('span', { class: 'sim-prop__label', text: label }),
      el('span', { class: 'sim-prop__value', ...(sim ? { 'data-sim': sim } : {}), text: value }),
    ]);
  }

  function comment(c) {
    const kind = c.public ? (c.by_agent ? 'reply' : 'customer') : 'note';
    return el('article', { class: `sim-comment sim-comment--${kind}`, 'data-sim': 'comment' }, [
      el('header', { class: 'sim-comment__head' }, [
        el('strong', { text: c.author_name }),
        el('span', { text: c.public ? '' : zendesk ? ' · Internal note' : ' · Private note' }),
        el('time', { datetime: c.created_at, text: when(c.created_at) }),
      ]),
      el('p', { class: 'sim-comment__body', text: c.body }),
    ]);
  }

  /** The conversation pane: the subject, the thread (replies and notes told apart) and the composer. */
  function conversationPane(data) {
    const t = data.ticket;
    const head = el('div', { class: 'sim-conversation__head' }, [
      el('h1', { 'data-sim': 'ticket-subject', text: t.subject }),
      el('p', { class: 'sim-conversation__meta' }, [
        el('span', {
          'data-sim': 'ticket-status',
          class: `sim-badge sim-badge--${t.status}`,
          text: statusLabel(t.status),
        }),
        el('span', { text: `Via ${t.channel} · ${when(t.created_at)}` }),
      ]),
    ]);
    const log = el('div', { class: 'sim-conversation__log', 'data-sim': 'conversation-log' });
    log.append(...data.comments.map(comment));
    const composer = el('div', { class: 'sim-composer', 'data-sim': 'composer' }, [
      el('div', { class: 'sim-composer__modes' }, [
        el('span', {
          class: 'sim-composer__mode sim-composer__mode--on',
          text: zendesk ? 'Public reply' : 'Reply',
        }),
        el('span', { class: 'sim-composer__mode', text: zendesk ? 'Internal note' : 'Add note' }),
      ]),
      el('div', { class: 'sim-composer__box', text: `Reply to ${data.requester?.name ?? 'the requester'}…` }),
    ]);
    return el('div', { class: 'sim-conversation', 'data-sim': 'conversation' }, [head, log, composer]);
  }

  function requesterCard(data) {
    const r = data.requester;
    return el('div', { class: 'sim-card', 'data-sim': 'requester-card' }, [
      el('h2', { text: zendesk ? 'Customer' : 'Contact details' }),
      el('p', { 'data-sim': 'ticket-requester', text: `Requester: ${r?.name ?? 'unknown'}` }),
      ...(r ? [el('p', { class: 'sim-muted', text: r.email })] : []),
      ...(r
        ? [
            link(
              zendesk ? `/agent/users/${r.id}/requested_tickets` : `/a/contacts/${r.id}`,
              'All tickets of this requester',
              'requester-link',
            ),
          ]
        : []),
    ]);
  }

  /** Zendesk: the ticket's fields on the left of the conversation. */
  function zendeskProperties(data) {
    const t = data.ticket;
    return el(
      'aside',
      { class: 'sim-props', 'data-sim': 'ticket-properties', 'aria-label': 'Ticket properties' },
      [
        field('Requester', data.requester?.name ?? '-'),
        field('Assignee', `${t.group_name ?? 'Support'} / ${t.assignee_name ?? '-'}`, 'ticket-assignee'),
        field('Tags', t.tags.join(' ') || '-'),
        field('Type', t.type ?? '-'),
        field('Priority', t.priority ?? '-'),
      ],
    );
  }

  /** Zendesk's context panel on the right: customer context, interaction history, apps. */
  function zendeskContext(data, id) {
    return el('aside', { class: 'sim-side', 'data-sim': 'context-panel', 'aria-label': 'Context panel' }, [
      requesterCard(data),
      el('div', { class: 'sim-card' }, [
        el('h2', { text: 'Interaction history' }),
        ticketList(data.requester_tickets, id),
      ]),
      el('div', { class: 'sim-card sim-card--apps' }, [
        el('h2', { text: 'Apps' }),
        el('p', { class: 'sim-muted', text: 'No apps installed' }),
      ]),
    ]);
  }

  /** Zendesk's ticket footer: macros and Submit as, across the whole ticket. */
  function zendeskFooter(data) {
    return el('footer', { class: 'sim-footer', 'data-sim': 'ticket-footer' }, [
      el('span', { class: 'sim-btn', text: 'Apply macro' }),
      el('span', { class: 'sim-btn sim-btn--primary', text: `Submit as ${statusLabel(data.ticket.status)}` }),
    ]);
  }

  /** Freshdesk's action bar above the conversation. */
  function freshdeskActions() {
    return el('div', { class: 'sim-actions', 'data-sim': 'ticket-actions' }, [
      ...['Reply', 'Add note', 'Forward', 'Close', 'Merge', 'Delete'].map((label) =>
        el('span', { class: 'sim-btn', text: label }),
      ),
    ]);
  }

  /**
   * Freshdesk's right panel: contact details and recent tickets, then the properties form with the
   * tags as loaded and the page's own Update, which writes back what the page holds
   * (test/sim/freshdesk/page-update.ts).
   */
  function freshdeskProperties(data, id) {
    const t = data.ticket;
    return el('aside', { class: 'sim-side', 'data-sim': 'properties-panel', 'aria-label': 'Properties' }, [
      requesterCard(data),
      el('div', { class: 'sim-card' }, [
        el('h2', { text: 'Recent tickets' }),
        ticketList(data.requester_tickets, id),
      ]),
      el('div', { class: 'sim-card', 'data-sim': 'properties' }, [
        el('h2', { text: 'Properties' }),
        field('Type', t.type ?? '--'),
        field('Status', statusLabel(t.status)),
        field('Priority', t.priority ?? '--'),
        field('Group', t.group_name ?? '--'),
        field('Agent', t.assignee_name ?? '--', 'ticket-assignee'),
        ...updateForm(id, t.tags),
      ]),
    ]);
  }

  async function renderTicket(id) {
    let section = zendesk ? tabs.get(id) : undefined;
    if (!section) {
      section = el('section', {
        'data-sim': 'ticket-view',
        'data-ticket-id': id,
        class: 'sim-ticket',
        ...(zendesk ? { 'data-side-conversations-anchor-id': id } : {}),
      });
      section.append(el('p', { 'data-sim': 'loading', class: 'sim-loading', text: 'Loading…' }));
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
      tabSubjects.set(id, data.ticket.subject);
      section.replaceChildren(
        ...(zendesk
          ? [zendeskProperties(data), conversationPane(data), zendeskContext(data, id), zendeskFooter(data)]
          : [freshdeskActions(), conversationPane(data), freshdeskProperties(data, id)]),
      );
      refreshTabs();
      const heading = root.querySelector('[data-sim="page-heading"]');
      if (heading) heading.textContent = `Tickets › #${id}`;
    } catch (error) {
      section.replaceChildren(
        el('p', { 'data-sim': 'error', class: 'sim-loading', text: String(error.message) }),
      );
    }
  }

  function updateForm(id, tags) {
    const shown = el('p', { 'data-sim': 'ticket-tags', class: 'sim-tags', text: `Tags: ${tags.join(', ')}` });
    const button = el('button', {
      type: 'button',
      'data-sim': 'ticket-update',
      class: 'sim-btn sim-btn--primary',
      text: 'Update',
    });
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
    const section = el('section', { 'data-sim': `${kind}-view`, class: 'sim-page' });
    section.append(
      el('h1', {
        'data-sim': 'page-title',
        text: kind === 'user' ? 'Requester' : kind === 'filter' ? 'Views' : 'Dashboard',
      }),
    );
    show(section);
    const heading = root.querySelector('[data-sim="page-heading"]');
    if (heading) heading.textContent = kind === 'user' ? 'Contacts' : 'Dashboard';
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
      agentName = `Signed in as ${name}`;
      const slot = root?.querySelector('[data-sim="agent-name"]');
      if (slot) slot.textContent = agentName;
    })
    .catch(() => {});
  render();
})();
