// linkify(): chat text split into text and http(s) links, with sentence punctuation left outside the links
// and every other scheme left as text.
import { expect } from '@open-wc/testing';
import { linkify } from '../../src/components/chat/linkify.ts';

describe('linkify', () => {
  it('makes http and https URLs links and keeps the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1#c and http://x.org/')).to.deep.equal([
      { text: 'see ' },
      { text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { text: ' and ' },
      { text: 'http://x.org/', href: 'http://x.org/' },
    ]);
    expect(linkify('HTTPS://Example.COM')).to.deep.equal([
      { text: 'HTTPS://Example.COM', href: 'https://example.com/' },
    ]);
    expect(linkify('no links here')).to.deep.equal([{ text: 'no links here' }]);
    expect(linkify('')).to.deep.equal([]);
  });

  it('leaves trailing punctuation outside the link, but keeps brackets the URL opened', () => {
    const links = (text: string) => linkify(text).flatMap((piece) => (piece.href ? [piece.text] : []));
    expect(linkify('Look: https://example.com/a.')).to.deep.equal([
      { text: 'Look: ' },
      { text: 'https://example.com/a', href: 'https://example.com/a' },
      { text: '.' },
    ]);
    expect(links('https://a.io, https://b.io; https://c.io! https://d.io? https://e.io:')).to.deep.equal([
      'https://a.io',
      'https://b.io',
      'https://c.io',
      'https://d.io',
      'https://e.io',
    ]);
    expect(links('(see https://example.com/x)')).to.deep.equal(['https://example.com/x']);
    expect(links('https://en.wikipedia.org/wiki/Ada_(language).')).to.deep.equal([
      'https://en.wikipedia.org/wiki/Ada_(language)',
    ]);
    expect(links('[https://example.com/y]')).to.deep.equal(['https://example.com/y']);
    expect(links('"https://example.com/q" <https://example.com/r>')).to.deep.equal([
      'https://example.com/q',
      'https://example.com/r',
    ]);
  });

  it('links no other scheme, nor a URL glued to a word or without a host', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://example.com/file',
      'mailto:ada@example.com',
      'foohttps://example.com',
      'https://',
      'https://.',
      'http:///path',
      'https://\\\\example.com',
    ]) {
      expect(linkify(text), text).to.deep.equal([{ text }]);
    }
  });

  it('gives back the whole text, in order', () => {
    const text = 'a https://x.io/(1) b (https://y.io/) c https://z.io/?q=<b>. end';
    expect(
      linkify(text)
        .map((piece) => piece.text)
        .join(''),
    ).to.equal(text);
  });
});
