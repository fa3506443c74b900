import { useMemo } from 'preact/hooks';
import { linkify } from './model/linkify';

/** Plain text with its http(s) URLs as links; every piece is a text node, never parsed as HTML. */
export function LinkifiedText({ text }: { text: string }) {
  const segments = useMemo(() => linkify(text), [text]);
  return (
    <>
      {segments.map((segment, i) =>
        segment.kind === 'link' ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
