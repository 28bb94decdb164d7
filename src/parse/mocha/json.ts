import path from 'node:path';
import type { Finding, ParseOutput, TestCase } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { frameInStack } from '../../text/frames.js';
import { readJsonInto } from '../json.js';
import type { Parser } from '../parser.js';
import { firstLine } from '../parser.js';
import { hookBlocks, mochaHook } from './hook.js';
import { ownFrameLine } from './where.js';

/*
 * Mocha's built-in `--reporter json` (lib/reporters/json.js): `stats`, then `tests` (every test
 * that ended, pending ones included), `pending`, `failures` and `passes`. A failed hook is only in
 * `failures`, titled after the hook; an error mocha caught outside the test's own code carries
 * `err.uncaught`.
 */

interface MochaErr {
  message?: string;
  stack?: string;
  name?: string;
  code?: string;
  actual?: unknown;
  expected?: unknown;
  operator?: string;
  uncaught?: boolean;
}

interface MochaTest {
  title?: string;
  fullTitle?: string;
  file?: string;
  duration?: number;
  err?: MochaErr;
}

interface MochaJson {
  stats?: { tests?: number };
  tests?: MochaTest[];
  pending?: MochaTest[];
  failures?: MochaTest[];
}

export const mochaJsonParser: Parser = {
  format: 'mocha-json',
  kind: 'tests',
  detect(head) {
    // The reporter writes `stats` first, and its first key is `suites`.
    return /^\s*\{\s*"stats"\s*:\s*\{\s*"suites"\s*:\s*\d/.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    out.runner = 'mocha';
    const json = await readJsonInto(source, out);
    if (!json) return out;
    const report = (json.value ?? {}) as MochaJson;
    if (!Array.isArray(report.tests)) {
      out.diagnostics.push({ file: source.path, message: 'no tests array (not a mocha json report?)' });
      return out;
    }
    const pending = new Set((report.pending ?? []).map(key));
    for (const t of report.tests) readTest(t, pending.has(key(t)), source.path, out);
    for (const t of report.failures ?? []) {
      const hook = mochaHook(t.title ?? '');
      if (hook) out.findings.push(hookFinding(t, hook.kind, hookBlocks(hook, suiteOf(t)), source.path));
    }
    const declared = report.stats?.tests;
    if (typeof declared === 'number' && declared > 0) out.declared = [{ total: declared, what: `"stats": { "tests": ${declared} }`, scope: 'file' }];
    return out;
  },
};

function key(t: MochaTest): string {
  return `${t.file ?? ''}\0${t.fullTitle ?? t.title ?? ''}`;
}

/** The describe blocks' titles: the full title without the test's own. */
function suiteOf(t: MochaTest): string {
  const full = t.fullTitle ?? '';
  const title = t.title ?? '';
  return full.endsWith(title) ? full.slice(0, full.length - title.length).trim() : '';
}

function readTest(t: MochaTest, pending: boolean, origin: string, out: ParseOutput): void {
  const name = t.fullTitle ?? t.title ?? '(unnamed)';
  const failed = !pending && t.err !== undefined && (t.err.message !== undefined || t.err.stack !== undefined);
  const where = failed ? locate(t.err!, t.file) : undefined;
  const suite = [...(t.file ? [path.posix.basename(t.file)] : []), suiteOf(t)].filter(Boolean).join(' › ');
  const test: TestCase = {
    id: `${suite}::${name}`,
    name,
    suite,
    file: where?.file ?? t.file,
    line: where?.line,
    status: pending ? 'skipped' : failed ? 'failed' : 'passed',
    durationMs: typeof t.duration === 'number' ? Math.round(t.duration) : undefined,
    attempts: 1,
    failure: failed ? failureOf(t.err!) : undefined,
    origin,
  };
  out.tests.push(test);
  // Mocha blames an error thrown outside any test's code (a timer, an event) on the test running then.
  if (failed && t.err!.uncaught) {
    out.findings.push({ kind: 'crash', file: test.file, line: test.line, message: `uncaught ${errLine(t.err!)} while '${name}' ran`, excerpt: t.err!.stack, tests: [name], origin });
  }
}

function hookFinding(t: MochaTest, kind: string, blocks: string[], origin: string): Finding {
  const err = t.err ?? {};
  const where = locate(err, t.file);
  return {
    kind: 'hook',
    file: where?.file ?? t.file,
    line: where?.line,
    message: `"${kind}" hook failed in '${suiteOf(t) || 'the root suite'}': ${errLine(err)}`,
    excerpt: err.stack,
    tests: [],
    ...(blocks.length > 0 ? { blocks } : {}),
    origin,
  };
}

function errLine(err: MochaErr): string {
  const message = firstLine(err.message ?? '') || firstLine(err.stack ?? '') || 'no message';
  return err.name && err.name !== 'Error' ? `${err.name}: ${message}` : message;
}

function failureOf(err: MochaErr): TestCase['failure'] {
  // Assertion libraries (node:assert, chai) put the values compared in actual/expected.
  const values = 'expected' in err || 'actual' in err ? `\nexpected: ${show(err.expected)}\nactual: ${show(err.actual)}` : '';
  return { message: firstLine(err.message ?? '') || firstLine(err.stack ?? ''), type: err.name, details: `${err.stack ?? err.message ?? ''}${values}`.trim() || undefined };
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Where the error was raised in the user's code: the frame in the test's own file, else the first
 * frame outside dependencies and the runtime. Mocha writes frames relative to its working directory.
 */
function locate(err: MochaErr, file: string | undefined): { file: string; line: number } | undefined {
  const stack = err.stack ?? '';
  const own = file ? ownFrameLine(stack, file) : undefined;
  return file && own !== undefined ? { file, line: own } : frameInStack(stack);
}
