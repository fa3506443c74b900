export interface FoldLimits {
  chars: number;
  lines: number;
}

// About eight lines in a 320 px sidebar: enough to recognise a message, short enough to scan many.
export const DEFAULT_FOLD: FoldLimits = { chars: 360, lines: 8 };

export interface Folded {
  head: string;
  folded: boolean;
}

// How far back from the limit we look for a space, so a word is not cut in half.
const WORD_SLACK = 40;

/** The start of a long body, cut at a line or word boundary; `folded` says whether anything was left out. */
export const foldText = (text: string, limits: FoldLimits = DEFAULT_FOLD): Folded => {
  const body = text.replace(/\s+$/, '');
  let end = body.length;
  let newlines = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\n' && ++newlines >= limits.lines) {
      end = i;
      break;
    }
  }
  if (end > limits.chars) {
    const space = body.lastIndexOf(' ', limits.chars);
    end = space > limits.chars - WORD_SLACK ? space : limits.chars;
  }
  if (end >= body.length) return { head: body, folded: false };
  return { head: body.slice(0, end).replace(/\s+$/, ''), folded: true };
};
