import type { Source } from '../collect/read.js';
import { cutIndex } from './caps.js';
import { CUT_MARK, MAX_LOG_LINE } from './parser.js';

/*
 * A JSON report is parsed whole (JSON.parse), so a document with a 50 MB message would be held
 * as text and again as the parsed string: 1.2 GB for a 525 MB CTRF file of three such messages
 * (issue 20). Every string is cut at 64 KiB while the text is read, as capOutput would cut it
 * after the parse: what JSON.parse sees is then as large as the document's structure.
 */

/** Longest escape inside a JSON string: \uXXXX. */
const LONGEST_ESCAPE = 6;
const BACKSLASH = 92;
const NEWLINE = 10;

/**
 * A function that takes a JSON text a chunk at a time and returns each chunk with every string
 * literal that runs past `max` characters (as written) cut there, ending in CUT_MARK and closed
 * as it was. Linear: each character is looked at once, by indexOf. A chunk with nothing to cut
 * is returned as it came, uncopied. Text that is not JSON passes through for JSON.parse to
 * reject; a line break, which no JSON string holds, ends a string's state too, so each line of a
 * JSON-lines stream is read alone.
 */
export function jsonStringCutter(max = MAX_LOG_LINE): (chunk: string) => string {
  let inString = false;
  let kept = 0; // characters of the current string kept
  let cut = false; // the current string has been cut: drop the rest of it
  let afterBackslash = false; // the next character is the one after an escape's '\\'
  let keepEscape = false;
  // A chunk ended with an escape's '\\', left out of it: what the escape is, and so whether it
  // fits, is in the next one, which then begins with it or with the cut. Chunks of any size
  // give the same text.
  let heldBackslash = false;
  return (chunk) => {
    const length = chunk.length;
    let out: string[] | undefined; // what is kept, once something was dropped
    let copied = 0; // chunk[copied, i) is kept and not yet in `out`
    let i = 0;
    // The next of each character at or after i, -1 when there is none: searched again only once passed.
    let quote = -2;
    let backslash = -2;
    let newline = -2;
    const drop = (from: number, to: number, mark: boolean): void => {
      if (from > copied || mark) (out ??= []).push(chunk.slice(copied, from), mark ? CUT_MARK : '');
      copied = to;
    };
    // An escape is kept whole or not at all: room for \uXXXX is room for its hex digits too, which
    // follow as plain characters. Whether the '\\' is kept; false cuts the string before it.
    const fits = (next: string): boolean => {
      keepEscape = kept + (next === 'u' ? LONGEST_ESCAPE : 2) <= max;
      if (keepEscape) kept++;
      else cut = true;
      return keepEscape;
    };
    if (heldBackslash && length > 0) {
      heldBackslash = false;
      (out ??= []).push(fits(chunk[0]!) ? '\\' : CUT_MARK);
    }
    while (i < length) {
      if (quote !== -1 && quote < i) quote = chunk.indexOf('"', i);
      if (!inString) {
        if (quote < 0) break;
        i = quote + 1;
        inString = true;
        kept = 0;
        cut = false;
        continue;
      }
      if (afterBackslash) {
        afterBackslash = false;
        if (chunk.charCodeAt(i) === NEWLINE) continue;
        if (keepEscape) kept++;
        else drop(i, i + 1, false);
        i++;
        continue;
      }
      if (backslash !== -1 && backslash < i) backslash = chunk.indexOf('\\', i);
      if (newline !== -1 && newline < i) newline = chunk.indexOf('\n', i);
      let end = quote < 0 ? length : quote;
      if (backslash >= 0 && backslash < end) end = backslash;
      if (newline >= 0 && newline < end) end = newline;
      if (cut) drop(i, end, false);
      else if (end - i <= max - kept) kept += end - i;
      else {
        drop(Math.max(i, cutIndex(chunk, i + (max - kept))), end, true);
        cut = true;
      }
      if (end === length) break;
      i = end + 1;
      if (chunk.charCodeAt(end) !== BACKSLASH) {
        inString = false;
        continue;
      }
      afterBackslash = true;
      if (cut) {
        keepEscape = false;
        drop(end, i, false);
      } else if (i === length) {
        heldBackslash = true;
        drop(end, i, false);
      } else if (!fits(chunk[i]!)) drop(end, i, true);
    }
    if (out === undefined) return copied === 0 ? chunk : chunk.slice(copied);
    out.push(chunk.slice(copied));
    return out.join('');
  };
}

/**
 * `source` from its character `from` on (past a banner before the document), with the strings of
 * its JSON cut as its chunks are read.
 */
export function jsonStringsCut(source: Source, from = 0): Source {
  return {
    ...source,
    chunks: async function* () {
      const cut = jsonStringCutter();
      let skip = from;
      for await (const chunk of source.chunks()) {
        const skipped = Math.min(skip, chunk.length);
        skip -= skipped;
        yield cut(skipped > 0 ? chunk.slice(skipped) : chunk);
      }
    },
  };
}
