/** XML's character and entity references, as the scanner and the tree reader both decode them. */

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * What replacing `/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g` gives (a character reference becomes its
 * character, one of the five names its text, anything else stays), written out with indexOf: a
 * stack trace of a few kilobytes holds a few dozen references, and a callback per match costs
 * more than the scan.
 */
export function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let done = 0;
  for (; amp >= 0; amp = text.indexOf('&', amp + 1)) {
    let end = amp + 1;
    let decoded: string | undefined;
    if (text.charCodeAt(end) === 35) {
      // '#x' and hex digits, else '#' and decimal digits: as the alternatives of the expression.
      const hex = text.charCodeAt(end + 1) === 120;
      const first = end + (hex ? 2 : 1);
      end = first;
      while (hex ? isHexDigit(text.charCodeAt(end)) : isDigit(text.charCodeAt(end))) end++;
      // '&#x;' or '&#x1g;' is no reference: the decimal alternative cannot match the 'x' either.
      if (end > first && text.charCodeAt(end) === 59) {
        const code = parseInt(text.slice(first, end), hex ? 16 : 10);
        decoded = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : text.slice(amp, end + 1);
      }
    } else {
      while (isLetter(text.charCodeAt(end))) end++;
      if (end > amp + 1 && text.charCodeAt(end) === 59) {
        // Only the five own names: '&constructor;' is not Object's constructor.
        const name = text.slice(amp + 1, end);
        decoded = Object.hasOwn(ENTITIES, name) ? ENTITIES[name] : text.slice(amp, end + 1);
      }
    }
    if (decoded === undefined) continue;
    out += text.slice(done, amp) + decoded;
    done = end + 1;
    amp = end;
  }
  return done === 0 ? text : out + text.slice(done);
}
