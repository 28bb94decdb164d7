import { stripAnsi } from '../text/ansi.js';
import type { Failure, Finding, ParseOutput, TestCase, TestStatus } from '../model/report.js';
import { emptyOutput } from '../model/report.js';
import { assertionMessage, isHookFailure, isWorkerCrash } from './js-failure.js';
import { readJsonInto } from './json.js';
import { babelSyntaxError, frameInStack } from '../text/frames.js';
import type { Parser } from './parser.js';
import { firstLine } from './parser.js';

/*
 * `jest --json` (and `--outputFile`), and vitest's json reporter, which writes the same shape:
 * one entry per test file with its assertion results. A file that could not run has no
 * assertion results, only a message; it becomes a finding so its tests count as blocked. Tests
 * jest-circus failed with their beforeAll's error are that hook's, one finding for them all.
 */

interface JestAssertion {
  ancestorTitles?: string[];
  title?: string;
  fullName?: string;
  status?: string;
  failureMessages?: string[];
  location?: { line?: number; column?: number } | null;
  duration?: number | null;
  invocations?: number;
  retryReasons?: string[];
}

interface JestFile {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: JestAssertion[];
  /** Older jest and some custom reporters: why the file could not run. */
  testExecError?: { message?: string; stack?: string } | null;
}

