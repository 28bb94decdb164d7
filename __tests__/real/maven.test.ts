import { describe, expect, it } from '@jest/globals';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * Real Maven 3.8 + Surefire 2.22 runs, offline on Debian's packaged plugins
 * (__tests__/fixtures/real/maven/MANIFEST.md lists every deliberate problem and the figures
 * Maven printed). The same kinds of problem as the Ant corpus, in package com.shop.
 */

const TEST_SRC = (file: string) => projectFile('maven', `src/test/java/com/shop/${file}`);
const COMPILE = `P0 compile @ LedgerTest.java:10: ${projectFile('maven', 'src/test/java/com/shop')} does not build: cannot find symbol (+2 more errors)`;
const CRASH = 'P0 crash @ ExportTest.java: Test binary failed in com.shop: The forked VM terminated without properly saying goodbye. VM crash or System.exit called?';
const HOOKS = [
  `P0 hook @ InventoryTest.java:11: Hook failed in ${TEST_SRC('InventoryTest.java')}: com.shop.InventoryTest.connect failed: inventory database is not reachable`,
  `P0 hook @ ReportTest.java:16: Hook failed in ${TEST_SRC('ReportTest.java')}: com.shop.ReportTest.cleanUp failed: could not remove the report directory`,
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
// Maven's `Tests run: 11, Failures: 4, Errors: 4, Skipped: 1`, less the two class-level cases it counts as tests.
const TOTALS = { total: 9, passed: 2, failed: 4, errored: 2, skipped: 1, flaky: 0, blocked: 0 };
const XML = ['InventoryTest', 'PricingTest', 'ReportTest'].map((c) => `TEST-com.shop.${c}.xml`);

describe('Maven Surefire, real runs', () => {
  it('TEST-*.xml: class hooks are P0s, failures sit at the frame in the test source', async () => {
    const report = await analyzeReal('maven', XML);
    expect(report.blockers.map(brief)).toEqual([...HOOKS, ...P1]);
    expect(report.tests).toEqual(TOTALS);
    const failure = report.blockers.find((b) => b.title.startsWith('discountOnOddAmount'))!;
    expect(failure.locations.map((l) => `${l.file}:${l.line}`)).toEqual([`${TEST_SRC('PricingTest.java')}:22`]);
    expect(report.artifacts.map((a) => a.runner)).toEqual(['surefire', 'surefire', 'surefire']);
  });

  it('mvn-test.log: the forked JVM that died (it wrote no XML) is a P0 at the crashed class', async () => {
    const report = await analyzeReal('maven', ['mvn-test.log']);
    expect(report.blockers.map(brief)).toEqual([CRASH]);
    expect(report.blockers[0]!.file).toBe(TEST_SRC('ExportTest.java'));
  });

  it('mvn-compile.log: a test class that does not compile is a P0 at file:line:col, each error once', async () => {
    const report = await analyzeReal('maven', ['mvn-compile.log']);
    expect(report.blockers.map(brief)).toEqual([COMPILE]);
    expect(report.blockers[0]!.locations.map((l) => `${l.line}:${l.column} ${l.message}`)).toEqual([
      '10:9 cannot find symbol',
      '10:29 cannot find symbol',
      '16:37 incompatible types: java.lang.String cannot be converted to int',
    ]);
  });

  it('TEST-cut.xml: a cut report is a P0', async () => {
    const report = await analyzeReal('maven', ['TEST-cut.xml']);
    expect(report.blockers.map(brief)).toEqual([
      'P0 truncated @ TEST-cut.xml:55: Report ends early (<testcase> opened here is never closed, line 55): every test after the cut is lost',
    ]);
  });

  it('every file together: the console total agrees with the reports once the class-level cases are set apart', async () => {
    const report = await analyzeReal('maven', [...XML, 'mvn-test.log', 'mvn-compile.log']);
    expect(report.blockers.map(brief)).toEqual([COMPILE, CRASH, ...HOOKS, ...P1]);
    expect(report.artifacts.find((a) => a.path.endsWith('mvn-test.log'))).toMatchObject({
      runner: 'surefire',
      declared: [{ total: 9, what: "Tests run: 11, Failures: 4, Errors: 4, Skipped: 1 (2 of them a class's setup or teardown)", scope: 'runner' }],
    });
    expect(report.tests).toEqual(TOTALS);
    expect(report.verdict).toBe('NO-GO');
  });
});
