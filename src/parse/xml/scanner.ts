import type { Diagnostic } from '../../model/report.js';
import { readOnUntilDoubled } from '../long-piece.js';
import type { XmlElement } from './element.js';
import { decodeEntities } from './entities.js';

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
  /** Most elements a captured element may hold: the XML parser makes an object of each. */
  maxPieceElements: number;
}

const MAX_PROBLEMS = 20;

// A piece is held whole, then parsed: 64 Mi characters and a million elements keep that under a
// gigabyte of heap; a crafted file could otherwise take the process down.
export const DEFAULT_LIMITS: ScanLimits = { maxDepth: 256, maxTagLength: 1024 * 1024, maxPieceLength: 64 * 1024 * 1024, maxPieceElements: 1_000_000 };

/**
 * A copy of `text` that does not share memory with the buffer it was cut from. V8 keeps a
 * whole chunk alive for as long as any slice of it lives; a report holds its test names for the
 * whole run, and must not hold the file.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/**
 * Text kept from a big stream (half a million ids, thousands of stack traces), copied out in
 * batches: a batch is joined into one string, of a quarter megabyte or more in a dense file,
 * which V8 makes in its large-object space, and each text becomes a slice of it. Copied one by
 * one, each would be copied twice more by the scavenges that run all through a parse of that
 * size. A text lands where it is to go (`into[key]`) when its batch is joined: when the batch is
 * full, and on `flush()`, which the reader calls before the scanner reads on (a text waiting
 * may be a slice of what was read, and must not keep it).
 */
export class TextBatches {
  private parts: string[] = [];
  private length = 0;
  private targets: Record<PropertyKey, unknown>[] = [];
  private keys: PropertyKey[] = [];
  private ends: number[] = [];

  constructor(private readonly size = 256 * 1024) {}

  /** Keeps the text `head + tail` (`tail` may be a slice of the stream) for `into[key]`. */
  keep(into: object, key: PropertyKey, head: string, tail = ''): void {
    this.parts.push(head, tail);
    this.length += head.length + tail.length;
    this.targets.push(into as Record<PropertyKey, unknown>);
    this.keys.push(key);
    this.ends.push(this.length);
    if (this.length >= this.size) this.flush();
  }

  flush(): void {
    if (this.targets.length === 0) return;
    const all = this.parts.join('');
    let start = 0;
    for (let i = 0; i < this.targets.length; i++) {
      const end = this.ends[i]!;
      this.targets[i]![this.keys[i]!] = all.slice(start, end);
      start = end;
    }
    this.parts = [];
    this.length = 0;
    this.targets = [];
    this.keys = [];
    this.ends = [];
  }
}

/** `\s` of a regular expression, for one UTF-16 code unit. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && /\s/.test(String.fromCharCode(c)));
}

/**
 * The attributes of a start tag: what `/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g` matches in it,
 * name without its prefix. Written out with indexOf rather than run as that expression: half a
 * million test cases make one and a half million matches, each an array of strings. `copy: false`
 * leaves the values as slices of the stream, for callers that copy what they keep themselves.
 */
export function parseAttributes(tag: string, copy = true): Record<string, string> {
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
    attrs[attributeName(tag, nameStart, nameEnd, ordinal++)] = copy ? detach(value) : value;
    i = close + 1;
  }
  return attrs;
}

// A file uses a handful of names a million times: the names seen, qualified and local, are reused
// rather than cut out anew, which also spares finding a property or set entry by a new string.
const NAMES_KEPT = 32;

interface KnownNames {
  qualified: string[];
  local: string[];
  /** Where a prefixed name's local part starts: after its last colon (attributes) or its first (elements). */
  lastColon: boolean;
}

const attributeNames: KnownNames = { qualified: [], local: [], lastColon: true };
const elementNames: KnownNames = { qualified: [], local: [], lastColon: false };
// Which known attribute name came n-th in the last tag: tags of one file list theirs in one order.
const lastAtOrdinal: number[] = [];
// The local name knownName found last (an object per answer would be garbage per attribute).
let found = '';