export const jestJsonParser: Parser = {
  format: 'jest-json',
  kind: 'tests',
  detect(head) {
    // `npm test -- --json > out.json` puts npm's banner lines before the object.
    return /^\s*\{/m.test(head) && /"numTotalTests"\s*:\s*\d/.test(head) && /"testResults"\s*:\s*\[/.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    const json = await readJsonInto(source, out);
    if (!json) return out;
    const report = json.value as { testResults?: unknown; numTotalTests?: unknown } | null;
    const files = report?.testResults;
    if (!Array.isArray(files)) {
      out.diagnostics.push({ file: source.path, message: 'no testResults array (not a jest --json report?)' });
      return out;
    }
    const total = report?.numTotalTests;
    if (typeof total === 'number' && total > 0) out.declared = [{ total, what: `"numTotalTests": ${total}`, scope: 'file' }];
    const unknown = new Map<string, string[]>();
    for (const f of files as JestFile[]) {
      if (typeof f !== 'object' || f === null) continue;
      const file = typeof f.name === 'string' && f.name !== '' ? f.name : undefined;
      const assertions = Array.isArray(f.assertionResults) ? f.assertionResults : [];
      const hooks = new Map<string, Finding>();
      for (const a of assertions) addResult(out, toTestCase(a, file, source.path, unknown), hooks);
      out.findings.push(...hooks.values());
      const problem = fileProblem(f, assertions, file, source.path);
      if (problem) out.findings.push(problem);
    }
    for (const [status, names] of unknown) {
      const which = names.length === 1 ? `test '${names[0]}' has` : `${names.length} tests (first: '${names[0]}') have`;
      out.diagnostics.push({ file: source.path, message: `${which} unknown status '${status}'; counted as errored` });
    }
    return out;
  },
};

/**
 * A test, or what its failure says it was: the failure of a hook run for it (one finding per
 * hook and file, naming every test it stopped), the death of the test process.
 */
function addResult(out: ParseOutput, test: TestCase, hooks: Map<string, Finding>): void {
  const failure = test.failure;
  if (!failure?.details || test.status !== 'failed') return void out.tests.push(test);
  if (!isHookFailure(failure.details)) {
    // The test stays a result (it ran, and failed); the finding says the process went with it.
    if (isWorkerCrash(failure.message)) out.findings.push({ kind: 'crash', file: test.file, line: test.line, message: failure.message, excerpt: failure.details, tests: [test.name], origin: test.origin });
    return void out.tests.push(test);
  }
  const key = `${failure.message}\u0000${test.line ?? ''}`;
  const hook = hooks.get(key);
  if (hook) return void hook.blocks!.push(test.name);
  hooks.set(key, { kind: 'hook', file: test.file, line: test.line, message: failure.message, excerpt: failure.details, tests: [], blocks: [test.name], origin: test.origin });
}

// Statuses of tests that did not run, with the reason worth showing (`it.skip` gives none).
const NOT_RUN = new Map<string, string | undefined>([
  ['pending', undefined],
  ['skipped', undefined],
  ['todo', 'todo'],
  ['disabled', 'disabled'],
]);

function toTestCase(a: JestAssertion, file: string | undefined, origin: string, unknown: Map<string, string[]>): TestCase {
  const ancestors = Array.isArray(a.ancestorTitles) ? a.ancestorTitles : [];
  const title = a.title ?? '(unnamed)';
  const name = a.fullName || [...ancestors, title].join(' ');
  // The file's base name keeps same-named tests of two files apart, and is the same on every machine.
  const suite = [...(file ? [baseName(file)] : []), ...ancestors].join(' › ');
  const runs = Math.max(1, Math.trunc(a.invocations ?? 1));
  const messages = (a.failureMessages ?? []).map(stripAnsi);

  let status: TestStatus;
  let failure: Failure | undefined;
  let skipReason: string | undefined;
  const raw = a.status ?? '';
  // "focused" (`.only`) says the test was picked to run, not how it ended; its failures do.
  if (NOT_RUN.has(raw)) {
    status = 'skipped';
    skipReason = NOT_RUN.get(raw);
  } else if (raw === 'failed' || (raw === 'focused' && messages.length > 0)) {
    status = 'failed';
    failure = failureOf(messages);
  } else if (raw === 'passed' || raw === 'focused') {
    // jest.retryTimes: a pass after failed invocations; retryReasons hold those failures (when jest keeps them).
    status = runs > 1 ? 'flaky' : 'passed';
    if (status === 'flaky' && a.retryReasons?.length) failure = failureOf(a.retryReasons.slice(-1).map(stripAnsi));
  } else {
    status = 'errored';
    failure = messages.length > 0 ? failureOf(messages) : { message: `jest status '${raw}'` };
    unknown.set(raw, [...(unknown.get(raw) ?? []), name]);
  }

  // Where it failed (the assertion's frame in the test file) says more than where the test is declared.
  const declared = a.location?.line;
  const failedAt = failure?.details && file ? frameIn(failure.details, file)?.line : undefined;
  const line = failedAt ?? declared;
  return {
    id: `${suite}::${name}`,
    name,
    suite,
    file,
    line: line !== undefined && line > 0 ? line : undefined,
    status,
    durationMs: typeof a.duration === 'number' ? Math.round(a.duration) : undefined,
    attempts: runs,
    failure,
    skipReason,
    origin,
  };
}

function failureOf(messages: string[]): Failure {
  const details = messages.join('\n\n').trim();
  return { message: assertionMessage(details), details: details || undefined };
}

/**
 * A test file that failed outside its tests: it could not be loaded ("Test suite failed to run":
 * syntax error, missing module, no tests), its worker died, or a hook outside any test (afterAll)
 * threw — or, in vitest's report, a beforeAll whose tests it marks skipped, with no message at all.
 */
function fileProblem(f: JestFile, assertions: JestAssertion[], file: string | undefined, origin: string): Finding | undefined {
  const text = stripAnsi(f.message || f.testExecError?.message || f.testExecError?.stack || '').trim();
  // The file's message also holds the failures of its tests, each under its own "● name" heading.
  const suiteError = text.split(/^[ \t]*● /m).find((block) => block.startsWith(SUITE_FAILED));
  const failedAlone = f.status === 'failed' && !assertions.some((a) => a.status === 'failed');
  if (suiteError === undefined && !f.testExecError && !failedAlone) return undefined;
  const excerpt = suiteError !== undefined ? suiteError.slice(SUITE_FAILED.length).trim() : text;
  const where = file ? locate(excerpt, file) : undefined;
  const message = firstLine(excerpt);
  return {
    // With no test results nothing in the file ran; with some, they ran and the file broke around them.
    kind: isWorkerCrash(message) ? 'crash' : assertions.length === 0 ? 'collection' : 'hook',
    file,
    line: where?.line,
    column: where?.column,
    message: message || 'the test file failed outside its tests, and the report gives no reason (a beforeAll or afterAll hook?)',
    excerpt: excerpt || undefined,
    tests: [],
    origin,
  };
}

const SUITE_FAILED = 'Test suite failed to run';

/** The first line of `text` holding Babel's `SyntaxError: file: message (line:column)`, read from there. */
function syntaxErrorIn(text: string): ReturnType<typeof babelSyntaxError> {
  // The first occurrence of each line only: from every one, the rest of the line is read.
  for (let at = text.indexOf('SyntaxError: '); at >= 0; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const found = babelSyntaxError(text.slice(at, end));
    if (found) return found;
    at = nl < 0 ? -1 : text.indexOf('SyntaxError: ', end);
  }
  return undefined;
}

/** Where in the test file the error is: Babel's `file: message (line:column)`, else a stack frame. */
function locate(text: string, file: string): { line: number; column?: number } | undefined {
  const babel = syntaxErrorIn(text);
  if (babel && samePath(babel.file, file)) return { line: babel.line, column: babel.column };
  const frame = frameIn(text, file);
  return frame ? { line: frame.line } : undefined;
}

/** A frame in `file`: failure messages name it absolute, jest's file messages relative to rootDir. */
function frameIn(text: string, file: string): { file: string; line: number } | undefined {
  return frameInStack(text, file) ?? frameInStack(text, baseName(file));
}

function samePath(shown: string, file: string): boolean {
  const a = shown.replace(/\\/g, '/');
  const b = file.replace(/\\/g, '/');
  return a === b || b.endsWith(`/${a}`);
}

function baseName(file: string): string {
  return file.replace(/\\/g, '/').split('/').pop() ?? file;
}

