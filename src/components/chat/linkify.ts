// Splits chat text into plain text and web links, so the panel can render the links as <a> and everything
// else as text. Only http(s) URLs become links; punctuation that ends a sentence stays outside them.

/** A run of the text; `href` when the run is a link, the http(s) URL it opens. */
export interface Piece {
  text: string;
  href?: string;
}

/**
 * http:// or https:// at the start of a word, then a host (not a third slash, which the URL parser would skip
 * to take the path for the host), up to the next space or a character URLs never hold unescaped.
 */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"/\\][^\s<>"]*/gi;

/** Characters that end a sentence rather than a URL when they come last. */
const TRAILING = /[.,;:!?'*_~]$/;

/**
 * The pieces of `text`, in order; joined, their `text` is `text` again.
 *
 * @example
 * linkify('See https://example.com/a.') // [{ text: 'See ' }, { text: 'https://example.com/a', href: 'https://example.com/a' }, { text: '.' }]
 */
export function linkify(text: string): Piece[] {
  const pieces: Piece[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const candidate = trim(match[0]);
    const href = httpHref(candidate);
    if (!href) continue;
    if (match.index > plainFrom) pieces.push({ text: text.slice(plainFrom, match.index) });
    pieces.push({ text: candidate, href });
    plainFrom = match.index + candidate.length;
  }
  if (plainFrom < text.length) pieces.push({ text: text.slice(plainFrom) });
  return pieces;
}

/** Drops trailing punctuation, and a closing bracket that closes one opened before the URL: "(see https://a.b/c)". */
function trim(url: string): string {
  for (;;) {
    const last = url.at(-1)!;
    const open = last === ')' ? '(' : last === ']' ? '[' : '';
    const unbalanced = open !== '' && count(url, open) < count(url, last);
    if (!TRAILING.test(url) && !unbalanced) return url;
    url = url.slice(0, -1);
  }
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** The URL, serialized, if it parses as an http(s) URL with a host; otherwise null. */
function httpHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}
