import { describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/model/report.js';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * A real vitest 3 run (__tests__/fixtures/real/vitest/MANIFEST.md), the same deliberate problems
 * as the jest project: two files that do not load, a beforeAll and an afterAll that throw, a test
 * that calls process.exit, one over its timeout, assertion failures of which two share one cause,
 * a skip. vitest's own summary: `Test Files  7 failed (7)`, `Tests  6 failed | 6 passed | 3 skipped (15)`.
 */

const T = (file: string) => projectFile('vitest', `test/${file}`);
const P = '__tests__/fixtures/real/vitest/project/test';

const MISSING = `P0 collection @ missing.test.js:2: Could not load tests in ${P}/missing.test.js: Cannot find module '../src/parser.js' imported from '/tmp/verdict-real/vitest/test/missing.test.js'`;
const SYNTAX = `P0 collection @ syntax.test.js: Could not load tests in ${P}/syntax.test.js: Failed to parse source for import analysis because the content contains invalid JS syntax. If you are using JSX, make sure to n… (truncated)`;
const EXIT = 'P0 crash @ crash.test.js:9: Test binary failed: Error: process.exit unexpectedly called with "3"';
const BEFORE_ALL = `P0 hook @ hook.test.js:6: Hook failed in ${P}/hook.test.js: cannot connect to database at localhost:5432`;
const AFTER_ALL = `P0 hook @ teardown.test.js:5: Hook failed in ${P}/teardown.test.js: temporary directory could not be removed`;
const SHARED = "P1 test-failure @ user.test.js:5: 2 tests fail with: TypeError: Cannot read properties of undefined (reading 'name')";

function p0p1(r: Report): string[] {
  return r.blockers.filter((b) => b.priority === 'P0' || b.priority === 'P1').map(brief);
}

/** The JUnit file counts each error outside a test as a test case: each such P0 counts it, once. */
function counted(line: string): string {
  return line.replace(/^(P0 \S+ @ \S+?):? /, '$1 blocks 1: ');
}

describe('a real vitest run', () => {
  it('JUnit: a file that cannot import is a P0 (not a test failure), so are the hooks and process.exit; failures carry file:line', async () => {
    const r = await analyzeReal('vitest', ['junit.xml']);
    expect(p0p1(r)).toEqual([
      counted(MISSING),
      counted(SYNTAX),
      counted(EXIT),
      counted(BEFORE_ALL),
      counted(AFTER_ALL),
      SHARED,
      'P1 test-failure @ math.test.js:10: math > adds negatives failed: AssertionError: expected -3 to be -4 // Object.is equality - -4 + -3',
      'P1 test-failure @ math.test.js:14: math > multiplies failed: AssertionError: expected 7 to be 6 // Object.is equality - 6 + 7',
      // A test over its own timeout is a test failure (P1): the run went on.
      'P1 test-failure @ math.test.js:21: math > waits for a promise that never settles failed: Error: Test timed out in 200ms. If this is a long-running test, pass a timeout value as the last argument or configure it globa… (truncated)',
    ]);
    // 19 cases: the 15 tests of vitest's summary and 4 errors outside tests; each P0 made of a case counts it.
    expect(r.tests).toEqual({ total: 14, passed: 6, failed: 5, errored: 0, skipped: 3, flaky: 0, blocked: 5 });
    expect(r.verdict).toBe('NO-GO');
    const hook = r.blockers.find((b) => b.title.includes('cannot connect'))!;
    expect(hook.tests).toEqual(['database > reads a row', 'database > writes a row']);
    const shared = r.blockers.find((b) => b.tests.includes('display name of a guest'))!;
    expect(shared.locations.map((l) => `${l.file}:${l.line}`)).toEqual([`${T('user.test.js')}:5`, `${T('user.test.js')}:9`]);
    for (const b of r.blockers) for (const l of b.locations) expect(l.file).not.toMatch(/node_modules|@vitest|node:internal/);
  });

  it('--reporter=json: the same P0s (vitest gives no reason for the beforeAll), the totals vitest printed', async () => {
    const r = await analyzeReal('vitest', ['vitest.json']);
    expect(p0p1(r)).toEqual([
      MISSING.replace('missing.test.js:2', 'missing.test.js'),
      SYNTAX,
      EXIT,
      `P0 hook @ hook.test.js: Hook failed in ${P}/hook.test.js: the test file failed outside its tests, and the report gives no reason (a beforeAll or afterAll hook?)`,
      AFTER_ALL.replace('teardown.test.js:5', 'teardown.test.js'),
      SHARED,
      'P1 test-failure @ math.test.js:10: math adds negatives failed: AssertionError: expected -3 to be -4 // Object.is equality',
      'P1 test-failure @ math.test.js:14: math multiplies failed: AssertionError: expected 7 to be 6 // Object.is equality',
      // vitest's JSON keeps only the stack of a timeout, captured where the test was declared.
      'P1 test-failure @ math.test.js:21: math waits for a promise that never settles failed: Error: STACK_TRACE_ERROR',
    ]);
    expect(r.tests).toEqual({ total: 15, passed: 6, failed: 6, errored: 0, skipped: 3, flaky: 0, blocked: 0 });
    expect(r.artifacts[0]!.declared).toEqual([{ total: 15, what: '"numTotalTests": 15', scope: 'file' }]);
  });

  it('the console: every error outside a test is a P0 at its line; its Tests line is declared for the run', async () => {
    const r = await analyzeReal('vitest', ['vitest-console.log']);
    expect(p0p1(r)).toEqual([MISSING, SYNTAX, EXIT, BEFORE_ALL, AFTER_ALL]);
    expect(r.artifacts[0]).toMatchObject({ runner: 'vitest', declared: [{ total: 15, what: 'Tests  6 failed | 6 passed | 3 skipped (15)', line: 180, scope: 'runner' }] });
  });

  it('the console with the JUnit file: each problem once, nothing declared goes missing', async () => {
    const r = await analyzeReal('vitest', ['vitest-console.log', 'junit.xml']);
    expect(p0p1(r).filter((l) => l.startsWith('P0'))).toEqual([counted(MISSING), counted(SYNTAX), counted(EXIT), counted(BEFORE_ALL), counted(AFTER_ALL)]);
    expect(r.blockers.some((b) => b.category === 'never-reported')).toBe(false);
  });

  it('a cut vitest JSON is a P0 naming the file; a cut JUnit file too, keeping what it held', async () => {
    const json = await analyzeReal('vitest', ['vitest-cut.json']);
    expect(json.blockers.map(brief)).toEqual([
      'P0 truncated @ vitest-cut.json:1: Report ends early (the JSON document is not closed, line 1): every test after the cut is lost',
    ]);
    expect(json.verdict).toBe('NO-GO');
    const xml = await analyzeReal('vitest', ['junit-cut.xml']);
    expect(p0p1(xml)).toEqual([
      counted(EXIT),
      counted(BEFORE_ALL),
      'P0 truncated @ junit-cut.xml:63: Report ends early (<testcase> opened here is never closed, line 63): every test after the cut is lost',
      'P1 test-failure @ math.test.js:10: math > adds negatives failed: AssertionError: expected -3 to be -4 // Object.is equality - -4 + -3',
      'P1 test-failure @ math.test.js:14: math > multiplies failed: AssertionError: expected 7 to be 6 // Object.is equality - 6 + 7',
    ]);
  });
});
