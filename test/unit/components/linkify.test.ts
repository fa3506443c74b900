import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../../components/model/fold';
import { linkify, toHref, trimUrl } from '../../../components/model/linkify';

const links = (text: string) => linkify(text).filter((s) => s.kind === 'link');

describe('linkify', () => {
  it('turns an http(s) URL into a link and keeps the text around it', () => {
    expect(linkify('See https://acme.test/a?b=1 now')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://acme.test/a?b=1', href: 'https://acme.test/a?b=1' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('leaves sentence punctuation and an unmatched bracket outside the link', () => {
    expect(links('(see https://acme.test/x).')[0]).toMatchObject({ text: 'https://acme.test/x' });
    expect(links('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
    });
    expect(trimUrl('https://a.test/x?!,')).toBe('https://a.test/x');
  });

  it('links bare www. addresses over https', () => {
    expect(links('go to www.acme.test/orders.')[0]).toEqual({
      kind: 'link',
      text: 'www.acme.test/orders',
      href: 'https://www.acme.test/orders',
    });
  });

  it('never links javascript:, data: or markup', () => {
    const text = 'javascript:alert(1) data:text/html,<b>x</b> <a href="https://evil.test">x</a>';
    const found = links(text);
    expect(found.every((l) => l.kind === 'link' && l.href.startsWith('https://'))).toBe(true);
    expect(found.map((l) => (l.kind === 'link' ? l.text : ''))).toEqual(['https://evil.test']);
    expect(toHref('javascript:alert(1)')).toBeNull();
  });

  it('stops a URL at quotes and angle brackets', () => {
    expect(links('"https://a.test/x"<img onerror=1>')[0]).toMatchObject({ text: 'https://a.test/x' });
  });

  it('leaves text without URLs as one segment and empty text as none', () => {
    expect(linkify('no links here')).toEqual([{ kind: 'text', text: 'no links here' }]);
    expect(linkify('')).toEqual([]);
    expect(linkify('https:// alone')).toEqual([{ kind: 'text', text: 'https:// alone' }]);
  });

  it('always gives back exactly the input, and only http(s) links', () => {
    const pieces = fc.constantFrom(
      'https://a.test/x',
      'www.b.test',
      ' ',
      '.',
      ')',
      '(',
      'javascript:',
      '<',
      'text',
      '\n',
      'http://',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const segments = linkify(text);
        expect(segments.map((s) => s.text).join('')).toBe(text);
        for (const s of segments) if (s.kind === 'link') expect(s.href).toMatch(/^https?:\/\//);
      }),
    );
  });
});

describe('foldText', () => {
  const limits = { chars: 50, lines: 3 };

  it('keeps a short body whole', () => {
    expect(foldText('short\nbody\n\n', limits)).toEqual({ head: 'short\nbody', folded: false });
  });

  it('folds after the line limit', () => {
    expect(foldText('a\nb\nc\nd\ne', limits)).toEqual({ head: 'a\nb\nc', folded: true });
  });

  it('folds a long line at a word boundary', () => {
    const text = 'word '.repeat(30);
    const folded = foldText(text, limits);
    expect(folded.folded).toBe(true);
    expect(folded.head.length).toBeLessThanOrEqual(50);
    expect(folded.head.endsWith('word')).toBe(true);
  });

  it('cuts a single giant token at the limit', () => {
    expect(foldText('x'.repeat(200), limits)).toEqual({ head: 'x'.repeat(50), folded: true });
  });

  it('is always a prefix of the body', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { head, folded } = foldText(text, limits);
        expect(text.startsWith(head)).toBe(true);
        if (!folded) expect(head).toBe(text.replace(/\s+$/, ''));
      }),
    );
  });
});
