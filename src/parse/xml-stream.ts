import type { Diagnostic } from '../model.js';
import type { XmlElement } from './xml.js';

/*
 * Report files can be hundreds of megabytes. Rather than build one object tree, this scanner
 * walks the text as it streams in, keeps only the chain of open elements (with their attributes),
 * and hands out each element of interest — a <testcase>, a Cobertura <class> — as one bounded
 * piece of XML. Pieces with content go to fast-xml-parser; empty ones never need to.
 *
 * It never expands entities beyond the five XML ones and character references: a DOCTYPE that
 * declares entities (XXE, "billion laughs") is reported and its entities are left as they are.
 */

export interface XmlOpen {
  /** Local name (namespace prefix removed). */
  name: string;
  attrs: Record<string, string>;
  line: number;
}

export interface XmlPiece extends XmlOpen {
  /** The whole element, start tag to end tag. */
  xml: string;
  /** True when the element has no content at all (`<x/>` or `<x ...>  </x>`). */
  empty: boolean;
  /** Open elements around this one, outermost first. Valid until the next piece is taken. */
  ancestors: readonly XmlOpen[];
}

export interface ScanLimits {
  maxDepth: number;
  /** Longest start tag (attributes included) accepted. */
  maxTagLength: number;
  /** Longest captured element accepted. */
  maxPieceLength: number;
}

const MAX_PROBLEMS = 20;

export const DEFAULT_LIMITS: ScanLimits = { maxDepth: 256, maxTagLength: 1024 * 1024, maxPieceLength: 256 * 1024 * 1024 };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

