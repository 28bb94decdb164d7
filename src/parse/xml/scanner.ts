import type { Diagnostic } from '../../model/report.js';
import { readOnUntilDoubled } from '../long-piece.js';
import { cutLongText } from './cut-text.js';
import type { XmlElement } from './element.js';
import { EmptyShapes, readShape } from './shapes.js';
import { isNamed, tagEnd, XmlNames } from './tags.js';

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
  /** The scan's names, to read the tags inside the piece with (forEachTag, readLeafElement). */
  names: XmlNames;
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
/** A captured piece read this far has its long texts cut before more is read (cut-text.ts). */
const COMPACT_PIECE_AT = 1024 * 1024;

// A piece is held whole, then parsed: 64 Mi characters and a million elements keep that under a
// gigabyte of heap; a crafted file could otherwise take the process down.
export const DEFAULT_LIMITS: ScanLimits = { maxDepth: 256, maxTagLength: 1024 * 1024, maxPieceLength: 64 * 1024 * 1024, maxPieceElements: 1_000_000 };

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

export interface ScanOptions {
  /** Names of the elements handed out whole, each with what it holds. */
  capture: ReadonlySet<string>;
  /** The file, as diagnostics name it. */
  file: string;
  diagnostics: Diagnostic[];
  onPiece: (piece: XmlPiece) => void;
  limits?: ScanLimits;
  /** false: a piece's attribute values are slices of the stream, to be copied (detach) if kept. */
  copyAttributes?: boolean;
  /** Called before more of the stream is read: slices of what was read that are still kept must be copied then. */
  beforeMore?: () => void;
  /** Called for each element that is not captured, as it opens, with how many elements are around it. */
  onOpen?: (open: XmlOpen, depth: number) => void;
  /** The file may hold several documents one after another (libtest writes one per test binary). */
  severalRoots?: boolean;
}

/** What a scan learned of the file as a whole. */
export interface ScanResult {
  /** The file ends before its elements do (an upload cut mid-write): where, and how. */
  truncated?: { line: number; message: string };
  /** The scan gave up over a limit: the rest of the file, from this line, was not read. */
  stopped?: { line: number; message: string };
  /** Captured elements over a limit, skipped unread: the tests in each are lost. */
  skipped: { line: number; message: string }[];
}

/**
 * Streams `chunks` and hands every element named in `capture` (outside other captured
 * elements) to `onPiece`, synchronously: a callback per element, not a promise per element,
 * keeps half a million test cases cheap. Problems — truncation, mismatched tags, entity
 * declarations, limits — go to `diagnostics` with their line; the scan goes on where it safely can.
 * All it learns of the file as it reads is its own: scans of several files may run at once.
 */