/** Sets `found` to the local name for text[start, end) and returns its index in `known` (-1 if not kept); `hint` is tried first. */
function knownName(known: KnownNames, text: string, start: number, end: number, hint = -1): number {
  const length = end - start;
  const { qualified, local } = known;
  const guess = qualified[hint];
  if (guess !== undefined && guess.length === length && text.startsWith(guess, start)) {
    found = local[hint]!;
    return hint;
  }
  for (let k = 0; k < qualified.length; k++) {
    const q = qualified[k]!;
    if (q.length === length && text.startsWith(q, start)) {
      found = local[k]!;
      return k;
    }
  }
  const qname = text.slice(start, end);
  const colon = known.lastColon ? qname.lastIndexOf(':') : qname.indexOf(':');
  found = colon >= 0 ? qname.slice(colon + 1) : qname;
  if (qualified.length >= NAMES_KEPT) return -1;
  qualified.push(detach(qname));
  local.push((found = detach(found)));
  return local.length - 1;
}

/** The local name of the attribute named at tag[start, end), the `ordinal`-th of its tag. */
function attributeName(tag: string, start: number, end: number, ordinal: number): string {
  const index = knownName(attributeNames, tag, start, end, lastAtOrdinal[ordinal]);
  if (ordinal < NAMES_KEPT) lastAtOrdinal[ordinal] = index;
  return found;
}

/** Whether the tag name at `from` is `name`, prefix aside: localName's answer without cutting a string. */
function isNamed(tag: string, from: number, name: string): boolean {
  let start = from;
  let end = from;
  for (; end < tag.length; end++) {
    const c = tag.charCodeAt(end);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    if (c === 58 && start === from) start = end + 1;
  }
  return end - start === name.length && tag.startsWith(name, start);
}

/** The local name of the element named at `from`. */
function localName(tag: string, from: number): string {
  let end = from;
  while (end < tag.length) {
    const c = tag.charCodeAt(end);
    // whitespace, '/', '>'
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    end++;
  }
  knownName(elementNames, tag, from, end);
  return found;
}

// A start tag's rest: quoted values (which may hold '>') and anything else up to the '>'. Unrolled
// so that a failed match (a tag cut off at the end of a chunk) is linear; a regular expression
// runs this four times faster than a loop over charCodeAt.
const TAG_REST = /[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/y;

/** Index just past the '>' closing the tag that starts at `start`, honouring quoted attribute values; -1 if not in `buf`. */
function tagEnd(buf: string, start: number): number {
  TAG_REST.lastIndex = start + 1;
  return TAG_REST.test(buf) ? TAG_REST.lastIndex : -1;
}

function countLines(text: string, from: number, to: number): number {
  // Nothing to count, and no indexOf either: it would flatten a piece still being read (a copy per chunk).
  if (from >= to) return 0;
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Where the element whose start tag ends at `from` is closed; -1 when not yet in `buf`. Counts the start tags inside in `inside`. */
function elementEnd(buf: string, from: number, name: string, inside: { elements: number }): number {
  inside.elements = 0;
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
      if (isNamed(buf, i + 2, name) && --depth === 0) return end + 1;
      i = end + 1;
    } else if (buf.charCodeAt(i + 1) === 63 || buf.charCodeAt(i + 1) === 33) {
      const end = buf.indexOf('>', i);
      if (end < 0) return -1;
      i = end + 1;
    } else {
      const end = tagEnd(buf, i);
      if (end < 0) return -1;
      inside.elements++;
      if (isNamed(buf, i + 1, name) && buf.charCodeAt(end - 2) !== 47) depth++;
      i = end;
    }
  }
}

