import { describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/model/report.js';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * A real CMake project (__tests__/fixtures/real/ctest/MANIFEST.md) built with g++/Ninja and
 * clang++/Make and run with CTest: a target that does not compile, one that does not link, a
 * test command that is no executable, a segfault, an abort, a timeout, a failing
 * SetUpTestSuite and fixture SetUp, assertion failures, a skip. CTest's own summary of the run:
 * `9% tests passed, 10 tests failed out of 11` (ctest.log).
 */

const at = (file: string, line?: number) => `${projectFile('ctest', file)}:${line ?? ''}`;
const locations = (r: Report) => r.blockers.filter((b) => b.priority === 'P0' || b.priority === 'P1').map((b) => [b.category, b.locations.map((l) => `${l.file}:${l.line ?? ''}`)]);
/** The tests each missing executable stopped, by executable. */
const notBuilt = (r: Report) => Object.fromEntries(r.blockers.filter((b) => b.category === 'not-built').map((b) => [b.package, b.blocked]));

/** CTest's 11 tests: 1 passed, 10 did not pass — 2 failed, 8 never got to a result. */
const CTEST_TOTALS = { total: 3, passed: 1, failed: 2, errored: 0, skipped: 0, flaky: 0, blocked: 8 };

const BUILD = [
  "P0 compile @ report_test.cpp: report_test does not build: undefined reference to `calc::report_total()'",
  // The missing lexer.h makes the target's group a dependency problem (classify: any dependency error in the group).
  'P0 dependency @ parser.h:8: parser_test does not build: expected ‘;’ at end of member declaration (+2 more errors)',
];
const BUILD_LOCATIONS = [
  ['compile', [at('tests/report_test.cpp')]],
  ['dependency', [at('src/parser.h', 8), at('tests/parser_test.cpp', 12), at('tests/lexer_test.cpp', 3)]],
];

const NOT_BUILT = [
  'P0 not-built blocks 3: Test executable not built in parser_test: Unable to find executable: /tmp/verdict-real/ctest/build-gcc/parser_test',
  'P0 not-built blocks 1: Test executable not built in report_test: Unable to find executable: /tmp/verdict-real/ctest/build-gcc/report_test',
  'P0 not-built blocks 1: Test executable not built in smoke_tool: Unable to find executable: smoke_tool',
];
const FAILURES = [
  'P1 test-failure @ calc_test.cpp:7: calc_test failed: Expected equality of these values: calc::subtract(5, 3) Which is: -2 2',
  'P1 test-failure @ store_test.cpp:18: store_test failed: Expected equality of these values: mkdir_result Which is: -1 0 cannot create the cache directory',
];
const CONSOLE = [
  'P0 crash blocks 1: Test binary failed: CrashTest.Aborts crashed (Subprocess aborted Exception)',
  'P0 crash blocks 1: Test binary failed: CrashTest.Dereferences crashed (Exception: SegFault)',
  `P0 hook @ store_test.cpp:8: Hook failed in ${projectFile('ctest', 'tests/store_test.cpp')}: StoreTest: SetUpTestSuite or TearDownTestSuite failed: Failed cannot connect to the store at localhost:5432 (in store_test; Sto… (truncated)`,
  ...NOT_BUILT,
  'P0 timeout blocks 1: Timeout: slow_test timed out in SlowTest.Waits (Timeout)',
  ...FAILURES,
];
const JUNIT = [
  'P0 crash blocks 1: Test binary failed: CrashTest.Aborts ended with no result: its test binary died or was stopped (CTest says only "Failed")',
  'P0 crash blocks 1: Test binary failed: CrashTest.Dereferences ended with no result: its test binary died or was stopped (CTest says only "Failed")',
  // The JUnit says "fail" for a timeout too: the output, stopped inside SlowTest.Waits, says it never finished.
  'P0 crash blocks 1: Test binary failed: slow_test ended in SlowTest.Waits with no result: its test binary died or was stopped (CTest says only "Failed")',
  ...NOT_BUILT,
  ...FAILURES,
];
const STOPPED = {
  parser_test: ['ParserTest.SplitsWords', 'ParserTest.KeepsNumbers', 'LexerTest.ReadsEmpty'],
  report_test: ['report_test'],
  smoke_tool: ['smoke'],
};

describe('CMake build logs (g++ with Ninja, clang++ with Make)', () => {
  it.each(['build-gcc-ninja.log', 'build-clang-make.log'])('%s: one P0 per target that does not build, every error at file:line in the project', async (log) => {
    const r = await analyzeReal('ctest', [log]);
    expect(r.artifacts?.map((a) => a.format)).toEqual(['compiler-output']);
    const lines = r.blockers.map(brief);
    expect(lines).toEqual(log.includes('clang') ? [BUILD[0], BUILD[1]!.replace('‘;’ at end of member declaration', "';' at end of declaration list")] : BUILD);
    expect(locations(r)).toEqual(BUILD_LOCATIONS);
    expect(r.verdict).toBe('NO-GO');
  });

  it('keeps the include chain and the notes with their error, and the driver line with the linker error', async () => {
    const gcc = await analyzeReal('ctest', ['build-gcc-ninja.log']);
    expect(gcc.blockers[1]!.details).toContain(`In file included from /tmp/verdict-real/ctest/tests/parser_test.cpp:3:`);
    expect(gcc.blockers[0]!.details).toContain('collect2: error: ld returned 1 exit status');
    const clang = await analyzeReal('ctest', ['build-clang-make.log']);
    expect(clang.blockers[1]!.details).toContain("note: expanded from macro 'EXPECT_EQ'");
    expect(clang.blockers[0]!.details).toContain('clang: error: linker command failed with exit code 1');
  });
});

describe('CTest', () => {
  it('console (--output-on-failure): crash, timeout, hook, not built as P0s, failures with their assertion and place', async () => {
    const r = await analyzeReal('ctest', ['ctest.log']);
    expect(r.artifacts?.map((a) => [a.format, a.runner, a.declared?.map((d) => d.total)])).toEqual([['ctest-log', 'ctest', [11]]]);
    expect(r.blockers.map(brief)).toEqual(CONSOLE);
    expect(notBuilt(r)).toEqual(STOPPED);
    expect(r.tests).toEqual(CTEST_TOTALS);
    expect(r.verdict).toBe('NO-GO');
  });

  it('JUnit (--output-junit): the same run, from what the JUnit holds', async () => {
    const r = await analyzeReal('ctest', ['ctest-junit.xml']);
    expect(r.artifacts?.map((a) => [a.format, a.runner])).toEqual([['junit-xml', 'ctest']]);
    expect(r.blockers.map(brief)).toEqual(JUNIT);
    expect(notBuilt(r)).toEqual(STOPPED);
    expect(locations(r).filter(([c]) => c === 'test-failure')).toEqual([
      ['test-failure', [at('tests/calc_test.cpp', 7)]],
      ['test-failure', [at('tests/store_test.cpp', 18)]],
    ]);
    // <testsuite tests="11">: 3 reported, 8 stopped — nothing unaccounted for.
    expect(r.tests).toEqual(CTEST_TOTALS);
  });

  it('the build log with the CTest run: why the executables are missing, and what that stopped', async () => {
    for (const run of ['ctest.log', 'ctest-junit.xml']) {
      const r = await analyzeReal('ctest', ['build-gcc-ninja.log', run]);
      expect(r.blockers.map(brief).filter((l) => /^P0 (compile|dependency|not-built)/.test(l))).toEqual([BUILD[0], BUILD[1], ...NOT_BUILT]);
      expect(r.tests).toEqual(CTEST_TOTALS);
    }
  });

  it('a JUnit file cut short is a P0, not a pass', async () => {
    const r = await analyzeReal('ctest', ['ctest-junit-cut.xml']);
    expect(r.blockers.map(brief)).toEqual([
      'P0 truncated @ ctest-junit-cut.xml:11: Report ends early (<testcase> opened here is never closed, line 11): every test after the cut is lost',
    ]);
    expect(r.verdict).toBe('NO-GO');
  });
});
