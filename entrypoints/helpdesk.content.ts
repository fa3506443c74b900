import { acceptFromBackground } from '@/lib/content/accept';
import { csrfTokens } from '@/lib/content/csrf';
import { loadDockState, saveDockState } from '@/lib/content/dock-state';
import { mountSidebar, type SidebarMount } from '@/lib/content/mount-sidebar';
import { sessionFetch } from '@/lib/content/session-fetch';
import { contentMatches } from '@/lib/helpdesks/registry';
import { helpdeskHere } from '@/lib/hosts/page-here';
import { connectPort } from '@/lib/messaging/port-client';
import { PORT } from '@/lib/messaging/ports/names';
import type { BackgroundToContent, ContentToBackground } from '@/lib/messaging/protocol';

export default defineContentScript({
  matches: contentMatches(),
  async main(ctx) {
    // Also registered on custom hosts (lib/hosts/runtime.ts), which the manifest cannot name.
    const here = await helpdeskHere(location.hostname);
    if (!here) return;
    const { page } = here;
    const csrf = csrfTokens(page.csrf);
    const dock = await loadDockState();
    let sidebar: SidebarMount | null = null;

    const port = connectPort<BackgroundToContent, ContentToBackground>({
      name: PORT.content,
      alive: () => ctx.isValid,
      accept: acceptFromBackground,
      onConnect: (send) => send({ type: 'location', url: location.href }),
      onMessage: (message) => {
        if (message.type === 'collapse') return sidebar?.setCollapsed(true);
        sessionFetch(message.request, { allows: page.allows, csrf })
          .then((response) => port.send({ type: 'http-result', id: message.id, response, error: null }))
          .catch((error: unknown) =>
            port.send({ type: 'http-result', id: message.id, response: null, error: String(error) }),
          );
      },
    });

    const follow = (url: string) => {
      port.send({ type: 'location', url });
      const ticket = here.match(url);
      if (ticket) {
        if (!sidebar) {
          sidebar = mountSidebar({ initial: dock, onChange: saveDockState });
          // Fetched ahead, so a credit's write does not wait one more round trip for it.
          requestIdleCallback(() => void csrf.current());
        }
        sidebar.show();
        sidebar.locate(ticket);
      } else {
        sidebar?.hide();
      }
    };

    follow(location.href);
    ctx.addEventListener(window, 'wxt:locationchange', (event) => follow(event.newUrl.href));
    // The sidebar goes first: in an orphaned script even closing the port can throw.
    const teardown = () => {
      sidebar?.remove();
      port.close();
    };
    ctx.onInvalidated(teardown);
    // An orphaned script (extension reloaded or updated) must take its sidebar away even when
    // no event reaches WXT's onInvalidated: a plain timer also asks.
    const watchdog = setInterval(() => {
      if (!ctx.isInvalid) return;
      clearInterval(watchdog);
      teardown();
    }, 2_000);
  },
});
