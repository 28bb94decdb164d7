import { describe, expect, it } from '@jest/globals';
import { decodeEntities } from '../../../src/parse/xml/entities.js';
import { seededRandom } from '../../helpers/random.js';

describe('XML entities', () => {
  it('decodes the XML entities and character references, nothing else', () => {
    expect(decodeEntities('a &lt;b&gt; &amp; &quot;c&quot; &#65;&#x42; &nbsp; &bogus;')).toBe('a <b> & "c" AB &nbsp; &bogus;');
    expect(decodeEntities('&constructor; &toString; &#X41; &#0; &#x110000; &#x1F600; &&amp; &a&lt;')).toBe('&constructor; &toString; &#X41; &#0; &#x110000; \u{1F600} && &a<');
  });

  it('decodes as the regular expression it replaces does, on random text', () => {
    const names: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    const expected = (text: string) =>
      text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (whole, ref: string) => {
        if (ref[0] !== '#') return Object.hasOwn(names, ref) ? names[ref]! : whole;
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      });
    const pieces = ['&', '&#', '&#x', '#', 'x', 'X', ';', 'amp', 'lt', 'quot', 'apos', 'gt', 'constructor', 'a', 'Z', '0', '9', '41', 'fF', 'g', ' ', '\n', 'é', '1114111', '10FFFF', '110000', '&amp;', '&lt;', '&#65;', '&#x1F600;'];
    const next = seededRandom(1);
    const differ: string[] = [];
    let decoded = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      if (decodeEntities(text) !== expected(text)) differ.push(text);
      if (expected(text) !== text) decoded++;
    }
    expect(differ).toEqual([]);
    // The texts exercise the decoding, not only the scan past it.
    expect(decoded).toBeGreaterThan(2000);
  });
});
