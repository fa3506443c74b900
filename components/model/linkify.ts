export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Candidates only; each one is checked by `toHref` before it becomes a link.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+|\bwww\.[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"*_]$/;

const count = (text: string, ch: string): number => text.split(ch).length - 1;

/** Drops sentence punctuation and an unmatched closing bracket: "(see https://x.io/a)." links "https://x.io/a". */
export const trimUrl = (raw: string): string => {
  let url = raw;
  for (;;) {
    if (TRAILING.test(url)) url = url.slice(0, -1);
    else if (url.endsWith(')') && count(url, ')') > count(url, '(')) url = url.slice(0, -1);
    else if (url.endsWith(']') && count(url, ']') > count(url, '[')) url = url.slice(0, -1);
    else return url;
  }
};

/** Only http(s) links survive: a `javascript:` or `data:` URL is never made clickable. */
export const toHref = (text: string): string | null => {
  try {
    const url = new URL(/^www\./i.test(text) ? `https://${text}` : text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

const pushText = (segments: Segment[], text: string): void => {
  if (text === '') return;
  const last = segments[segments.length - 1];
  if (last?.kind === 'text') last.text += text;
  else segments.push({ kind: 'text', text });
};

/** Splits plain text into text and link segments; joining every segment's text gives back the input. */
export const linkify = (text: string): Segment[] => {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const url = trimUrl(match[0]);
    const href = url.length > 0 ? toHref(url) : null;
    if (href === null || /^(https?:\/\/|www\.)$/i.test(url)) continue;
    pushText(segments, text.slice(cursor, start));
    segments.push({ kind: 'link', text: url, href });
    cursor = start + url.length;
  }
  pushText(segments, text.slice(cursor));
  return segments;
};
