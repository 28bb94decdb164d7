import { closeSync, openSync, writeSync } from 'node:fs';

/*
 * `JSON.stringify(value, null, 2)`, written in pieces. A report of half a million tests is
 * ~150 MB of JSON: one string of it, then one buffer of that string, would more than double the
 * memory the report itself takes. The bytes are the same as the one-string version.
 */

const FLUSH_AT = 1 << 20;
const BATCH = 4096;

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

function skipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * `JSON.stringify(value, null, 2)` as it reads `level` levels deep in a document: the value is
 * wrapped in `level` arrays, whose brackets and indentation are then cut off, so no pass over
 * the text is needed to indent it.
 */
function stringifyAt(value: unknown, level: number): string {
  let wrapped = value;
  for (let i = 0; i < level; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // In front, per level i (1…level): '[', '\n', 2i spaces; behind, per level: '\n', 2(i-1) spaces, ']'.
  return text.slice(2 * level + level * (level + 1), text.length - (2 * level + level * (level - 1)));
}

// What JSON.stringify writes differently from the text itself (any surrogate, to be safe).
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * The elements of an array of strings as JSON.stringify(…, null, 2) writes them at `inner`
 * indentation — '\n<inner>"a",\n<inner>"b"' — by one join, when no string needs escaping.
 */
function plainStrings(batch: unknown[], inner: string): string | undefined {
  if (!batch.every((v) => typeof v === 'string' && !NEEDS_ESCAPE.test(v))) return undefined;
  return `\n${inner}"${batch.join(`",\n${inner}"`)}"`;
}

/** Pieces of `value` as JSON at `level`; containers down to `depth` levels are opened here, the rest stringified whole. */
function* pieces(value: unknown, level: number, depth: number): Generator<string> {
  const indent = '  '.repeat(level);
  if (Array.isArray(value) && value.length > BATCH && value.every((v) => v === null || typeof v !== 'object')) {
    // Half a million ids: a few thousand per JSON.stringify, and no single string of them all.
    for (let i = 0; i < value.length; i += BATCH) {
      const batch = value.slice(i, i + BATCH);
      let elements = plainStrings(batch, `${indent}  `);
      if (elements === undefined) {
        const text = stringifyAt(batch, level);
        // '[\n<indent>  a,\n<indent>  b\n<indent>]' → its elements
        elements = text.slice(1, text.length - indent.length - 2);
      }
      yield `${i === 0 ? '[' : ','}${elements}`;
    }
    yield `\n${indent}]`;
    return;
  }
  const container = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (depth === 0 || !container) {
    yield stringifyAt(value, level);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}\n${inner}`;
      // Arrays write what JSON cannot hold as null.
      if (skipped(value[i])) yield 'null';
      else yield* pieces(value[i], level + 1, depth - 1);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (skipped(v)) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* pieces(v, level + 1, depth - 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}

/** Writes `JSON.stringify(value, null, 2)` and a newline to `file`, a megabyte at a time. */
export function writeJsonFile(file: string, value: unknown): void {
  const fd = openSync(file, 'w');
  try {
    const buffer = Buffer.allocUnsafe(FLUSH_AT);
    let used = 0;
    const flush = () => {
      for (let done = 0; done < used; ) done += writeSync(fd, buffer, done, used - done);
      used = 0;
    };
    const put = (piece: string) => {
      // A UTF-16 unit takes at most 3 bytes of UTF-8.
      if (piece.length * 3 > buffer.length - used) {
        flush();
        if (piece.length * 3 > buffer.length) {
          writeAll(fd, piece);
          return;
        }
      }
      used += buffer.write(piece, used);
    };
    // The report, then its arrays and records: each blocker, each package's ids is one JSON.stringify.
    for (const piece of pieces(value, 0, 2)) put(piece);
    put('\n');
    flush();
  } finally {
    closeSync(fd);
  }
}