export async function scanXml(chunks: AsyncIterable<string>, options: ScanOptions): Promise<ScanResult> {
  const { capture, file, diagnostics, onPiece, limits = DEFAULT_LIMITS, copyAttributes = true, beforeMore, onOpen, severalRoots = false } = options;
  const result: ScanResult = { skipped: [] };
  const cut = (message: string, at: number) => {
    result.truncated ??= { line: at, message };
    problem(message, at);
  };
  // A limit a crafted file reaches (a test named with a megabyte) must not hide what follows.
  const stop = (message: string): ScanResult => {
    const at = lineAt();
    result.stopped = { line: at, message };
    problem(`${message}; giving up on the rest of the file`, at);
    return result;
  };
  const names = new XmlNames();
  const shapes = new EmptyShapes();
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
  // Line breaks in the texts cut out of the piece being read (cut-text.ts): the lines after them count them.
  let cutLines = 0;
  // A tag over a limit goes to the general path, which tells the problem.
  const shapeMaxLength = Math.min(limits.maxTagLength, limits.maxPieceLength);
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
      nul = { at: inBuf, line: lineAt() + cutLines + countLines(buf, 0, inBuf) };
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
        cut('file ends inside a comment, CDATA section or declaration (truncated?)', skipping.line);
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
    const shape = shapes.current;
    if (shape !== undefined && next === shape.first && stack.length > 0) {
      const attrs = readShape(shape, buf, lt, copyAttributes);
      const end = shape.pattern.lastIndex;
      if (attrs !== undefined && end - lt <= shapeMaxLength) {
        onPiece({ name: shape.name, attrs, line: lineAt(), xml: buf.slice(lt, end), empty: true, ancestors: stack, names });
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
        return stop('markup declaration too long');
      }
      if (end <= 0) {
        if (!(await more())) {
          cut('file ends inside a comment, CDATA section or declaration (truncated?)', lineAt());
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
      return stop(`tag longer than ${limits.maxTagLength} characters`);
    }
    if (end < 0) {
      if (!(await more())) {
        cut('file ends inside a tag (truncated?)', lineAt());
        break;
      }
      continue;
    }
    if (next === 47) {
      // End tag.
      const name = names.localName(buf, lt + 2);
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
    const name = names.localName(buf, lt + 1);
    if (name === '') {
      problem("'<' that does not start a tag");
      pos = lt + 1;
      continue;
    }
    const selfClosing = buf.charCodeAt(end - 2) === 47;
    if (!sawRoot) sawRoot = true;
    else if (stack.length === 0 && !severalRoots) problem(`<${name}> after the root element closed`);
    if (capture.has(name)) {
      // `pos` is at the start tag; reading more data moves text but not offsets from `pos`.
      const tagLength = end - lt;
      inside.elements = 0;
      let close = selfClosing ? end : elementEnd(buf, end, name, inside);
      // Whole or not yet, a piece over the limit is refused: how much was read must not decide.
      const tooLong = () => (close < 0 ? buf.length : close) - pos > limits.maxPieceLength;
      cutLines = 0;
      let compacted = false;
      // A big piece has its texts cut as they come (readers keep 64 KiB of each): a test case
      // printing 100 MB is held at the size of its markup, not twice its text (issue 20).
      // The length it changed by.
      const cutTexts = (to: number): number => {
        const from = pos + tagLength;
        const read = buf.slice(from, to);
        const kept = cutLongText(read);
        if (kept === read) return 0;
        cutLines += countLines(read, 0, read.length) - countLines(kept, 0, kept.length);
        buf = buf.slice(0, from) + kept + buf.slice(to);
        if (nul && nul.at > from) nul.at = from;
        compacted = true;
        return kept.length - read.length;
      };
      while (close < 0 && !tooLong()) {
        // A 60 MB <system-out> would otherwise be looked through 60 times.
        const { grew, ended } = await readOnUntilDoubled(() => buf.length - pos, more, limits.maxPieceLength);
        if (grew) close = elementEnd(buf, pos + tagLength, name, inside);
        // Only while it is open is all that was read this piece's: the next one's texts are its own.
        if (grew && close < 0 && buf.length - pos > COMPACT_PIECE_AT) cutTexts(buf.length);
        if (ended) break;
      }
      // What came after the last cut, too: each text then ends at its first 64 KiB.
      if (close > 0 && compacted) close += cutTexts(close);
      if (tooLong()) {
        return stop(`<${name}> is larger than ${limits.maxPieceLength} characters`);
      }
      if (close < 0) {
        cut(`<${name}> opened here is never closed (truncated file?)`, lineAt());
        return result;
      }
      if (inside.elements > limits.maxPieceElements) {
        const message = `<${name}> holds more than ${limits.maxPieceElements} elements`;
        result.skipped.push({ line: lineAt(), message });
        problem(`${message}; skipped`);
        pos = close;
        line += cutLines;
        cutLines = 0;
        continue;
      }
      const empty = selfClosing || /^\s*<\/[^>]*>$/.test(buf.slice(pos + tagLength, close));
      const tag = buf.slice(pos, pos + tagLength);
      const attrs = names.parseAttributes(tag, copyAttributes);
      if (selfClosing) shapes.learn(name, tag, attrs);
      onPiece({ name, attrs, line: lineAt(), xml: buf.slice(pos, close), empty, ancestors: stack, names });
      pos = close;
      line += cutLines;
      cutLines = 0;
      continue;
    }
    if (!selfClosing) {
      if (stack.length >= limits.maxDepth) {
        return stop(`elements nested deeper than ${limits.maxDepth}`);
      }
      const open = { name, attrs: names.parseAttributes(buf.slice(lt, end)), line: lineAt() };
      onOpen?.(open, stack.length);
      stack.push(open);
    } else if (onOpen) onOpen({ name, attrs: names.parseAttributes(buf.slice(lt, end)), line: lineAt() }, stack.length);
    pos = end;
  }
  // The whole file was read: a NUL not yet told is in what was read last.
  if (nul) problem(NUL_PROBLEM, nul.line);
  if (!sawRoot) problem('no XML element found');
  for (const open of stack.reverse()) cut(`<${open.name}> opened on line ${open.line} is never closed (truncated file?)`, open.line);
  return result;
}

/**
 * Calls `visit` with the attributes (as an element without content) and the line of each
 * `<name …>` start tag in a piece the scanner captured. In coverage formats these pieces hold
 * only elements whose data is in their attributes, so a pass over the tags does what a full
 * parse would, at a fraction of its cost on files of millions of lines. `copy: false` hands out
 * attribute values as slices of the stream, for a visitor that keeps none of them.
 */
export function forEachTag(piece: XmlPiece, name: string, visit: (el: XmlElement, line: number) => void, copy = true): void {
  const tag = piece.names.tagPattern(name);
  const xml = piece.xml;
  let line = piece.line;
  let at = 0;
  tag.lastIndex = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    for (let nl = xml.indexOf('\n', at); nl >= 0 && nl < m.index; nl = xml.indexOf('\n', nl + 1)) line++;
    at = m.index;
    const end = xml.indexOf('>', m.index);
    visit({ $: piece.names.parseAttributes(xml.slice(m.index, end < 0 ? xml.length : end + 1), copy) }, line);
  }
}

