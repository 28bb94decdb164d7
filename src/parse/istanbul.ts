import type { Source } from '../collect/read.js';
import type { Diagnostic, LineHits } from '../model/report.js';
import { emptyOutput } from '../model/report.js';
import type { Parser, Problems } from './parser.js';
import { limited } from './parser.js';
import { readOnUntilDoubled } from './long-piece.js';

/*
 * istanbul's two JSON reports, as nyc, jest, vitest and c8 write them:
 * - coverage-final.json (the `json` reporter, and nyc's raw .nyc_output files): a coverage map,
 *   `{ "<path>": { path, statementMap, s, fnMap, f, branchMap, b } }`;
 * - coverage-summary.json (`json-summary`): counts only, `{ total: {...}, "<path>": { lines: { total, covered, skipped, pct }, ... } }`.
 *
 * A coverage map of a large repository runs to hundreds of megabytes — past the longest string
 * V8 can hold, and many times that as objects. The top-level object is therefore split into its
 * members as the file streams in, and each file's entry is parsed on its own.
 */

/** Fields of one file's coverage object, never the path of a file. */
const FILE_FIELDS = new Set(['path', 'statementMap', 'fnMap', 'branchMap', 's', 'f', 'b', 'all', 'hash', '_coverageSchema', 'inputSourceMap']);

