import { describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/model/report.js';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * A real jest 29 run (__tests__/fixtures/real/jest/MANIFEST.md): two test files that do not load
 * (a syntax error, a missing module), a beforeAll and an afterAll that throw, a worker killed by
 * process.exit, a test over its timeout, assertion failures of which two share one cause, a skip.
 * jest's own summary: `Tests: 7 failed, 1 skipped, 4 passed, 12 total`, `Test Suites: 7 failed, 7 total`.
 */

const T = (file: string) => projectFile('jest', `__tests__/${file}`);

const LOAD_FAILURES = [
  "P0 collection @ missing.test.js:1: Could not load tests in __tests__/fixtures/real/jest/project/__tests__/missing.test.js: Cannot find module '../src/parser' from '__tests__/missing.test.js'",
  'P0 collection @ syntax.test.js:7: Could not load tests in __tests__/fixtures/real/jest/project/__tests__/syntax.test.js: SyntaxError: /tmp/verdict-real/jest/__tests__/syntax.test.js: Unexpected token, expected "," (7:47)',
  'P0 crash @ crash.test.js: Test binary failed: Jest worker encountered 4 child process exceptions, exceeding retry limit',
];
const BEFORE_ALL = 'P0 hook @ hook.test.js:5 blocks 2: Hook failed in __tests__/fixtures/real/jest/project/__tests__/hook.test.js (2 tests never ran): Error: cannot connect to database at localhost:5432';
const AFTER_ALL = 'P0 hook @ teardown.test.js:4: Hook failed in __tests__/fixtures/real/jest/project/__tests__/teardown.test.js: temporary directory could not be removed';
const ASSERTIONS = [
  'P1 test-failure @ math.test.js:9: math adds negatives failed: Error: expect(received).toBe(expected) // Object.is equality Expected: -4 Received: -3',
  'P1 test-failure @ math.test.js:13: math multiplies failed: Error: expect(received).toBe(expected) // Object.is equality Expected: 6 Received: 7',
  // A test over its own timeout is a test failure (P1): the run went on.
  'P1 test-failure @ math.test.js:20: math waits for a promise that never settles failed: Error: thrown: "Exceeded timeout of 200 ms for a test. Add a timeout value to this test to increase the timeout, if this is a l… (truncated)',
];
// jest-junit writes no file: the first frame outside node_modules is the source's.
const JUNIT_FAILURES = ["P1 test-failure @ user.js:2: 2 tests fail with: TypeError: Cannot read properties of undefined (reading 'name')", ...ASSERTIONS];
// What jest-junit with reportTestSuiteErrors says, and jest-junit with the console.
const EVERY_PROBLEM = [...LOAD_FAILURES, BEFORE_ALL, AFTER_ALL, ...JUNIT_FAILURES];
// jest's summary without the 2 tests the beforeAll stopped: they count as blocked.
const TOTALS = { total: 10, passed: 4, failed: 5, errored: 0, skipped: 1, flaky: 0, blocked: 2 };

function p0p1(r: Report): string[] {
  return r.blockers.filter((b) => b.priority === 'P0' || b.priority === 'P1').map(brief);
}

describe('a real jest run', () => {
  it('jest --json: each suite that did not load, the dead worker and both hooks are P0s; the assertions P1s with their values', async () => {
    const r = await analyzeReal('jest', ['jest.json']);
    expect(p0p1(r)).toEqual([
      ...LOAD_FAILURES,
      BEFORE_ALL,
      AFTER_ALL,
      "P1 test-failure @ user.test.js:4: 2 tests fail with: TypeError: Cannot read properties of undefined (reading 'name')",
      ...ASSERTIONS,
    ]);
    expect(r.tests).toEqual(TOTALS);
    expect(r.artifacts[0]!.declared).toEqual([{ total: 12, what: '"numTotalTests": 12', scope: 'file' }]);
    expect(r.verdict).toBe('NO-GO');
    const hook = r.blockers.find((b) => b.category === 'hook')!;
    expect(hook.blocked).toEqual(['database reads a row', 'database writes a row']);
    // The two tests that share a cause are one P1, each at its own line in the test file.
    const shared = r.blockers.find((b) => b.tests.includes('display name of a guest'))!;
    expect(shared.locations.map((l) => `${l.file}:${l.line}`)).toEqual([`${T('user.test.js')}:4`, `${T('user.test.js')}:8`]);
  });

  it('jest-junit with its default settings: the hooks are P0s, the rest P1s with file:line in the user code', async () => {
    const r = await analyzeReal('jest', ['junit.xml']);
    expect(p0p1(r)).toEqual([
      BEFORE_ALL,
      AFTER_ALL,
      ...JUNIT_FAILURES,
    ]);
    expect(r.tests).toEqual(TOTALS);
    for (const b of r.blockers) for (const l of b.locations) expect(l.file).not.toMatch(/node_modules|jest-circus|node:internal/);
  });

  it('jest-junit with reportTestSuiteErrors: a suite that did not load is a P0 naming its cause, once though written twice', async () => {
    const r = await analyzeReal('jest', ['junit-suite-errors.xml']);
    expect(p0p1(r)).toEqual(EVERY_PROBLEM);
    expect(r.tests).toEqual(TOTALS);
  });

  it('the console: suites that did not load, the dead worker and the afterAll are P0s; its Tests: line is declared for the run', async () => {
    const r = await analyzeReal('jest', ['jest-console.log']);
    expect(p0p1(r)).toEqual([...LOAD_FAILURES, AFTER_ALL]);
    expect(r.artifacts[0]).toMatchObject({ runner: 'jest', declared: [{ total: 12, what: 'Tests:       7 failed, 1 skipped, 4 passed, 12 total', line: 209, scope: 'runner' }] });
    expect(r.verdict).toBe('NO-GO');
  });

  it('the console with jest-junit (the suites jest-junit leaves out): every problem once, the totals jest printed', async () => {
    const r = await analyzeReal('jest', ['jest-console.log', 'junit.xml']);
    // Read from both files, the afterAll is one P0: jest-junit's made-up case says what the console says.
    expect(p0p1(r)).toEqual(EVERY_PROBLEM);
    // 12 declared by the console = 10 results + 2 blocked: nothing is missing.
    expect(r.tests).toEqual(TOTALS);
    expect(r.blockers.some((b) => b.category === 'never-reported')).toBe(false);
  });

  it('a cut jest --json is a P0 naming the file; a cut jest-junit too, keeping what it held', async () => {
    const json = await analyzeReal('jest', ['jest-cut.json']);
    expect(json.blockers.map(brief)).toEqual([
      'P0 truncated @ jest-cut.json:1: Report ends early (the JSON document is not closed, line 1): every test after the cut is lost',
    ]);
    expect(json.verdict).toBe('NO-GO');
    const xml = await analyzeReal('jest', ['junit-cut.xml']);
    expect(xml.blockers.map(brief)).toEqual([
      'P0 hook @ hook.test.js:5 blocks 1: Hook failed in __tests__/fixtures/real/jest/project/__tests__/hook.test.js (1 test never ran): Error: cannot connect to database at localhost:5432',
      'P0 truncated @ junit-cut.xml:21: Report ends early (<testcase> opened here is never closed, line 21): every test after the cut is lost',
    ]);
  });
});
