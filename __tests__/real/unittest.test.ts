import { describe, expect, test } from '@jest/globals';
import { analyzeReal, brief } from '../helpers/real.js';

/*
 * Real `python3 -m unittest` output (Debian's Python 3.11.2, pyenv's 3.13.0) of
 * __tests__/fixtures/real/unittest/project: see its MANIFEST.md for the commands and unittest's own figures.
 */

const P = '__tests__/fixtures/real/unittest/project/tests';
const NOT_RUN = [
  `P0 collection @ test_missing.py:3: Could not load tests in ${P}/test_missing.py: ModuleNotFoundError: No module named 'notthere'`,
  `P0 collection @ test_syntax.py:3: Could not load tests in ${P}/test_syntax.py: SyntaxError: invalid syntax`,
  `P0 hook @ test_hooks.py:7: Hook failed in ${P}/test_hooks.py: setUpClass of test_hooks.TestDatabase failed: ConnectionError: database is not reachable on port 5432`,
  `P0 hook @ test_hooks.py:22: Hook failed in ${P}/test_hooks.py: tearDownClass of test_hooks.TestScratch failed: PermissionError: cannot remove scratch dir`,
  `P0 hook @ test_module_hook.py:5: Hook failed in ${P}/test_module_hook.py: setUpModule of test_module_hook failed: RuntimeError: the fixture server did not start`,
];
const FAILURES = [
  "P1 test-error @ test_calc.py:17: 2 tests fail at calc.py:14: ValueError: could not convert string to float: '1,234'",
  'P1 test-failure @ test_calc.py:11: test_add_one failed: AssertionError: 4 != 3',
  'P1 test-failure: test_fixed_bug failed: unexpected success: an expected failure passed',
];

describe('unittest discover, with modules that do not import and hooks that fail (the issue: GO though tests never ran)', () => {
  test.each(['console-v.txt', 'console-v-py313.txt'])('%s: load failures and hooks are P0s, not tests; each test listed is read', async (log) => {
    const report = await analyzeReal('unittest', [log]);
    expect(report.blockers.map(brief)).toEqual([...NOT_RUN, ...FAILURES, 'P3 skipped: 1 test skipped: expected failure', 'P3 skipped: 1 test skipped: rounding bug #12']);
    // unittest: Ran 10 tests (2 of them the modules that failed to import); FAILED (failures=1, errors=7, skipped=1, expected failures=1, unexpected successes=1).
    expect(report.tests).toEqual({ total: 8, passed: 2, failed: 2, errored: 2, skipped: 2, flaky: 0, blocked: 0 });
    expect(report.artifacts[0]).toMatchObject({ runner: 'unittest', declared: [{ total: 8, scope: 'file', what: expect.stringMatching(/^Ran 10 tests in [\d.]+s \/ FAILED \(failures=1, errors=7,/) }] });
    for (const l of report.blockers.flatMap((b) => b.locations)) expect(l.file).not.toMatch(/lib\/python/);
    expect(report.verdict).toBe('NO-GO');
  });

  test('without -v: the same P0s; the failing tests are those with a section, the count is the runner\'s', async () => {
    const report = await analyzeReal('unittest', ['console.txt']);
    expect(report.blockers.map(brief)).toEqual([...NOT_RUN, ...FAILURES]);
    expect(report.tests).toMatchObject({ total: 4, failed: 2, errored: 2 });
    expect(report.artifacts[0]).toMatchObject({ declared: [{ total: 8, scope: 'runner' }] });
    expect(report.verdict).toBe('NO-GO');
  });
});

describe('unittest runs that died', () => {
  test('a segfault: faulthandler\'s stack gives the test and its line', async () => {
    const report = await analyzeReal('unittest', ['crash.txt']);
    expect(report.blockers.map(brief)).toEqual(['P0 crash @ test_crash.py:10: Test binary failed: Fatal Python error: Segmentation fault']);
    expect(report.blockers[0]!.tests).toEqual(['crash.test_crash.TestCrash::test_b_segfault']);
    expect(report.tests).toMatchObject({ total: 1, passed: 1 });
    expect(report.verdict).toBe('NO-GO');
  });

  test.each([
    ['exit.txt', 'crash.test_exit.TestExit::test_b_exits'],
    ['timeout-killed.txt', 'slow.test_slow.TestSlow::test_b_hangs'],
  ])('%s: a -v console with no `Ran` line is a run that was killed, during %s', async (log, running) => {
    const report = await analyzeReal('unittest', [log]);
    const list = report.blockers.map(brief);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^P0 crash @ test_\w+\.py: Test binary failed in \w+: unittest stopped before its summary, while running /);
    expect(report.blockers[0]!.tests).toEqual([running]);
    expect(report.verdict).toBe('NO-GO');
  });

  test('a log cut short: a P0, and the tests it lists still count', async () => {
    const report = await analyzeReal('unittest', ['console-v-truncated.txt']);
    expect(report.blockers.filter((b) => b.priority === 'P0').map(brief)).toEqual([
      'P0 crash: Test binary failed: unittest stopped before its summary: the process was killed or exited (a timeout, os._exit, a signal), or the log was cut',
    ]);
    expect(report.tests).toMatchObject({ total: 8, passed: 2 });
    expect(report.verdict).toBe('NO-GO');
  });
});
