import { readFileSync } from 'node:fs';
import type { Helpdesk } from '../data/model';
import { escapeHtml } from '../data/text';
import { type Reply, text } from '../http/reply';

export const APP_SCRIPT_PATH = '/sim-assets/agent-app.js';

/** Like the real Freshdesk: no inline scripts, so page code must come from files. */
export const AGENT_CSP = "script-src 'self'; object-src 'none'; base-uri 'self'";

const appScript = readFileSync(new URL('./agent-app.js', import.meta.url), 'utf8');
/** Inline: the agent pages' CSP (AGENT_CSP) restricts scripts only. */
const appStyle = readFileSync(new URL('./agent-app.css', import.meta.url), 'utf8');

export function appScriptReply(): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' },
    body: appScript,
  };
}

function page(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${head}</head>
<body>${body}</body>
</html>`;
}

/** The agent app's shell: the script fills `<body>`; Freshdesk also carries its CSRF token in a meta tag. */
export function agentShell(helpdesk: Helpdesk, csrf: string): Reply {
  const html = `<!doctype html>
<html lang="en" data-sim-helpdesk="${helpdesk}">
<head>
<meta charset="utf-8">
<meta name="csrf-token" content="${escapeHtml(csrf)}">
<title>${helpdesk === 'zendesk' ? 'Zendesk' : 'Freshdesk'} agent</title>
<style>${appStyle}</style>
<script src="${APP_SCRIPT_PATH}" defer></script>
</head>
<body></body>
</html>`;
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': AGENT_CSP,
      'cache-control': 'no-store',
    },
    body: html,
  };
}

/** Any other site (`www.example.com`), with a path that looks like a helpdesk ticket to prove we don't mount there. */
export function otherSitePage(host: string, path: string): Reply {
  return text(
    200,
    page(
      'Example Domain',
      '',
      `<h1 data-sim="other-site">Example Domain</h1><p>${escapeHtml(host)}${escapeHtml(path)} is not a helpdesk.</p>`,
    ),
    'text/html; charset=utf-8',
  );
}

export function portalPage(helpdesk: Helpdesk, host: string): Reply {
  const name = helpdesk === 'zendesk' ? 'Help Center' : 'Support portal';
  return text(
    200,
    page(
      `Acme ${name}`,
      '',
      `<h1 data-sim="portal">Acme ${name}</h1><p>${escapeHtml(host)}: customers see this, not agents.</p>`,
    ),
    'text/html; charset=utf-8',
  );
}

export function signedOutPage(): Reply {
  return text(
    200,
    page('Signed out', '', '<h1 data-sim="signed-out">You have been signed out</h1>'),
    'text/html; charset=utf-8',
  );
}

export function unknownAccountPage(host: string): Reply {
  return text(
    404,
    page('Not found', '', `<h1 data-sim="unknown-account">${escapeHtml(host)} does not exist</h1>`),
    'text/html; charset=utf-8',
  );
}
