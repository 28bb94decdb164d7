import { stripAnsi } from '../text/ansi.js';
import type { Failure, Finding, TestCase, TestStatus } from '../model/report.js';
import { emptyOutput } from '../model/report.js';
import { readJsonInto } from './json.js';
import { frameInStack } from '../text/frames.js';
import type { Parser } from './parser.js';
import { firstLine } from './parser.js';

/*
 * CTRF (https://ctrf.io): `{ results: { tool, summary, tests: [...] } }`, written by the ctrf-io
 * reporters for jest, playwright, cypress, mocha, go and others. Counts come from the tests array;
 * `results.summary` is what the reporter says about itself and is only checked against it.
 */

interface CtrfAttempt {
  status?: string;
  message?: string;
  trace?: string;
}

interface CtrfTest {
  name?: string;
  status?: string;
  rawStatus?: string;
  duration?: number;
  message?: string;
  trace?: string;
  filePath?: string;
  line?: number;
  retries?: number;
  flaky?: boolean;
  retryAttempts?: CtrfAttempt[];
  /** A " > "-joined path before spec 1.0, an array since. */
  suite?: string | string[];
}

/** playwright-ctrf-json-reporter puts errors outside any test (global setup, worker crash) here. */
interface CtrfRunError {
  message?: string;
  stack?: string;
  location?: { file?: string; line?: number; column?: number };
}

interface CtrfResults {
  summary?: { tests?: unknown };
  tests?: unknown;
  extra?: { errors?: unknown };
}

