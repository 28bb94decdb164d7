import { constants } from 'node:buffer';
import type { Source } from '../collect/read.js';
import type { Finding, ParseOutput } from '../model/report.js';

/** One report format. `detect` sees only the decoded head of the file, never its name. */
export interface Parser {
  readonly format: string;
  readonly kind: 'tests' | 'coverage' | 'log';
  detect(head: string): boolean;
  parse(source: Source): Promise<ParseOutput>;
}

/**
 * The whole text of a source, for formats that are one document (JSON). A JavaScript string holds
 * at most `max` characters (512 MiB in V8); past that, say so rather than "Invalid string length".
 */
export async function readAll(source: Source, max = constants.MAX_STRING_LENGTH): Promise<string> {
  const parts: string[] = [];
  let length = 0;
  for await (const chunk of source.chunks()) {
    length += chunk.length;
    if (length > max) throw new Error(`the file is one document of more than ${max} characters, longer than a JavaScript string can hold; split the report (one file per test job or shard)`);
    parts.push(chunk);
  }
  return parts.join('');
}

/**
 * Hands each line of `rest + chunk` that ends in the chunk to `visit` (without '\n', nor a '\r'
 * before it), and returns the start of the line left open.
 */
function splitChunk(rest: string, chunk: string, visit: (line: string) => void): string {
  const text = rest + chunk;
  let start = 0;
  for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    visit(text.slice(start, end));
    start = nl + 1;
  }
  return text.slice(start);
}

/**
 * The source's chunks, with those that hold no line break joined to the next one: a line longer
 * than a chunk (a test that prints 50 MB on one line) is copied once, not again with each chunk.
 */
async function* lineChunks(source: Source): AsyncIterable<string> {
  const held: string[] = [];
  for await (const chunk of source.chunks()) {
    held.push(chunk);
    if (!chunk.includes('\n')) continue;
    // Let go of the pieces before the line is read: held and joined, a 200 MB line was kept twice.
    const joined = held.length === 1 ? chunk : held.join('');
    held.length = 0;
    yield joined;
  }
  if (held.length > 0) yield held.join('');
}

/**
 * The longest line a text log's readers see (64 KiB): a compiler message of 200 MB is kept once at
 * this length, not three times whole, and every pattern run over a line runs over at most this much.
 */
export const MAX_LOG_LINE = 64 * 1024;
/** What ends a line that was cut: the reader, the report and the comment say so. */
export const CUT_MARK = ` … (cut at ${MAX_LOG_LINE / 1024} KiB)`;

/**
 * Lines of at most `max` characters (plus CUT_MARK when cut): the rest of a longer line is dropped
 * as its chunks arrive, so no more than `max` characters of it are ever held.
 */
async function* cappedLines(source: Source, max: number): AsyncIterable<[string, number]> {
  let open = '';
  let cut = false;
  let n = 0;
  const append = (piece: string): void => {
    if (cut) return;
    if (open.length + piece.length <= max) open += piece;
    else [open, cut] = [open + piece.slice(0, max - open.length), true];
  };
  const close = (): string => {
    let line = cut ? open + CUT_MARK : open.endsWith('\r') ? open.slice(0, -1) : open;
    // A line terminator inside the line (a progress bar's '\r', U+2028) reads as a space: a
    // pattern's `.*$` stopped there and failed, and tried again from every start (issue 20).
    if (/[\r\u2028\u2029]/.test(line)) line = line.replace(/[\r\u2028\u2029]/g, ' ');
    [open, cut] = ['', false];
    return line;
  };
  for await (const chunk of source.chunks()) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      append(chunk.slice(start, nl));
      start = nl + 1;
      yield [close(), ++n];
    }
    append(chunk.slice(start));
  }
  if (open !== '' || cut) yield [close(), n + 1];
}

/**
 * Yields the lines of a source one at a time, with their 1-based numbers; with `max`, each cut
 * at `max` characters (text logs, whose lines are read by patterns and kept in excerpts).
 */
export async function* lines(source: Source, max?: number): AsyncIterable<[string, number]> {
  if (max !== undefined) {
    yield* cappedLines(source, max);
    return;
  }
  let rest = '';
  let n = 0;
  for await (const chunk of lineChunks(source)) {
    const complete: string[] = [];
    rest = splitChunk(rest, chunk, (line) => complete.push(line));
    for (const line of complete) yield [line, ++n];
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest, n + 1];
}

/**
 * The lines of a source as `lines` yields them, each handed to `visit` synchronously: a promise
 * per line costs more than the line's own work in a tracefile of millions of short lines.
 */
export async function forEachLine(source: Source, visit: (line: string, n: number) => void): Promise<void> {
  let rest = '';
  let n = 0;
  for await (const chunk of lineChunks(source)) rest = splitChunk(rest, chunk, (line) => visit(line, ++n));
  if (rest !== '') visit(rest.endsWith('\r') ? rest.slice(0, -1) : rest, n + 1);
}

/**
 * The number written in text[from, to) when it is plain decimal digits (at most 15, so it adds
 * up exactly), else -1: what Number() gives such text, without Number()'s parse of every form a
 * number may take, for files of millions of them.
 */
export function plainDigits(text: string, from = 0, to = text.length): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** First non-blank line of a head, trimmed. */
export function firstLine(head: string): string {
  for (const line of head.split('\n', 50)) {
    const t = line.trim();
    if (t !== '') return t;
  }
  return '';
}

/** Problems of one file: the first few are listed with their line, the rest only counted. */
export interface Problems {
  push(line: number | undefined, message: string): void;
  /** Adds "N more <what> not listed" when some were left out. */
  finish(): void;
}

export function limited(out: ParseOutput, file: string, what: string, max = 5): Problems {
  let count = 0;
  return {
    push(line, message) {
      if (count++ < max) out.diagnostics.push({ file, ...(line !== undefined ? { line } : {}), message });
    },
    finish() {
      if (count > max) out.diagnostics.push({ file, message: `${count - max} more ${what} not listed` });
    },
  };
}

/** A report cut short: the tests after the cut are lost, so the file cannot be judged. */
export function truncatedFile(path: string, at: { line: number; message: string }): Finding {
  const how = at.message.replace(/ \(truncated(?: file)?\?\)$/, '');
  return lostPart(path, at.line, `Report ends early (${how}, line ${at.line}): every test after the cut is lost`);
}

/** A P0 for a part of a report that was not read (cut short, over a limit, unreadable): what it held is lost. */
export function lostPart(path: string, line: number, message: string): Finding {
  return { kind: 'truncated', file: path, line, message, tests: [], origin: path };
}
