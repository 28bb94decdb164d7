import { describe, expect, test } from '@jest/globals';
import { analyzeReal, brief } from '../helpers/real.js';

/*
 * Real pytest 7.2.1 output (Debian python3-pytest, python3-pytest-timeout) of
 * __tests__/fixtures/real/pytest/project: see its MANIFEST.md for the commands and pytest's own figures.
 */

const COLLECTION = [
  "P0 collection @ test_missing.py:1: Could not load tests in __tests__/fixtures/real/pytest/project/tests/test_missing.py: ModuleNotFoundError: No module named 'notthere'",
  'P0 collection @ test_syntax.py:2: Could not load tests in __tests__/fixtures/real/pytest/project/tests/test_syntax.py: SyntaxError: invalid syntax',
];
const HOOKS = [
  'P0 hook @ conftest.py:6 blocks 2: Hook failed in __tests__/fixtures/real/pytest/project/tests/conftest.py (2 tests never ran): ConnectionError: database is not reachable on port 5432',
  'P0 hook @ conftest.py:12: Hook failed in __tests__/fixtures/real/pytest/project/tests/conftest.py: PermissionError: cannot remove scratch dir',
];

async function p0(files: string[]) {
  const report = await analyzeReal('pytest', files);
  return { report, p0: report.blockers.filter((b) => b.priority === 'P0').map(brief) };
}

describe('pytest, interrupted by collection errors (the issue: GO though no test ran)', () => {
  test('junit.xml: each module that did not import is a P0 collection blocker, not a test', async () => {
    const { report, p0: list } = await p0(['junit.xml']);
    expect(list).toEqual(COLLECTION);
    expect(report.tests.total).toBe(0);
    expect(report.verdict).toBe('NO-GO');
  });

  test('junit.xml and its console: one blocker per module, with both sources', async () => {
    const { report, p0: list } = await p0(['junit.xml', 'console.txt']);
    expect(list).toEqual(COLLECTION);
    for (const b of report.blockers) expect([...b.sources].sort()).toEqual(['__tests__/fixtures/real/pytest/out/console.txt', '__tests__/fixtures/real/pytest/out/junit.xml']);
  });

  test('a JUnit file cut short is a P0 of its own', async () => {
    const { p0: list } = await p0(['junit-truncated.xml']);
    expect(list).toEqual([COLLECTION[0], expect.stringMatching(/^P0 truncated @ junit-truncated\.xml:8: .* ends early/)]);
  });
});

describe('pytest --continue-on-collection-errors', () => {
  test('xunit1 JUnit: collection and fixture errors are P0s; failures carry pytest\'s message at the failing line', async () => {
    const { report } = await p0(['junit-xunit1.xml']);
    const lines = report.blockers.map(brief);
    expect(lines.filter((l) => !l.includes('never-reported'))).toEqual([
      ...COLLECTION,
      ...HOOKS,
      "P1 test-failure @ test_calc.py:17: 2 tests fail at calc.py:14: ValueError: could not convert string to float: '1 234'",
      'P1 test-failure @ test_calc.py:11: test_add_one failed: assert 4 == 3 + where 4 = add(1, 2)',
      'P1 test-failure @ test_calc.py:15: test_mul failed: assert 9 == 10 + where 9 = mul(3, 3)',
      'P1 test-failure @ test_calc.py:40: test_xpass_strict failed: [XPASS(strict)] strictly broken',
      'P2 skipped-environment @ test_calc.py:25: 1 test skipped: no network here',
      'P3 skipped @ test_calc.py:30: 1 test skipped: rounding bug #12',
    ]);
    // pytest: 5 failed, 2 passed, 1 skipped, 1 xfailed, 1 xpassed, 5 errors (2 collection, 2 setup, 1 teardown).
    // The test whose teardown failed is the hook blocker; the two whose setup failed are blocked.
    expect(report.tests).toEqual({ total: 9, passed: 2, failed: 5, errored: 0, skipped: 2, flaky: 0, blocked: 3 });
    for (const l of report.blockers.flatMap((b) => b.locations)) expect(l.file).not.toMatch(/dist-packages|lib\/python/);
    expect(report.verdict).toBe('NO-GO');
  });

  test.each(['console-v.txt', 'console-tb-short.txt'])('%s: the same P0s as the JUnit, merged with it', async (log) => {
    const alone = await p0([log]);
    expect(alone.p0).toEqual([...COLLECTION, ...HOOKS]);
    const both = await p0(['junit-xunit1.xml', log]);
    const merged = both.report.blockers.filter((b) => b.category === 'collection' || b.category === 'hook');
    expect(merged.map(brief)).toEqual([...COLLECTION, ...HOOKS]);
    for (const b of merged) expect(b.sources).toHaveLength(2);
  });

  test('--tb=no: the short summary still names each module that did not load', async () => {
    const { p0: list } = await p0(['console-tb-no.txt']);
    expect(list).toEqual([
      'P0 collection @ test_missing.py: Could not load tests in __tests__/fixtures/real/pytest/project/tests/test_missing.py: ERROR collecting tests/test_missing.py',
      'P0 collection @ test_syntax.py: Could not load tests in __tests__/fixtures/real/pytest/project/tests/test_syntax.py: ERROR collecting tests/test_syntax.py',
    ]);
  });
});

describe('pytest runs that died', () => {
  test('a segfault: faulthandler\'s stack gives the test and its line', async () => {
    const { report, p0: list } = await p0(['crash.txt']);
    expect(list).toEqual(['P0 crash @ test_crash.py:10: Test binary failed: Fatal Python error: Segmentation fault']);
    expect(report.blockers[0]!.tests).toEqual(['crash/test_crash.py::test_segfault']);
  });

  test.each([
    ['exit.txt', 'crash/test_exit.py::test_exits'],
    ['timeout-killed.txt', 'slow/test_slow.py::test_hangs'],
  ])('%s: a console with no summary is a run that was killed, during %s', async (log, running) => {
    const { report, p0: list } = await p0([log]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/^P0 crash @ test_\w+\.py: Test binary failed in \w+: pytest stopped before its summary, while running /);
    expect(report.blockers[0]!.tests).toEqual([running]);
  });

  test('pytest-timeout: the test it killed is a P0 timeout at the line it hung on; the others count', async () => {
    const { report, p0: list } = await p0(['pytest-timeout.xml']);
    expect(list).toEqual(['P0 timeout @ test_slow.py:9 blocks 1: Timeout in slow: test_hangs: Failed: Timeout >2.0s']);
    // pytest: 1 failed, 2 passed.
    expect(report.tests).toMatchObject({ total: 2, passed: 2, blocked: 1 });
  });
});

describe("pytest's own count", () => {
  test("the summary line is the run's count, and the JUnit of the same run accounts for every test", async () => {
    const report = await analyzeReal('pytest', ['console-v.txt', 'junit-xunit1.xml']);
    const log = report.artifacts.find((a) => a.path.endsWith('console-v.txt'))!;
    // pytest: 5 failed, 2 passed, 1 skipped, 1 xfailed, 1 xpassed, 5 errors (errors are no tests).
    expect([log.runner, log.declared]).toEqual(['pytest', [expect.objectContaining({ total: 10, what: '5 failed, 2 passed, 1 skipped, 1 xfailed, 1 xpassed, 5 errors in 0.11s', scope: 'runner' })]]);
    // Nothing missing against pytest's count (the xunit1 header's own count is another matter: see above).
    expect(report.blockers.filter((b) => b.category === 'never-reported' && b.file?.endsWith('console-v.txt'))).toEqual([]);
  });
});
