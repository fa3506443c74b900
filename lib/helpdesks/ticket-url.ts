/**
 * A pure matcher of one helpdesk's agent ticket URLs: https on the default
 * port, a host the helpdesk serves, and a path naming the ticket (its id in
 * the first capture group). Never throws.
 */
export const ticketUrlMatcher =
  <K extends string>(helpdesk: K, host: RegExp, ticketPath: RegExp) =>
  (url: string): { helpdesk: K; account: string; id: string } | null => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'https:' || parsed.port !== '') return null;
    const account = parsed.hostname.toLowerCase();
    if (!host.test(account)) return null;
    const id = ticketPath.exec(parsed.pathname)?.[1];
    return id ? { helpdesk, account, id } : null;
  };