/**
 * A captured empty element as a file writes it again and again (`<testcase name="…" classname="…"
 * time="…"/>`): its name and its attributes' names, in order, as one sticky expression that
 * matches only a tag the general path reads into exactly the same attributes (no prefixes, no '&'
 * in values, XML whitespace only). Half a million test cases are then one match each instead of
 * a tag scan, a name lookup and an attribute scan.
 */
interface EmptyShape {
  /** The element's name and its attributes' names, space-separated: what `shapes` is keyed by. */
  key: string;
  name: string;
  attributes: string[];
  pattern: RegExp;
  /** The name's first character: a '<' followed by another is not tried. */
  first: number;
  /** Tags it read as the general path did, and tags it did not. */
  agreed: number;
  refused: number;
}

const SHAPE_NAME = /^[A-Za-z_][\w.-]*$/;
// Shapes one file may make (a file of any size writes a handful), and tags a shape may misread
// before it is no longer tried (a file that writes an entity in every tag).
const MAX_SHAPES = 16;
const MAX_REFUSED = 16;
const WS = '[ \\t\\r\\n]';

function shapeOf(key: string, name: string, attributes: string[]): EmptyShape | undefined {
  if (!SHAPE_NAME.test(name) || !attributes.every((a) => SHAPE_NAME.test(a))) return undefined;
  const literal = (text: string) => text.replace(/\./g, '\\.');
  const value = `(?:"[^"&]*"|'[^'&]*')`;
  const source = `<${literal(name)}${attributes.map((a) => `${WS}+${literal(a)}${WS}*=${WS}*${value}`).join('')}${WS}*/>`;
  return { key, name, attributes, pattern: new RegExp(source, 'y'), first: name.charCodeAt(0), agreed: 0, refused: 0 };
}

/** The attributes `shape` reads from the tag at `at` in `text`, and where the tag ends (`shape.pattern.lastIndex`); undefined if it does not match. */
function readShape(shape: EmptyShape, text: string, at: number, copy: boolean): Record<string, string> | undefined {
  shape.pattern.lastIndex = at;
  // Without capture groups: a match array of half a dozen strings per tag was most of what a
  // passing test case cost the collector.
  if (!shape.pattern.test(text)) return undefined;
  const attrs: Record<string, string> = {};
  let i = at + 1 + shape.name.length;
  for (const name of shape.attributes) {
    // As matched: whitespace, the name, '=' between whitespace, and a quoted value without entities.
    let open = text.indexOf('=', i) + 1;
    while (text.charCodeAt(open) !== 34 && text.charCodeAt(open) !== 39) open++;
    const close = text.indexOf(text.charCodeAt(open) === 34 ? '"' : "'", open + 1);
    const value = text.slice(open + 1, close);
    attrs[name] = copy ? detach(value) : value;
    i = close + 1;
  }
  return attrs;
}

