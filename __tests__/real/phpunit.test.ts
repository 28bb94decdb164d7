import { describe, expect, it } from '@jest/globals';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * Real PHPUnit 9 runs (__tests__/fixtures/real/phpunit/MANIFEST.md lists every deliberate
 * problem and the figures PHPUnit printed).
 */

const HOOKS = [
  `P0 hook @ InventoryTest.php:12 blocks 2: Hook failed in ${projectFile('phpunit', 'tests/InventoryTest.php')} (2 tests never ran): InventoryTest::setUpBeforeClass failed: RuntimeException: inventory database is not reachable`,
  `P0 hook @ ReportTest.php:15: Hook failed in ${projectFile('phpunit', 'tests/ReportTest.php')}: ReportTest::tearDownAfterClass failed: could not remove the report directory`,
];
const FAILURES = [
  'P1 test-error @ CartTest.php:49: testCallsMissingMethod errored: Error: Call to undefined method Shop\\Cart::discount()',
  'P1 test-failure @ CartTest.php:33: testCountsLines failed: one line per sku Failed asserting that 1 matches expected 2.',
  'P1 test-failure @ CartTest.php:38: testSkuNames failed: Failed asserting that \'apple\' starts with "sku-".',
  // Two wrong totals of one bug, but nothing in the evidence says so: other values, other lines.
  'P1 test-failure @ CartTest.php:26: testTotalOfTwoLinesWithQuantity failed: Failed asserting that 120 is identical to 380.',
  'P1 test-failure @ CartTest.php:18: testTotalWithQuantity failed: Failed asserting that 50 is identical to 150.',
  'P3 skipped @ CartTest.php:41: 1 test skipped (no reason given)',
];
const LOAD = [
  `P0 collection @ BrokenTest.php:11: Could not load tests in ${projectFile('phpunit', 'tests-load/BrokenTest.php')}: Uncaught ParseError: syntax error, unexpected token "}"`,
  `P0 collection @ MissingParentTest.php:4: Could not load tests in ${projectFile('phpunit', 'tests-load/MissingParentTest.php')}: Uncaught Error: Class "Shop\\Testing\\DatabaseTestCase" not found`,
];
const CRASH = 'P0 crash @ ExportTest.php:17: Test binary failed in __tests__/fixtures/real/phpunit/project/tests-crash: Allowed memory size of 67108864 bytes exhausted (tried to allocate 2097152 bytes)';
// PHPUnit's `Tests: 11, …` less tearDownAfterClass, which it counts as a test.
const TOTALS = { total: 8, passed: 2, failed: 4, errored: 1, skipped: 1, flaky: 0, blocked: 2 };

describe('PHPUnit 9, real runs', () => {
  it('junit.xml: the message from the body, the location from its last line, both class hooks as P0s', async () => {
    const report = await analyzeReal('phpunit', ['junit.xml']);
    expect(report.blockers.map(brief)).toEqual([...HOOKS, ...FAILURES]);
    expect(report.tests).toEqual(TOTALS);
    const hook = report.blockers.find((b) => b.category === 'hook')!;
    expect(hook.blocked).toEqual(['testStockLevel', 'testReorder']);
    const failure = report.blockers.find((b) => b.title.startsWith('testCountsLines'))!;
    expect(failure.locations.map((l) => `${l.file}:${l.line}`)).toEqual([`${projectFile('phpunit', 'tests/CartTest.php')}:33`]);
    expect(report.verdict).toBe('NO-GO');
  });

  it('console.log with junit.xml: PHPUnit counted what the report shows, so nothing is missing', async () => {
    const report = await analyzeReal('phpunit', ['console.log', 'junit.xml']);
    expect(report.blockers.map(brief)).toEqual([...HOOKS, ...FAILURES]);
    expect(report.artifacts.find((a) => a.path.endsWith('console.log'))).toMatchObject({
      runner: 'phpunit',
      declared: [{ total: 10, what: "Tests: 11, Assertions: 7, Errors: 2, Failures: 5, Skipped: 2. (1 of them a class's setUpBeforeClass/tearDownAfterClass)", scope: 'runner' }],
    });
  });

  it('the logs of files that fail to load and of a fatal error mid-run: P0s at the file and line PHP names', async () => {
    expect((await analyzeReal('phpunit', ['load-syntax.log'])).blockers.map(brief)).toEqual([LOAD[0]]);
    expect((await analyzeReal('phpunit', ['load-missing.log'])).blockers.map(brief)).toEqual([LOAD[1]]);
    const crash = await analyzeReal('phpunit', ['crash.log', 'crash.xml']);
    expect(crash.blockers.map(brief)).toEqual([CRASH]);
    expect(crash.verdict).toBe('NO-GO');
  });

  it('junit-cut.xml: a cut report is a P0 and keeps the tests before the cut', async () => {
    const report = await analyzeReal('phpunit', ['junit-cut.xml']);
    expect(report.blockers.map(brief)).toEqual([
      'P0 truncated @ junit-cut.xml:26: Report ends early (file ends inside a tag, line 26): every test after the cut is lost',
      'P1 test-failure @ CartTest.php:33: testCountsLines failed: one line per sku Failed asserting that 1 matches expected 2.',
      'P1 test-failure @ CartTest.php:26: testTotalOfTwoLinesWithQuantity failed: Failed asserting that 120 is identical to 380.',
      'P1 test-failure @ CartTest.php:18: testTotalWithQuantity failed: Failed asserting that 50 is identical to 150.',
    ]);
  });

  it('every file together', async () => {
    const report = await analyzeReal('phpunit', ['console.log', 'junit.xml', 'load-syntax.log', 'load-missing.log', 'crash.log', 'crash.xml']);
    expect(report.blockers.map(brief)).toEqual([...LOAD, CRASH, ...HOOKS, ...FAILURES].sort(byPriority));
    expect(report.tests).toEqual(TOTALS);
    expect(report.verdict).toBe('NO-GO');
  });
});

function byPriority(a: string, b: string): number {
  return a.slice(0, 2).localeCompare(b.slice(0, 2));
}