export const istanbulFinalParser: Parser = {
  format: 'istanbul-coverage-final-json',
  kind: 'coverage',
  detect(head) {
    return /^\s*\{/.test(head) && /"statementMap"\s*:\s*\{/.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    const problems = limited(out, source.path, 'bad entries');
    // istanbul's own test fixtures hold one file's coverage rather than a map of them: its fields are the members.
    let single: Record<string, unknown> | undefined;
    let first = true;
    await eachMember(source, out.diagnostics, (key, text, line) => {
      if (first && FILE_FIELDS.has(key)) single = {};
      first = false;
      if (single) {
        if (key === 'path' || key === 'statementMap' || key === 's') single[key] = parseValue(text, line, key, problems);
        return;
      }
      const entry = parseValue(text, line, key, problems);
      if (entry === undefined) return;
      const lines = lineHits(entry);
      if (!lines) {
        problems.push(line, `entry "${key}" is not istanbul file coverage (no statementMap and s); skipped`);
        return;
      }
      const path = isObject(entry) && typeof entry.path === 'string' && entry.path !== '' ? entry.path : key;
      out.coverage.push({ path, lines });
    });
    if (single) {
      const lines = lineHits(single);
      if (lines && typeof single.path === 'string' && single.path !== '') out.coverage.push({ path: single.path, lines });
      else problems.push(1, "one file's coverage without a path (an istanbul FileCoverage object, not a coverage map): nothing to attribute it to");
    }
    problems.finish();
    return out;
  },
};

export const istanbulSummaryParser: Parser = {
  format: 'istanbul-json-summary',
  kind: 'coverage',
  detect(head) {
    return /^\s*\{/.test(head) && /"total"\s*:\s*\{\s*"(?:lines|statements|functions|branches)"\s*:\s*\{[^{}]*"pct"\s*:/.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    const problems = limited(out, source.path, 'bad entries');
    let total: { covered: number; total: number; line: number } | undefined;
    await eachMember(source, out.diagnostics, (key, text, line) => {
      const entry = parseValue(text, line, key, problems);
      if (entry === undefined) return;
      const counts = lineCounts(entry);
      if (!counts) {
        problems.push(line, `entry "${key}" has no lines {covered, total}; skipped`);
        return;
      }
      if (key === 'total') total = { ...counts, line };
      else out.coverage.push({ path: key, lines: new Map(), summary: counts });
    });
    // istanbul's total is the sum of its files: a shortfall means entries went missing.
    if (total) {
      let covered = 0;
      let all = 0;
      for (const c of out.coverage) {
        covered += c.summary!.covered;
        all += c.summary!.total;
      }
      if (covered !== total.covered || all !== total.total) {
        problems.push(total.line, `the files add up to ${covered}/${all} lines but "total" says ${total.covered}/${total.total} (entries missing?)`);
      }
    }
    problems.finish();
    return out;
  },
};

/** Line hits the way istanbul-lib-coverage's getLineCoverage computes them: a line is its busiest statement starting on it. */
function lineHits(entry: unknown): LineHits | undefined {
  if (!isObject(entry) || !isObject(entry.statementMap) || !isObject(entry.s)) return undefined;
  const map = entry.statementMap;
  const lines: LineHits = new Map();
  for (const [id, count] of Object.entries(entry.s)) {
    const statement = map[id];
    const line = isObject(statement) && isObject(statement.start) ? statement.start.line : undefined;
    if (typeof line !== 'number' || typeof count !== 'number') continue;
    const seen = lines.get(line);
    if (seen === undefined || seen < count) lines.set(line, count);
  }
  return lines;
}

function lineCounts(entry: unknown): { covered: number; total: number } | undefined {
  const lines = isObject(entry) ? entry.lines : undefined;
  if (!isObject(lines) || typeof lines.covered !== 'number' || typeof lines.total !== 'number') return undefined;
  return { covered: lines.covered, total: lines.total };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON.parse of one member's value; on failure, a diagnostic on the line the error is on. */
function parseValue(text: string, line: number, key: string, problems: Problems): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const offset = at ? newlines(text, 0, Number(at[1])) : 0;
    problems.push(line + offset, `entry "${key}" is not valid JSON: ${message}`);
    return undefined;
  }
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// Characters that change nesting outside strings, and the end of a number, true, false or null.
const STRUCTURE = /["{}[\]]/g;
const SCALAR_END = /[\s,}\]]/g;

/**
 * Streams the members of a JSON document's top-level object to `onMember` as (key, value text,
 * line the value starts on). Only nesting and strings are tracked here; each value is parsed by
 * its consumer. Whatever breaks the object's own syntax (truncation included) becomes a
 * diagnostic with its line, and the members before it are kept.
 */
async function eachMember(
  source: Source,
  diagnostics: Diagnostic[],
  onMember: (key: string, text: string, line: number) => void,
): Promise<void> {
  const iterator = source.chunks()[Symbol.asyncIterator]();
  let buf = '';
  let pos = 0;
  let line = 1; // line number at `pos`
  let done = false;
  const problem = (message: string) => diagnostics.push({ file: source.path, line, message });
  // Reads on; offsets from `pos` stay valid, since `pos` becomes 0.
  const more = async (): Promise<boolean> => {
    if (done) return false;
    const next = await iterator.next();
    if (next.done) {
      done = true;
      return false;
    }
    buf = buf.slice(pos) + next.value;
    pos = 0;
    return true;
  };
  const advance = (to: number) => {
    line += newlines(buf, pos, to);
    pos = to;
  };
  // The next character that is not white space (moving `pos` to it), or '' at the end of the file.
  const peek = async (): Promise<string> => {
    for (;;) {
      while (pos < buf.length && /\s/.test(buf[pos]!)) advance(pos + 1);
      if (pos < buf.length) return buf[pos]!;
      if (!(await more())) return '';
    }
  };
  // End (exclusive) of the key or value starting at `pos`; -1 if the file ends first.
  const valueEnd = async (): Promise<number> => {
    const first = buf[pos];
    let mode = first === '"' ? 'string' : first === '{' || first === '[' ? 'nested' : 'scalar';
    let depth = 0;
    let i = mode === 'string' ? pos + 1 : pos;
    for (;;) {
      if (mode === 'string') {
        const close = stringEnd(buf, i);
        if (close >= 0) {
          if (depth === 0) return close;
          mode = 'nested';
          i = close;
          continue;
        }
      } else if (mode === 'scalar') {
        SCALAR_END.lastIndex = i;
        const m = SCALAR_END.exec(buf);
        if (m) return m.index;
      } else {
        STRUCTURE.lastIndex = i;
        const m = STRUCTURE.exec(buf);
        if (m) {
          i = m.index + 1;
          if (m[0] === '"') mode = 'string';
          else if ((depth += m[0] === '{' || m[0] === '[' ? 1 : -1) === 0) return i;
          continue;
        }
      }
      // Nothing more in what has been read: read on, and search on from where this search ended.
      const resume = buf.length - pos;
      if (!(await readOnUntilDoubled(() => buf.length - pos, more)).grew) return mode === 'scalar' ? buf.length : -1;
      i = resume;
    }
  };

  if ((await peek()) !== '{') {
    problem('not a JSON object');
    return;
  }
  advance(pos + 1);
  let expectMember = true;
  for (;;) {
    const c = await peek();
    if (c === '') {
      problem("file ends before the top-level object's closing '}' (truncated?)");
      return;
    }
    if (c === '}') return;
    if (!expectMember) {
      if (c !== ',') {
        problem(`expected ',' or '}' after an entry, found '${c}'`);
        return;
      }
      advance(pos + 1);
      expectMember = true;
      continue;
    }
    if (c !== '"') {
      problem(`expected a quoted key, found '${c}'`);
      return;
    }
    const keyEnd = await valueEnd();
    let key: string | undefined;
    try {
      key = keyEnd < 0 ? undefined : (JSON.parse(buf.slice(pos, keyEnd)) as string);
    } catch {
      key = undefined;
    }
    if (key === undefined) {
      problem(keyEnd < 0 ? 'file ends inside a key (truncated?)' : 'unreadable key');
      return;
    }
    advance(keyEnd);
    if ((await peek()) !== ':') {
      problem(`expected ':' after key "${key}"`);
      return;
    }
    advance(pos + 1);
    if ((await peek()) === '') {
      problem(`file ends before the value of "${key}" (truncated?)`);
      return;
    }
    const end = await valueEnd();
    if (end < 0) {
      problem(`file ends inside the entry "${key}" that starts here (truncated?)`);
      return;
    }
    const start = line;
    const text = buf.slice(pos, end);
    advance(end);
    onMember(key, text, start);
    expectMember = false;
  }
}

/** Index just past the first unescaped '"' at or after `from`; -1 if there is none yet. */
function stringEnd(text: string, from: number): number {
  for (let q = text.indexOf('"', from); q >= 0; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
  }
  return -1;
}