/**
 * A copy of `text` that does not share memory with the buffer it was cut from. V8 keeps a
 * whole chunk alive for as long as any slice of it lives; a report holds its test names for the
 * whole run, and must not hold the file.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function parseAttributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) {
    attrs[m[1]!.replace(/^.*:/, '')] = detach(decodeEntities(m[2] ?? m[3] ?? ''));
  }
  return attrs;
}

function localName(tag: string, from: number): string {
  let end = from;
  while (end < tag.length) {
    const c = tag.charCodeAt(end);
    // whitespace, '/', '>'
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    end++;
  }
  const qname = tag.slice(from, end);
  const colon = qname.indexOf(':');
  return colon >= 0 ? qname.slice(colon + 1) : qname;
}

/** Index just past the '>' closing the tag that starts at `start`, honouring quoted attribute values; -1 if not in `buf`. */
function tagEnd(buf: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  return -1;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Where the element whose start tag ends at `from` is closed; -1 when not yet in `buf`. */
function elementEnd(buf: string, from: number, name: string): number {
  let depth = 1;
  let i = from;
  for (;;) {
    i = buf.indexOf('<', i);
    if (i < 0) return -1;
    if (buf.startsWith('<![CDATA[', i)) {
      const end = buf.indexOf(']]>', i + 9);
      if (end < 0) return -1;
      i = end + 3;
    } else if (buf.startsWith('<!--', i)) {
      const end = buf.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 3;
    } else if (buf.charCodeAt(i + 1) === 47) {
      const end = buf.indexOf('>', i);
      if (end < 0) return -1;
      if (localName(buf, i + 2) === name && --depth === 0) return end + 1;
      i = end + 1;
    } else if (buf.charCodeAt(i + 1) === 63 || buf.charCodeAt(i + 1) === 33) {
      const end = buf.indexOf('>', i);
      if (end < 0) return -1;
      i = end + 1;
    } else {
      const end = tagEnd(buf, i);
      if (end < 0) return -1;
      if (localName(buf, i + 1) === name && buf.charCodeAt(end - 2) !== 47) depth++;
      i = end;
    }
  }
}

/**
 * Streams `chunks` and hands every element named in `capture` (outside other captured
 * elements) to `onPiece`, synchronously: a callback per element, not a promise per element,
 * keeps half a million test cases cheap. Problems — truncation, mismatched tags, entity
 * declarations, limits — go to `diagnostics` with their line; the scan goes on where it safely can.
 */
export async function scanXml(
  chunks: AsyncIterable<string>,
  capture: ReadonlySet<string>,
  file: string,
  diagnostics: Diagnostic[],
  onPiece: (piece: XmlPiece) => void,
  limits: ScanLimits = DEFAULT_LIMITS,
): Promise<void> {
  const stack: XmlOpen[] = [];
  let buf = '';
  let pos = 0;
  let line = 1; // line number at `pos`
  let sawRoot = false;
  let sawNul = false;
  let done = false;
  const iterator = chunks[Symbol.asyncIterator]();
  // A badly broken file could say the same thing a million times: the first few say enough.
  let problems = 0;
  const problem = (message: string, at = line) => {
    problems++;
    if (problems <= MAX_PROBLEMS) diagnostics.push({ file, line: at, message });
    else if (problems === MAX_PROBLEMS + 1) diagnostics.push({ file, message: 'more problems in this file are not listed' });
  };

  // Moves `pos` to `to`, keeping the line count; drops consumed text now and then.
  const advance = (to: number) => {
    line += countLines(buf, pos, to);
    pos = to;
  };
  const more = async (): Promise<boolean> => {
    if (done) return false;
    const next = await iterator.next();
    if (next.done) {
      done = true;
      return false;
    }
    buf = pos > 0 ? buf.slice(pos) + next.value : buf + next.value;
    pos = 0;
    const nul = sawNul ? -1 : next.value.indexOf('\0');
    if (nul >= 0) {
      // libxml and others refuse the whole file; one stray byte should not cost the report.
      sawNul = true;
      problem('NUL character, which XML does not allow; read as if it were not there', line + countLines(buf, 0, buf.length - next.value.length + nul));
    }
    return true;
  };

  for (;;) {
    const lt = buf.indexOf('<', pos);
    if (lt < 0) {
      advance(buf.length);
      if (!(await more())) break;
      continue;
    }
    advance(lt);
    const next = buf.charCodeAt(lt + 1);
    if (Number.isNaN(next)) {
      if (!(await more())) break;
      continue;
    }
    // Comments, CDATA, processing instructions, DOCTYPE: skipped whole.
    if (next === 33 || next === 63) {
      const after = (found: number, length: number) => (found < 0 ? -1 : found + length);
      let end: number;
      if (buf.startsWith('<!--', lt)) end = after(buf.indexOf('-->', lt + 4), 3);
      else if (buf.startsWith('<![CDATA[', lt)) end = after(buf.indexOf(']]>', lt + 9), 3);
      else if (next === 63) end = after(buf.indexOf('?>', lt + 2), 2);
      else if (buf.startsWith('<!DOCTYPE', lt) || buf.startsWith('<!doctype', lt)) {
        const bracket = buf.indexOf('[', lt);
        const close = buf.indexOf('>', lt);
        const subsetEnd = bracket >= 0 && (close < 0 || bracket < close) ? buf.indexOf(']', bracket) : lt;
        end = subsetEnd < 0 ? -1 : after(buf.indexOf('>', subsetEnd), 1);
        if (end > 0 && /<!ENTITY/i.test(buf.slice(lt, end))) {
          problem('DOCTYPE declares entities; they are not expanded (entity expansion is refused: XXE and entity bombs)');
        }
      } else end = after(buf.indexOf('>', lt), 1);
      if (end <= 0) {
        if (buf.length - lt > limits.maxTagLength && !buf.startsWith('<![CDATA[', lt) && !buf.startsWith('<!--', lt)) {
          problem('markup declaration too long; giving up on the rest of the file');
          return;
        }
        if (!(await more())) {
          problem('file ends inside a comment, CDATA section or declaration (truncated?)');
          break;
        }
        continue;
      }
      advance(end);
      continue;
    }
    const end = tagEnd(buf, lt);
    if (end < 0) {
      if (buf.length - lt > limits.maxTagLength) {
        problem(`tag longer than ${limits.maxTagLength} characters; giving up on the rest of the file`);
        return;
      }
      if (!(await more())) {
        problem('file ends inside a tag (truncated?)');
        break;
      }
      continue;
    }
    if (next === 47) {
      // End tag.
      const name = localName(buf, lt + 2);
      const open = stack.pop();
      if (!open) problem(`closing tag </${name}> with no open element`);
      else if (open.name !== name) {
        problem(`closing tag </${name}> does not match <${open.name}> opened on line ${open.line}`);
        // Recover: close up to a matching element if there is one, else put it back.
        const match = stack.map((s) => s.name).lastIndexOf(name);
        if (match >= 0) stack.length = match;
        else stack.push(open);
      }
      advance(end);
      continue;
    }
    const name = localName(buf, lt + 1);
    if (name === '') {
      problem("'<' that does not start a tag");
      advance(lt + 1);
      continue;
    }
    const selfClosing = buf.charCodeAt(end - 2) === 47;
    if (!sawRoot) sawRoot = true;
    else if (stack.length === 0) problem(`<${name}> after the root element closed`);
    if (capture.has(name)) {
      // `pos` is at the start tag; reading more data moves text but not offsets from `pos`.
      const tagLength = end - lt;
      let close = selfClosing ? end : elementEnd(buf, end, name);
      while (close < 0) {
        if (buf.length - pos > limits.maxPieceLength) {
          problem(`<${name}> is larger than ${limits.maxPieceLength} characters; giving up on the rest of the file`);
          return;
        }
        if (!(await more())) break;
        close = elementEnd(buf, pos + tagLength, name);
      }
      if (close < 0) {
        problem(`<${name}> opened here is never closed (truncated file?)`);
        return;
      }
      const empty = selfClosing || /^\s*<\/[^>]*>$/.test(buf.slice(pos + tagLength, close));
      onPiece({ name, attrs: parseAttributes(buf.slice(pos, pos + tagLength)), line, xml: buf.slice(pos, close), empty, ancestors: stack });
      advance(close);
      continue;
    }
    if (!selfClosing) {
      if (stack.length >= limits.maxDepth) {
        problem(`elements nested deeper than ${limits.maxDepth}; giving up on the rest of the file`);
        return;
      }
      stack.push({ name, attrs: parseAttributes(buf.slice(lt, end)), line });
    }
    advance(end);
  }
  if (!sawRoot) problem('no XML element found');
  for (const open of stack.reverse()) problem(`<${open.name}> opened on line ${open.line} is never closed (truncated file?)`, open.line);
}

const TAGS = new Map<string, RegExp>();

/**
 * Calls `visit` with the attributes (as an element without content) and the line of each
 * `<name …>` start tag in a piece the scanner captured. In coverage formats these pieces hold
 * only elements whose data is in their attributes, so a pass over the tags does what a full
 * parse would, at a fraction of its cost on files of millions of lines.
 */
export function forEachTag(piece: XmlPiece, name: string, visit: (el: XmlElement, line: number) => void): void {
  let tag = TAGS.get(name);
  if (!tag) TAGS.set(name, (tag = new RegExp(`<(?:[\\w.-]+:)?${name}[\\s/>]`, 'g')));
  const xml = piece.xml;
  let line = piece.line;
  let at = 0;
  tag.lastIndex = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    for (let nl = xml.indexOf('\n', at); nl >= 0 && nl < m.index; nl = xml.indexOf('\n', nl + 1)) line++;
    at = m.index;
    const end = xml.indexOf('>', m.index);
    visit({ $: parseAttributes(xml.slice(m.index, end < 0 ? xml.length : end + 1)) }, line);
  }
}
