import { describe, expect, it } from '@jest/globals';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * Real Ant 1.10 + JUnit 4.13 runs (__tests__/fixtures/real/ant/MANIFEST.md lists every deliberate
 * problem and the figures Ant printed). Ant's XML names no files: frames do, as package paths
 * found under the project's source root.
 */

const TEST_SRC = (file: string) => projectFile('ant', `src/test/java/com/acme/${file}`);
const COMPILE = 'P0 compile @ LedgerTest.java:10: __tests__/fixtures/real/ant/project/broken/com/acme does not build: cannot find symbol (+2 more errors)';
const P0 = [
  'P0 crash @ ExportTest.java blocks 1: Test binary failed in com.acme: forked JVM exited abnormally while com.acme.ExportTest.exportExits ran (System.exit, a crash or a kill)',
  `P0 hook @ InventoryTest.java:11: Hook failed in ${TEST_SRC('InventoryTest.java')}: com.acme.InventoryTest.connect failed: inventory database is not reachable`,
  `P0 hook @ ReportTest.java:16: Hook failed in ${TEST_SRC('ReportTest.java')}: com.acme.ReportTest.cleanUp failed: could not remove the report directory`,
];
const P1 = [
  'P1 test-error @ PricingTest.java:48: nullSku errored: Cannot invoke "String.length()" because "sku" is null',
  'P1 test-error @ PricingTest.java:42: slowQuote errored: test timed out after 200 milliseconds',
  'P1 test-failure @ PricingTest.java:22: discountOnOddAmount failed: expected:<89> but was:<99>',
  'P1 test-failure @ PricingTest.java:17: discountOnSmallAmount failed: expected:<45> but was:<50>',
  'P1 test-failure @ PricingTest.java:32: positive failed: price must be positive',
  'P1 test-failure @ PricingTest.java:27: taxOnZero failed: zero stays zero expected:<1> but was:<0>',
  'P3 skipped: 1 test skipped: currencies are not supported yet',
];
// The `Tests run:` lines of ant-test.log: 1 + 0 + 8 + 1; the crashed test is blocked, not counted.
const TOTALS = { total: 9, passed: 2, failed: 4, errored: 2, skipped: 1, flaky: 0, blocked: 1 };
const CLASS_FILES = ['ExportTest', 'InventoryTest', 'PricingTest', 'ReportTest'].map((c) => `TEST-com.acme.${c}.xml`);

describe('Ant + JUnit 4, real runs', () => {
  it('the junit task XML: class hooks and the dead JVM are P0s, failures sit at the frame in the test source', async () => {
    const report = await analyzeReal('ant', CLASS_FILES);
    expect(report.blockers.map(brief)).toEqual([...P0, ...P1]);
    expect(report.tests).toEqual(TOTALS);
    const failure = report.blockers.find((b) => b.title.startsWith('taxOnZero'))!;
    expect(failure.locations.map((l) => `${l.file}:${l.line}`)).toEqual([`${TEST_SRC('PricingTest.java')}:27`]);
    expect(report.blockers.find((b) => b.category === 'crash')!.blocked).toEqual(['exportExits']);
    expect(report.verdict).toBe('NO-GO');
  });

  it("junitreport's aggregate says the same", async () => {
    const report = await analyzeReal('ant', ['TESTS-TestSuites.xml']);
    expect(report.blockers.map(brief)).toEqual([...P0, ...P1]);
    expect(report.tests).toEqual(TOTALS);
  });

  it('ant-compile.log: a test source that does not compile is a P0 at file:line:col', async () => {
    const report = await analyzeReal('ant', ['ant-compile.log']);
    expect(report.blockers.map(brief)).toEqual([COMPILE]);
    expect(report.blockers[0]!.locations.map((l) => `${l.line}:${l.column} ${l.message}`)).toEqual([
      '10:9 cannot find symbol',
      '10:29 cannot find symbol',
      '16:37 incompatible types: String cannot be converted to int',
    ]);
  });

  it('TESTS-cut.xml: a cut report is a P0, and what came before the cut still counts', async () => {
    const report = await analyzeReal('ant', ['TESTS-cut.xml']);
    expect(report.blockers.map(brief)).toEqual([
      P0[0],
      'P0 truncated @ TESTS-cut.xml:265: Report ends early (file ends inside a tag, line 265): every test after the cut is lost',
    ]);
  });

  it('every file together, with the console: Ant counted 10 tests, the reports show them all', async () => {
    const report = await analyzeReal('ant', [...CLASS_FILES, 'ant-test.log', 'ant-compile.log']);
    expect(report.blockers.map(brief)).toEqual([COMPILE, ...P0, ...P1]);
    expect(report.artifacts.find((a) => a.path.endsWith('ant-test.log'))).toMatchObject({ runner: 'ant', declared: [{ total: 10, scope: 'runner' }] });
    expect(report.tests).toEqual(TOTALS);
    expect(report.verdict).toBe('NO-GO');
  });
});
