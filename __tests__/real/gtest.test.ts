import { describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/model/report.js';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * The GoogleTest binaries of the CTest project (__tests__/fixtures/real/ctest/MANIFEST.md) run on
 * their own: console and --gtest_output=xml. Their own summaries: calc_test
 * `[==========] 7 tests from 2 test suites ran.` `[  PASSED  ] 1 test.` 1 skipped, 5 failed,
 * `YOU HAVE 1 DISABLED TEST`; store_test `5 tests from 3 test suites ran.` 1 passed, 2 skipped
 * (by the failed SetUpTestSuite), 2 failed, `1 FAILED TEST SUITE`; crash_test
 * `Running 3 tests from 1 test suite.` and then the segfault in CrashTest.Dereferences.
 */

const at = (file: string, line?: number) => `${projectFile('ctest', file)}:${line ?? ''}`;
const locations = (r: Report) => r.blockers.filter((b) => b.priority === 'P0' || b.priority === 'P1').map((b) => b.locations.map((l) => `${l.file}:${l.line ?? ''}`));

const CALC = [
  // Two tests, one cause: the settings file is missing.
  'P1 test-failure @ calc_test.cpp:14: 2 tests fail with: C++ exception with description "cannot open calc.ini" thrown in the test body.',
  'P1 test-failure @ calc_test.cpp:9: Divides failed: Expected equality of these values: calc::divide(5, 2) Which is: 2 2.5',
  'P1 test-failure @ calc_test.cpp:7: Subtracts failed: Expected equality of these values: calc::subtract(5, 3) Which is: -2 2',
  'P1 test-failure @ calc_test.cpp:11: SubtractsNegative failed: Expected equality of these values: calc::subtract(-1, -4) Which is: -3 3 (-1) - (-4)',
  'P3 skipped @ calc_test.cpp:20: 1 test skipped: disabled',
  'P3 skipped @ calc_test.cpp:18: 1 test skipped: multiply is not written yet',
];
const CALC_TOTALS = { total: 8, passed: 1, failed: 5, errored: 0, skipped: 2, flaky: 0, blocked: 0 };
const FIXTURE = 'P1 test-failure @ store_test.cpp:18: 2 tests fail with: Expected equality of these values: mkdir_result Which is: -1 0 cannot create the cache directory';

describe('GoogleTest XML', () => {
  it('calc_test: each failure with its assertion and the line of the assertion; the disabled test a skip', async () => {
    const r = await analyzeReal('ctest', ['gtest-calc.xml']);
    expect(r.artifacts?.map((a) => [a.runner, a.declared?.[0]?.what])).toEqual([['gtest', '<testsuites tests="8">']]);
    expect(r.blockers.map(brief)).toEqual(CALC);
    expect(locations(r)).toEqual([
      [at('tests/calc_test.cpp', 14), at('tests/calc_test.cpp', 16)],
      [at('tests/calc_test.cpp', 9)],
      [at('tests/calc_test.cpp', 7)],
      [at('tests/calc_test.cpp', 11)],
    ]);
    expect(r.tests).toEqual(CALC_TOTALS);
  });

  it('store_test: a fixture SetUp failure is located at the SetUp line, shared by its tests', async () => {
    const r = await analyzeReal('ctest', ['gtest-store.xml']);
    // gtest 1.12 writes nothing of the failed SetUpTestSuite into the XML: its tests are plain skips there.
    expect(r.blockers.map(brief)).toEqual([FIXTURE, 'P3 skipped @ store_test.cpp:11: 2 tests skipped (no reason given)']);
    expect(locations(r)).toEqual([[at('tests/store_test.cpp', 18), at('tests/store_test.cpp', 18)]]);
    expect(r.tests).toEqual({ total: 5, passed: 1, failed: 2, errored: 0, skipped: 2, flaky: 0, blocked: 0 });
  });

  it('a file cut short is a P0, with the failures read before the cut', async () => {
    const r = await analyzeReal('ctest', ['gtest-calc-cut.xml']);
    expect(r.blockers.map(brief)).toEqual([
      'P0 truncated @ gtest-calc-cut.xml:12: Report ends early (<testcase> opened here is never closed, line 12): every test after the cut is lost',
      CALC[2],
    ]);
    expect(r.verdict).toBe('NO-GO');
  });
});

describe('GoogleTest console', () => {
  it('calc_test: the same tests and failures as its XML; `Running 7 tests` declared', async () => {
    const r = await analyzeReal('ctest', ['gtest-calc.log']);
    expect(r.artifacts?.map((a) => [a.format, a.runner, a.declared?.[0]?.what])).toEqual([['gtest-log', 'gtest', 'Running 7 tests from 2 test suites.']]);
    // The console names no place for a thrown exception ("unknown file"), nor for a disabled test.
    expect(r.blockers.map(brief)).toEqual(CALC.map((l) => l.replace(/ @ calc_test\.cpp:(14|20)/, '')));
    expect(r.tests).toEqual(CALC_TOTALS);
  });

  it('store_test: the failed SetUpTestSuite is a P0 hook that stopped its two tests', async () => {
    const r = await analyzeReal('ctest', ['gtest-store.log']);
    expect(r.blockers.map(brief)).toEqual([
      `P0 hook @ store_test.cpp:8 blocks 2: Hook failed in ${projectFile('ctest', 'tests/store_test.cpp')} (2 tests never ran): StoreTest: SetUpTestSuite or TearDownTestSuite failed: Failed cannot connect to the store at localhost:5432`,
      FIXTURE,
    ]);
    expect(r.blockers[0]!.blocked).toEqual(['StoreTest.Saves', 'StoreTest.Loads']);
    expect(r.tests).toEqual({ total: 3, passed: 1, failed: 2, errored: 0, skipped: 0, flaky: 0, blocked: 2 });
  });

  it('crash_test: a binary that dies mid-test is a crash naming the test, and stops the tests after it', async () => {
    const r = await analyzeReal('ctest', ['gtest-crash.log']);
    expect(r.blockers.map(brief)).toEqual(['P0 crash blocks 3: Test binary failed: CrashTest.Dereferences crashed: the test binary ended inside the test, with no result']);
    expect(r.blockers[0]).toMatchObject({ tests: ['CrashTest.Dereferences'], blocked: ['CrashTest.Dereferences'], blockedUnnamed: 2 });
    expect(r.tests.blocked).toBe(3);
    expect(r.verdict).toBe('NO-GO');
  });

  it('the three binaries together: every problem once, totals adding up', async () => {
    const r = await analyzeReal('ctest', ['gtest-calc.xml', 'gtest-store.log', 'gtest-crash.log']);
    expect(r.blockers.filter((b) => b.priority === 'P0').map((b) => b.category)).toEqual(['crash', 'hook']);
    expect(r.tests).toEqual({ total: 11, passed: 2, failed: 7, errored: 0, skipped: 2, flaky: 0, blocked: 5 });
  });
});