/** Whether `shape` reads `tag` into `attrs`, what the general path read from it. */
function agrees(shape: EmptyShape, tag: string, attrs: Record<string, string>): boolean {
  const read = readShape(shape, tag, 0, false);
  return read !== undefined && shape.pattern.lastIndex === tag.length && shape.attributes.every((a) => read[a] === attrs[a]);
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
  /** false: a piece's attribute values are slices of the stream, to be copied (detach) if kept. */
  copyAttributes = true,
  /** Called before more of the stream is read: slices of what was read that are still kept must be copied then. */
  beforeMore?: () => void,
): Promise<void> {
  const stack: XmlOpen[] = [];
  // Start tags inside the piece being captured (elementEnd counts them).
  const inside = { elements: 0 };
  let buf = '';
  let pos = 0;
  // Lines are counted only when a line number is asked for: `line` is the line at `counted`.
  let line = 1;
  let counted = 0;
  const lineAt = () => {
    line += countLines(buf, counted, pos);
    counted = pos;
    return line;
  };
  let sawRoot = false;
  let sawNul = false;
  // The first NUL character: where it is in `buf`, and its line. It is told when the scan moves
  // past it, so that problems come in the file's order and one the scan never reaches (after
  // giving up) is not told, however far ahead the stream was read.
  let nul: { at: number; line: number } | undefined;
  const NUL_PROBLEM = 'NUL character, which XML does not allow; read as if it were not there';
  const passing = (to: number) => {
    if (nul && nul.at < to) {
      problem(NUL_PROBLEM, nul.line);
      nul = undefined;
    }
  };
  let done = false;
  // Shapes of captured empty elements by name and attribute names (undefined: names no shape
  // can have); `shape` is the one tried, the last one the general path's reading agreed with.
  const shapes = new Map<string, EmptyShape | undefined>();
  let shape: EmptyShape | undefined;
  // A tag over a limit goes to the general path, which tells the problem.
  const shapeMaxLength = Math.min(limits.maxTagLength, limits.maxPieceLength);
  /** The shape of the empty element the general path read as `attrs` from `tag`, if it reads `tag` the same way. */
  const shapeFor = (name: string, tag: string, attrs: Record<string, string>): EmptyShape | undefined => {
    const attributes = Object.keys(attrs);
    const key = [name, ...attributes].join(' ');
    // The shape in use did not match this tag: its names are not what made it fail.
    if (shape?.key === key) return undefined;
    let found = shapes.get(key);
    if (found === undefined && !shapes.has(key)) {
      if (shapes.size >= MAX_SHAPES) return undefined;
      shapes.set(key, (found = shapeOf(key, name, attributes)));
    }
    if (found === undefined || (found.agreed === 0 && found.refused >= MAX_REFUSED)) return undefined;
    if (!agrees(found, tag, attrs)) {
      found.refused++;
      return undefined;
    }
    found.agreed++;
    return found;
  };
  const iterator = chunks[Symbol.asyncIterator]();
  // A badly broken file could say the same thing a million times: the first few say enough.
  let problems = 0;
  const problem = (message: string, at = lineAt()) => {
    problems++;
    if (problems <= MAX_PROBLEMS) diagnostics.push({ file, line: at, message });
    else if (problems === MAX_PROBLEMS + 1) diagnostics.push({ file, message: 'more problems in this file are not listed' });
  };

  const more = async (): Promise<boolean> => {
    if (done) return false;
    beforeMore?.();
    const next = await iterator.next();
    if (next.done) {
      done = true;
      return false;
    }
    lineAt();
    buf = pos > 0 ? buf.slice(pos) + next.value : buf + next.value;
    if (nul) nul.at -= pos;
    pos = 0;
    counted = 0;
    const at = sawNul ? -1 : next.value.indexOf('\0');
    if (at >= 0) {
      // libxml and others refuse the whole file; one stray byte should not cost the report.
      sawNul = true;
      const inBuf = buf.length - next.value.length + at;
      nul = { at: inBuf, line: lineAt() + countLines(buf, 0, inBuf) };
    }
    return true;
  };

  // Inside a comment or CDATA section: its text is passed over as it comes, only its end looked
  // for, rather than kept and searched from its start after every read (a suite's 60 MB
  // <system-out> CDATA). `line` is where it opened.
  let skipping: { until: string; line: number } | undefined;

  for (;;) {
    if (skipping) {
      const close = buf.indexOf(skipping.until, pos);
      if (close >= 0) {
        pos = close + skipping.until.length;
        passing(pos);
        skipping = undefined;
        continue;
      }
      // All but what could be the start of the end marker.
      pos = Math.max(pos, buf.length - (skipping.until.length - 1));
      passing(pos);
      if (!(await more())) {
        problem('file ends inside a comment, CDATA section or declaration (truncated?)', skipping.line);
        break;
      }
      continue;
    }
    const lt = buf.indexOf('<', pos);
    if (lt < 0) {
      pos = buf.length;
      passing(pos);
      if (!(await more())) break;
      continue;
    }
    passing(lt);
    pos = lt;
    const next = buf.charCodeAt(lt + 1);
    if (Number.isNaN(next)) {
      if (!(await more())) break;
      continue;
    }
    // An empty element the file repeats; outside the root element the general path has a problem to tell.
    if (shape !== undefined && next === shape.first && stack.length > 0) {
      const attrs = readShape(shape, buf, lt, copyAttributes);
      const end = shape.pattern.lastIndex;
      if (attrs !== undefined && end - lt <= shapeMaxLength) {
        onPiece({ name: shape.name, attrs, line: lineAt(), xml: buf.slice(lt, end), empty: true, ancestors: stack });
        pos = end;
        continue;
      }
    }
    // Comments and CDATA sections: passed over as the text comes (see `skipping`).
    const cdata = next === 33 && buf.startsWith('<![CDATA[', lt);
    if (cdata || (next === 33 && buf.startsWith('<!--', lt))) {
      skipping = { until: cdata ? ']]>' : '-->', line: lineAt() };
      pos = lt + (cdata ? 9 : 4);
      continue;
    }
    // Processing instructions, DOCTYPE and other declarations: skipped whole.
    if (next === 33 || next === 63) {
      const after = (found: number, length: number) => (found < 0 ? -1 : found + length);
      let end: number;
      if (next === 63) end = after(buf.indexOf('?>', lt + 2), 2);
      else if (buf.startsWith('<!DOCTYPE', lt) || buf.startsWith('<!doctype', lt)) {
        const bracket = buf.indexOf('[', lt);
        const close = buf.indexOf('>', lt);
        const subsetEnd = bracket >= 0 && (close < 0 || bracket < close) ? buf.indexOf(']', bracket) : lt;
        end = subsetEnd < 0 ? -1 : after(buf.indexOf('>', subsetEnd), 1);
        if (end > 0 && /<!ENTITY/i.test(buf.slice(lt, end))) {
          problem('DOCTYPE declares entities; they are not expanded (entity expansion is refused: XXE and entity bombs)');
        }
      } else end = after(buf.indexOf('>', lt), 1);
      // Whole or not yet: how much was read ahead must not decide.
      if ((end > 0 ? end : buf.length) - lt > limits.maxTagLength) {
        problem('markup declaration too long; giving up on the rest of the file');
        return;
      }
      if (end <= 0) {
        if (!(await more())) {
          problem('file ends inside a comment, CDATA section or declaration (truncated?)');
          break;
        }
        continue;
      }
      pos = end;
      continue;
    }
    const end = tagEnd(buf, lt);
    // A whole tag over the limit counts too: how much was read ahead must not decide.
    if (end - lt > limits.maxTagLength || (end < 0 && buf.length - lt > limits.maxTagLength)) {
      problem(`tag longer than ${limits.maxTagLength} characters; giving up on the rest of the file`);
      return;
    }
    if (end < 0) {
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
      pos = end;
      continue;
    }
    const name = localName(buf, lt + 1);
    if (name === '') {
      problem("'<' that does not start a tag");
      pos = lt + 1;
      continue;
    }
    const selfClosing = buf.charCodeAt(end - 2) === 47;
    if (!sawRoot) sawRoot = true;
    else if (stack.length === 0) problem(`<${name}> after the root element closed`);
    if (capture.has(name)) {
      // `pos` is at the start tag; reading more data moves text but not offsets from `pos`.
      const tagLength = end - lt;
      inside.elements = 0;
      let close = selfClosing ? end : elementEnd(buf, end, name, inside);
      // Whole or not yet, a piece over the limit is refused: how much was read must not decide.
      const tooLong = () => (close < 0 ? buf.length : close) - pos > limits.maxPieceLength;
      while (close < 0 && !tooLong()) {
        // A 60 MB <system-out> would otherwise be looked through 60 times.
        const { grew, ended } = await readOnUntilDoubled(() => buf.length - pos, more, limits.maxPieceLength);
        if (grew) close = elementEnd(buf, pos + tagLength, name, inside);
        if (ended) break;
      }
      if (tooLong()) {
        problem(`<${name}> is larger than ${limits.maxPieceLength} characters; giving up on the rest of the file`);
        return;
      }
      if (close < 0) {
        problem(`<${name}> opened here is never closed (truncated file?)`);
        return;
      }
      if (inside.elements > limits.maxPieceElements) {
        problem(`<${name}> holds more than ${limits.maxPieceElements} elements; skipped`);
        pos = close;
        continue;
      }
      const empty = selfClosing || /^\s*<\/[^>]*>$/.test(buf.slice(pos + tagLength, close));
      const tag = buf.slice(pos, pos + tagLength);
      const attrs = parseAttributes(tag, copyAttributes);
      if (selfClosing) shape = shapeFor(name, tag, attrs) ?? shape;
      onPiece({ name, attrs, line: lineAt(), xml: buf.slice(pos, close), empty, ancestors: stack });
      pos = close;
      continue;
    }
    if (!selfClosing) {
      if (stack.length >= limits.maxDepth) {
        problem(`elements nested deeper than ${limits.maxDepth}; giving up on the rest of the file`);
        return;
      }
      stack.push({ name, attrs: parseAttributes(buf.slice(lt, end)), line: lineAt() });
    }
    pos = end;
  }
  // The whole file was read: a NUL not yet told is in what was read last.
  if (nul) problem(NUL_PROBLEM, nul.line);
  if (!sawRoot) problem('no XML element found');
  for (const open of stack.reverse()) problem(`<${open.name}> opened on line ${open.line} is never closed (truncated file?)`, open.line);
}

