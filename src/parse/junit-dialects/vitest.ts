import type { Finding, TestCase } from '../../model/report.js';
import { frameInStack } from '../../text/frames.js';
import { assertionMessage, fileErrorKind, fileErrorMessage, isWorkerCrash } from '../js-failure.js';
import { detach } from '../xml/detach.js';
import type { CaseContext, CaseReview, RunnerSign } from './types.js';

/*
 * vitest's JUnit reporter. An error outside any test is written as a case of its own: named as
 * its file (classname) when the file failed — to load, or in a top-level afterAll —, named as its
 * describe when that describe's beforeAll threw, after the describe's tests, written as skipped.
 * Stacks are vitest's `❯ file:line:col`; the message is only the error's first line. The header's
 * tests="…" counts such cases: each finding made of one counts it (blockedCount), or the file
 * would seem to have lost tests.
 */

export const vitestSign: RunnerSign = (open, depth) => (depth === 0 && open.attrs.name === 'vitest tests' ? 'vitest' : undefined);

// The skipped cases of the <testsuite> read last (its scope object, one per element and parse): a describe's failed hook names them.
let skipped: { suite: object | undefined; names: string[] } = { suite: undefined, names: [] };

export const reviewVitestCase: CaseReview = (test, context) => {
  if (context.runner !== 'vitest') return undefined;
  if (!context.suite || skipped.suite !== context.suite) skipped = { suite: context.suite, names: [] };
  if (test.status === 'skipped') {
    skipped.names.push(test.name);
    return undefined;
  }
  const details = test.failure?.details;
  if (!details) return undefined;
  const message = detach(assertionMessage(details));
  const file = detach(context.attrs.classname ?? test.file ?? '');
  const where = vitestFrame(details, file);
  const at = { file: file || test.file, ...(where ? { line: where.line, column: where.column } : {}) };
  if (test.name === context.attrs.classname) return finding(fileErrorKind(message), test, context, fileErrorMessage(message), details, at, {});
  const stopped = skipped.names.filter((n) => n.startsWith(`${test.name} > `));
  // Those tests are in the report already, as skipped: named here, not counted again.
  if (stopped.length > 0) return finding('hook', test, context, fileErrorMessage(message), details, at, { tests: stopped });
  if (isWorkerCrash(message)) return finding('crash', test, context, message, details, at, { tests: [test.name] });
  test.failure!.message = message;
  if (where && !test.line) Object.assign(test, { file: at.file, line: where.line });
  return test;
};

/** The first frame in the test file (vitest's `❯ file:line:col`, or V8's), else in any user code. */
function vitestFrame(details: string, file: string): { line: number; column?: number } | undefined {
  for (const line of details.split('\n', 200)) {
    const m = /^\s*❯ (?:\S+ )?(\S+?):(\d+):(\d+)$/.exec(line);
    if (m && !/node_modules/.test(m[1]!) && (!file || m[1]!.endsWith(file))) return { line: Number(m[2]), column: Number(m[3]) };
  }
  return frameInStack(details, file || undefined);
}

function finding(kind: Finding['kind'], test: TestCase, context: CaseContext, message: string, details: string, at: { file?: string; line?: number; column?: number }, names: { tests?: string[] }): Finding {
  return { kind, ...at, message, excerpt: detach(details), tests: names.tests ?? [], blockedCount: 1, origin: context.origin };
}