export const ctrfParser: Parser = {
  format: 'ctrf-json',
  kind: 'tests',
  detect(head) {
    if (!/^\s*\{/.test(head)) return false;
    return /"reportFormat"\s*:\s*"CTRF"/.test(head) || (/"results"\s*:\s*\{/.test(head) && /"tool"\s*:\s*\{/.test(head) && /"tests"\s*:\s*\[/.test(head));
  },
  async parse(source) {
    const out = emptyOutput();
    const json = await readJsonInto(source, out);
    if (!json) return out;
    const results = (json.value as { results?: CtrfResults } | null)?.results;
    if (!results || !Array.isArray(results.tests)) {
      out.diagnostics.push({ file: source.path, message: 'no results.tests array (not a CTRF report?)' });
      return out;
    }
    const undefinedStatus = new Map<string, string[]>();
    for (const t of results.tests as unknown[]) {
      if (typeof t === 'object' && t !== null) out.tests.push(toTestCase(t as CtrfTest, source.path, undefinedStatus));
    }
    for (const [status, names] of undefinedStatus) {
      const which = names.length === 1 ? `test '${names[0]}' has` : `${names.length} tests (first: '${names[0]}') have`;
      out.diagnostics.push({ file: source.path, message: `${which} status '${status}', which CTRF does not define; read as 'other'` });
    }
    const declared = results.summary?.tests;
    if (typeof declared === 'number' && declared !== results.tests.length) {
      out.diagnostics.push({ file: source.path, message: `results.summary says ${declared} tests but results.tests lists ${results.tests.length}; counted the list` });
    }
    if (Array.isArray(results.extra?.errors)) {
      for (const e of results.extra.errors as CtrfRunError[]) if (typeof e?.message === 'string') out.findings.push(runError(e, source.path));
    }
    return out;
  },
};

// rawStatus words (the runner's own status) of tests that did not run, and of tests that broke.
const NOT_RUN = /^(pending|skipped|skip|todo|disabled|ignored|excluded|notrun|not_run|not run)$/i;
const BROKE = /^(timedout|timeout|interrupted|error|errored|broken|crashed|aborted)$/i;
const STATUSES = new Set(['passed', 'failed', 'skipped', 'pending', 'other']);

function toTestCase(t: CtrfTest, origin: string, undefinedStatus: Map<string, string[]>): TestCase {
  const name = typeof t.name === 'string' && t.name !== '' ? t.name : '(unnamed)';
  // " > " is the old separator; the same path in both spellings gives the same id.
  const suite = (Array.isArray(t.suite) ? t.suite : typeof t.suite === 'string' ? t.suite.split(' > ') : []).join(' › ');
  const raw = typeof t.rawStatus === 'string' ? t.rawStatus : undefined;
  const retries = Number.isInteger(t.retries) && t.retries! > 0 ? t.retries! : 0;
  const given = String(t.status ?? '');
  if (!STATUSES.has(given)) undefinedStatus.set(given, [...(undefinedStatus.get(given) ?? []), name]);

  let status: TestStatus;
  let failure: Failure | undefined;
  let skipReason: string | undefined;
  switch (t.status) {
    case 'passed': {
      // Retries only follow a failure, so a pass after any is flaky even where `flaky` is not set.
      const failedBefore = (t.retryAttempts ?? []).filter((a) => a?.status === 'failed');
      status = t.flaky === true || retries > 0 || failedBefore.length > 0 ? 'flaky' : 'passed';
      const last = failedBefore[failedBefore.length - 1];
      if (status === 'flaky') failure = failureOf(last?.message ?? t.message, last?.trace ?? t.trace);
      break;
    }
    case 'failed':
      status = 'failed';
      failure = failureOf(t.message, t.trace);
      break;
    case 'skipped':
    case 'pending':
      // "pending": declared but not run (jest's it.skip, a todo) — not evidence either way.
      status = 'skipped';
      skipReason = firstLine(stripAnsi(t.message ?? '')) || (t.status === 'pending' ? (raw ?? 'pending') : undefined);
      break;
    default:
      // "other": the reporter's catch-all. jest-ctrf uses it for todo/disabled tests; anything that
      // says it broke is errored; an outcome nobody states is not a pass, so it is not run.
      if (raw && NOT_RUN.test(raw)) {
        status = 'skipped';
        skipReason = raw;
      } else if (t.message || t.trace || (raw && BROKE.test(raw))) {
        status = 'errored';
        failure = failureOf(t.message ?? raw, t.trace);
      } else {
        status = 'skipped';
        skipReason = `CTRF status '${t.status ?? ''}'${raw ? ` (runner status '${raw}')` : ''}: outcome not reported`;
      }
  }

  let file = typeof t.filePath === 'string' && t.filePath !== '' ? t.filePath : undefined;
  let line = Number.isInteger(t.line) && t.line! > 0 ? t.line : undefined;
  if (line === undefined && failure?.details) {
    const frame = frameInStack(failure.details, file);
    if (frame) {
      file ??= frame.file;
      line = frame.line;
    }
  }
  return {
    id: `${suite}::${name}`,
    name,
    suite,
    file,
    line,
    status,
    durationMs: typeof t.duration === 'number' && t.duration >= 0 ? Math.round(t.duration) : undefined,
    // `retries` counts the runs after the first; a flaky test ran at least twice.
    attempts: Math.max(retries + 1, status === 'flaky' ? 2 : 1),
    failure,
    skipReason,
    origin,
  };
}

/** The message's first line, and the whole message with the trace (which often repeats it). */
function failureOf(message: string | undefined, trace: string | undefined): Failure | undefined {
  const m = stripAnsi(message ?? '').trim();
  const tr = stripAnsi(trace ?? '').trim();
  if (m === '' && tr === '') return undefined;
  const details = tr.includes(m) ? tr : [m, tr].filter(Boolean).join('\n\n');
  return { message: firstLine(m) || firstLine(tr), details };
}

function runError(e: CtrfRunError, origin: string): Finding {
  const message = stripAnsi(e.message ?? '').trim();
  const loc = e.location;
  return {
    kind: 'crash',
    file: loc?.file,
    line: Number.isInteger(loc?.line) && loc!.line! > 0 ? loc!.line : undefined,
    column: Number.isInteger(loc?.column) && loc!.column! > 0 ? loc!.column : undefined,
    message: firstLine(message) || 'error outside any test',
    excerpt: stripAnsi(e.stack ?? message) || undefined,
    tests: [],
    origin,
  };
}