const TAGS = new Map<string, RegExp>();

/**
 * Calls `visit` with the attributes (as an element without content) and the line of each
 * `<name …>` start tag in a piece the scanner captured. In coverage formats these pieces hold
 * only elements whose data is in their attributes, so a pass over the tags does what a full
 * parse would, at a fraction of its cost on files of millions of lines. `copy: false` hands out
 * attribute values as slices of the stream, for a visitor that keeps none of them.
 */
export function forEachTag(piece: XmlPiece, name: string, visit: (el: XmlElement, line: number) => void, copy = true): void {
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
    visit({ $: parseAttributes(xml.slice(m.index, end < 0 ? xml.length : end + 1), copy) }, line);
  }
}

// Names fast-xml-parser refuses or renames (prototype pollution guards): left to it.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const PLAIN_NAME = /^[A-Za-z_][\w.-]*$/;
// Attributes as XML writes them, each after whitespace, no prefixes, no '<' in values.
const PLAIN_ATTRIBUTES = /^(?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*$/;
const PLAIN_ATTRIBUTE = /([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
// An '&' the validator accepts in text and decodeEntities reads.
const REFERENCE = /&(?:[A-Za-z]{1,20}|#\d+|#x[0-9a-fA-F]+);/y;

interface StartTag {
  name: string;
  attrs: Record<string, string> | undefined;
  end: number;
  selfClosing: boolean;
}

/** The start tag at `at`, when its name and attributes are plain; undefined for anything else. */
function plainStartTag(xml: string, at: number): StartTag | undefined {
  const end = tagEnd(xml, at);
  if (end < 0) return undefined;
  const name = localName(xml, at + 1);
  if (!PLAIN_NAME.test(name) || RESERVED.has(name)) return undefined;
  const selfClosing = xml.charCodeAt(end - 2) === 47;
  const rest = xml.slice(at + 1 + name.length, selfClosing ? end - 2 : end - 1);
  if (!PLAIN_ATTRIBUTES.test(rest)) return undefined;
  let attrs: Record<string, string> | undefined;
  PLAIN_ATTRIBUTE.lastIndex = 0;
  for (let m = PLAIN_ATTRIBUTE.exec(rest); m; m = PLAIN_ATTRIBUTE.exec(rest)) {
    const attr = m[1]!;
    // fast-xml-parser drops `xmlns`; a repeated attribute fails validation.
    if (RESERVED.has(attr) || attr === 'xmlns' || (attrs && attr in attrs)) return undefined;
    (attrs ??= {})[attr] = decodeEntities(m[2] ?? m[3]!);
  }
  return { name, attrs, end, selfClosing };
}

/** Index past `</name>` (whitespace allowed before '>') at `at`, or -1. */
function closeTagEnd(xml: string, at: number, name: string): number {
  if (!xml.startsWith(name, at + 2)) return -1;
  let i = at + 2 + name.length;
  while (i < xml.length && (xml.charCodeAt(i) === 32 || xml.charCodeAt(i) === 9 || xml.charCodeAt(i) === 10)) i++;
  return xml.charCodeAt(i) === 62 ? i + 1 : -1;
}

/** Decoded text between `from` and `to`, or undefined when an '&' there is one the validator would refuse. */
function plainText(xml: string, from: number, to: number): string | undefined {
  for (let amp = xml.indexOf('&', from); amp >= 0 && amp < to; amp = xml.indexOf('&', amp + 1)) {
    REFERENCE.lastIndex = amp;
    if (!REFERENCE.test(xml)) return undefined;
  }
  return decodeEntities(xml.slice(from, to));
}

/**
 * A captured element whose children are all leaves — a <testcase> with its <failure> and
 * <system-out> — read into exactly the element parseXml would give, at the cost of one scan
 * instead of fast-xml-parser's validation and parse (seconds for 15,000 failures with stack
 * traces). Undefined for anything it does not read the same way: nested elements, comments,
 * processing instructions, prefixed or unusual names, text beside the children, markup the
 * validator could refuse. Those go to parseXml, which also says what is wrong with them.
 */
export function readLeafElement(piece: string): XmlElement | undefined {
  // fast-xml-parser reads every line ending as '\n', in attribute values and CDATA as well.
  const xml = piece.includes('\r') ? piece.replace(/\r\n?/g, '\n') : piece;
  const root = xml.charCodeAt(0) === 60 ? plainStartTag(xml, 0) : undefined;
  if (!root || root.selfClosing) return undefined;
  const el: XmlElement = {};
  let between = '';
  let hasChildren = false;
  for (let i = root.end; ; ) {
    const lt = xml.indexOf('<', i);
    if (lt < 0 || xml.slice(i, lt).trim() !== '') return undefined;
    between += xml.slice(i, lt);
    if (xml.charCodeAt(lt + 1) === 47) {
      if (closeTagEnd(xml, lt, root.name) !== xml.length) return undefined;
      break;
    }
    const child = plainStartTag(xml, lt);
    if (!child) return undefined;
    let text = '';
    i = child.end;
    if (!child.selfClosing) {
      // Text and CDATA sections, each decoded on its own as fast-xml-parser does, up to the end tag.
      for (;;) {
        const next = xml.indexOf('<', i);
        if (next < 0) return undefined;
        if (next > i) {
          const run = plainText(xml, i, next);
          if (run === undefined) return undefined;
          text += run;
        }
        if (xml.startsWith('<![CDATA[', next)) {
          const close = xml.indexOf(']]>', next + 9);
          if (close < 0) return undefined;
          if (close > next + 9) text += decodeEntities(xml.slice(next + 9, close));
          i = close + 3;
          continue;
        }
        if (xml.charCodeAt(next + 1) !== 47) return undefined;
        i = closeTagEnd(xml, next, child.name);
        if (i < 0) return undefined;
        break;
      }
    }
    const value: XmlElement = { '#text': text };
    if (child.attrs) value.$ = child.attrs;
    const siblings = el[child.name] as XmlElement[] | undefined;
    if (siblings) siblings.push(value);
    else el[child.name] = [value];
    hasChildren = true;
  }
  if (between !== '' || !hasChildren) el['#text'] = between;
  if (root.attrs) el.$ = root.attrs;
  return el;
}
