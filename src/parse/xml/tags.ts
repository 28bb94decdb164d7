import { detach } from './detach.js';
import { decodeEntities } from './entities.js';

/** `\s` of a regular expression, for one UTF-16 code unit. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && /\s/.test(String.fromCharCode(c)));
}

// A file uses a handful of names a million times: the names seen, qualified and local, are reused
// rather than cut out anew, which also spares finding a property or set entry by a new string.
const NAMES_KEPT = 32;

class KnownNames {
  private readonly qualified: string[] = [];
  private readonly local: string[] = [];
  /** The local name `find` found last (an object per answer would be garbage per attribute). */
  found = '';

  /** `lastColon`: a prefixed name's local part starts after its last colon (attributes), else its first (elements). */
  constructor(private readonly lastColon: boolean) {}

  /** Sets `found` to the local name for text[start, end) and returns its index (-1 if not kept); `hint` is tried first. */
  find(text: string, start: number, end: number, hint = -1): number {
    const length = end - start;
    const { qualified, local } = this;
    const guess = qualified[hint];
    if (guess !== undefined && guess.length === length && text.startsWith(guess, start)) {
      this.found = local[hint]!;
      return hint;
    }
    for (let k = 0; k < qualified.length; k++) {
      const q = qualified[k]!;
      if (q.length === length && text.startsWith(q, start)) {
        this.found = local[k]!;
        return k;
      }
    }
    const qname = text.slice(start, end);
    const colon = this.lastColon ? qname.lastIndexOf(':') : qname.indexOf(':');
    this.found = colon >= 0 ? qname.slice(colon + 1) : qname;
    if (qualified.length >= NAMES_KEPT) return -1;
    qualified.push(detach(qname));
    local.push((this.found = detach(this.found)));
    return local.length - 1;
  }
}

/**
 * The names of one file's tags, as one scan of it reads them: what it learns of the file (the
 * names it uses, the order its tags list their attributes in) serves that file alone.
 */
export class XmlNames {
  private readonly attributes = new KnownNames(true);
  private readonly elements = new KnownNames(false);
  // Which known attribute name came n-th in the last tag: tags of one file list theirs in one order.
  private readonly lastAtOrdinal: number[] = [];
  private readonly tagPatterns = new Map<string, RegExp>();

  /**
   * The attributes of a start tag: what `/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g` matches in it,
   * name without its prefix. Written out with indexOf rather than run as that expression: half a
   * million test cases make one and a half million matches, each an array of strings. `copy: false`
   * leaves the values as slices of the stream, for callers that copy what they keep themselves.
   */
  parseAttributes(tag: string, copy = true): Record<string, string> {
    const attrs: Record<string, string> = {};
    for (let i = 0, eq = tag.indexOf('='), ordinal = 0; eq >= 0; eq = tag.indexOf('=', i)) {
      // Every match has an '=' after its name; the first '=' that has a name before it and a
      // quoted value after it is the next match.
      let nameEnd = eq;
      while (nameEnd > i && isSpace(tag.charCodeAt(nameEnd - 1))) nameEnd--;
      let nameStart = nameEnd;
      for (let c = tag.charCodeAt(nameStart - 1); nameStart > i && c !== 61 && c !== 47 && c !== 62 && !isSpace(c); c = tag.charCodeAt(--nameStart - 1));
      let open = eq + 1;
      while (open < tag.length && isSpace(tag.charCodeAt(open))) open++;
      const quote = tag.charCodeAt(open);
      const close = quote === 34 || quote === 39 ? tag.indexOf(quote === 34 ? '"' : "'", open + 1) : -1;
      if (nameStart === nameEnd || close < 0) {
        i = eq + 1;
        continue;
      }
      const value = decodeEntities(tag.slice(open + 1, close));
      attrs[this.attributeName(tag, nameStart, nameEnd, ordinal++)] = copy ? detach(value) : value;
      i = close + 1;
    }
    return attrs;
  }

  /** The local name of the element named at `from`. */
  localName(tag: string, from: number): string {
    let end = from;
    while (end < tag.length) {
      const c = tag.charCodeAt(end);
      // whitespace, '/', '>'
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
      end++;
    }
    this.elements.find(tag, from, end);
    return this.elements.found;
  }

  /** What finds the start tags of elements named `name` (any prefix) in a piece. */
  tagPattern(name: string): RegExp {
    let tag = this.tagPatterns.get(name);
    if (!tag) this.tagPatterns.set(name, (tag = new RegExp(`<(?:[\\w.-]+:)?${name}[\\s/>]`, 'g')));
    return tag;
  }

  /** The local name of the attribute named at tag[start, end), the `ordinal`-th of its tag. */
  private attributeName(tag: string, start: number, end: number, ordinal: number): string {
    const index = this.attributes.find(tag, start, end, this.lastAtOrdinal[ordinal]);
    if (ordinal < NAMES_KEPT) this.lastAtOrdinal[ordinal] = index;
    return this.attributes.found;
  }
}

/** Whether the tag name at `from` is `name`, prefix aside: localName's answer without cutting a string. */
export function isNamed(tag: string, from: number, name: string): boolean {
  let start = from;
  let end = from;
  for (; end < tag.length; end++) {
    const c = tag.charCodeAt(end);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    if (c === 58 && start === from) start = end + 1;
  }
  return end - start === name.length && tag.startsWith(name, start);
}

// A start tag's rest: quoted values (which may hold '>') and anything else up to the '>'. Unrolled
// so that a failed match (a tag cut off at the end of a chunk) is linear; a regular expression
// runs this four times faster than a loop over charCodeAt.
const TAG_REST = /[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/y;

/** Index just past the '>' closing the tag that starts at `start`, honouring quoted attribute values; -1 if not in `buf`. */
export function tagEnd(buf: string, start: number): number {
  TAG_REST.lastIndex = start + 1;
  return TAG_REST.test(buf) ? TAG_REST.lastIndex : -1;
}
