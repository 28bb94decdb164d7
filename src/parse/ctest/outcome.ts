import type { Finding, TestCase } from '../../model/report.js';
import { GtestConsole } from '../gtest/console.js';

/*
 * What one CTest test came to, from CTest's word for it (the console's `***Failed`, `SEGFAULT`,
 * `***Timeout`, `Not Run`; the JUnit's status) and the output it printed: a test case, or a
 * finding when it never got to a result — a crash, a timeout, an executable that is not there.
 * A GoogleTest binary's output says which of its tests failed where, or which one it died in.
 */

export type CtestEnd = 'passed' | 'failed' | 'skipped' | 'crash' | 'timeout' | 'not-run';

/** CTest's status text (console or JUnit) as one of the ends above. */
export function ctestEnd(status: string): CtestEnd {
  if (/^Passed\b/i.test(status)) return 'passed';
  if (/Disabled|Skipped/i.test(status)) return 'skipped';
  if (/Not Run|notrun|Could not find|Unable to find/i.test(status)) return 'not-run';
  if (/Timeout/i.test(status)) return 'timeout';
  if (/Exception|SEGFAULT|aborted|killed|Illegal|Numerical|Interrupt|BAD_COMMAND|OTHER_FAULT/i.test(status)) return 'crash';
  return 'failed';
}

/** Why a test did not run, as CTest prints it before the result (`Unable to find executable: …`). */
const NOT_RUN_REASON = /^(?:Unable to find executable: .*|Could not find executable .*|Failed test dependencies: .*|Required files missing: .*|Test not available .*)$/;

/**
 * The test's result, and the hooks its GoogleTest output shows failing (SetUpTestSuite, the
 * environment): those name no CTest test, as the test's result already counts what they stopped.
 */
export function ctestOutcome(name: string, end: CtestEnd, status: string, output: readonly string[], origin: string): { result: TestCase | Finding; hooks: Finding[] } {
  const gtest = new GtestConsole(origin);
  output.forEach((line, i) => gtest.line(line, i + 1));
  gtest.finish();
  const hooks = gtest.findings
    .filter((f) => f.kind === 'hook')
    .map(({ blocks, ...hook }) => ({ ...hook, message: `${hook.message} (in ${name}${blocks ? `; ${blocks.join(', ')} never ran` : ''})` }));
  return { result: result(name, end, status, output, gtest, origin), hooks };
}

function result(name: string, end: CtestEnd, status: string, output: readonly string[], gtest: GtestConsole, origin: string): TestCase | Finding {
  const excerpt = output.join('\n').trim() || undefined;
  const stopped = { tests: [name], blocks: [name], excerpt, origin };
  if (end === 'not-run') {
    // The console says "Could not find executable X" and, last, what the JUnit says too: "Unable to find executable: X".
    const reason = output.findLast((l) => NOT_RUN_REASON.test(l));
    const executable = /^Unable to find executable: (?:.*\/)?([^/]+)$/.exec(reason ?? '')?.[1];
    // Worded without the test's name, and under the executable, so that the tests of one target are one blocker.
    return { kind: 'not-built', ...(executable ? { package: executable } : {}), message: reason ?? `${name}: ${status}`, ...stopped };
  }
  const inCase = gtest.crashedIn && gtest.crashedIn !== name ? ` in ${gtest.crashedIn}` : '';
  if (end === 'timeout') return { kind: 'timeout', message: `${name} timed out${inCase} (${status})`, ...stopped };
  // A binary that stopped mid-test without a word from CTest (its JUnit says only "fail") died there.
  if (end === 'crash' || gtest.crashedIn) {
    const death = gtest.findings.find((f) => f.kind === 'crash');
    const message = end === 'crash' ? `${name} crashed${inCase} (${status})` : `${name} ended${inCase} with no result: its test binary died or was stopped (CTest says only "${status}")`;
    return { kind: 'crash', ...(death?.file ? { file: death.file, line: death.line } : {}), message, ...stopped };
  }
  const first = end === 'failed' ? gtest.firstFailure() : undefined;
  return {
    id: name,
    name,
    suite: '',
    ...(first?.file ? { file: first.file, line: first.line } : {}),
    status: end === 'failed' ? 'failed' : end,
    attempts: 1,
    ...(end === 'failed' ? { failure: first?.failure ?? { message: status, details: excerpt } } : {}),
    ...(end === 'skipped' ? { skipReason: status } : {}),
    origin,
  };
}
