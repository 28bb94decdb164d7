import { describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/model/report.js';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * Real cargo 1.95 runs of __tests__/fixtures/real/cargo/project (MANIFEST.md lists every
 * deliberate problem and the runner's own figures): the console (default and terse), cargo's and
 * libtest's JSON lines, libtest's JUnit (one document per binary), a build that fails, a run
 * killed by `timeout`, and a JUnit file and a JSON stream cut short.
 */

const LIB = projectFile('cargo', 'ledger/src/lib.rs');
const TOTALS = projectFile('cargo', 'ledger/tests/totals.rs');

const p0 = (r: Report) => r.blockers.filter((b) => b.priority === 'P0').map(brief);
const p1 = (r: Report) => r.blockers.filter((b) => b.priority === 'P1').map(brief);
const where = (r: Report) => r.blockers.filter((b) => b.priority === 'P1').map((b) => b.locations.map((l) => `${l.file}:${l.line} ${l.test}`));

// The unit tests' failures as libtest names them in the console and JSON (JUnit drops the module path).
const failures = (t: string) => [
  `P1 test-failure @ lib.rs:46: 2 tests fail at lib.rs:46: assertion \`left == right\` failed (left: 2, right: 7)`,
  `P1 test-failure @ lib.rs:62: ${t}parse_rejects_empty failed: test did not panic as expected`,
  `P1 test-failure @ lib.rs:42: ${t}taxes_round_to_nearest failed: assertion \`left == right\` failed (left: 29, right: 30)`,
  `P1 test-failure @ lib.rs:75: ${t}unwraps_nothing failed: no rate for EUR`,
];
const TOTAL_OF_ONE = 'P1 test-failure @ totals.rs:10: total_of_one failed: assertion `left == right` failed: a single posting is its own balance (left: 0, right: 9)';
// All 17 tests the binaries declare: 6 passed, 6 failed, 1 ignored, 4 that never reported (MANIFEST.md).
const WHOLE_RUN = { total: 13, passed: 6, failed: 6, errored: 0, skipped: 1, flaky: 0, blocked: 4 };

describe('cargo test, console', () => {
  it('makes each dead test binary a P0 crash naming the test it was running and the tests it never ran', async () => {
    const r = await analyzeReal('cargo', ['cargo-test.log']);
    expect(p0(r)).toEqual([
      'P0 crash blocks 2: Test binary failed: b_aborts: test binary tests/crash.rs (target/debug/deps/crash-999023b5594d3328) died (signal: 6, SIGABRT: process abort signal)… (truncated)',
      'P0 crash blocks 1: Test binary failed: recurses_for_ever: test binary tests/overflow.rs (target/debug/deps/overflow-b142429a8339093c) died (signal: 6, SIGABRT: proces… (truncated)',
      'P0 crash blocks 1: Test binary failed: writes_through_a_wild_pointer: test binary tests/segv.rs (target/debug/deps/segv-4668780576557f78) died (signal: 11, SIGSEGV: i… (truncated)',
    ]);
    const crash = r.blockers[0]!;
    expect(crash.tests).toEqual(['b_aborts']);
    expect(crash.message).toContain('2 of its 3 tests never reported');
    expect(crash.details).toContain("process didn't exit successfully");
    expect(r.blockers[1]!.details).toContain("has overflowed its stack");
  });

  it('makes each failing test a P1 at the panic in the user code, two that fail in one helper together', async () => {
    const r = await analyzeReal('cargo', ['cargo-test.log']);
    expect(p1(r)).toEqual([...failures('tests::'), TOTAL_OF_ONE]);
    expect(where(r)).toEqual([
      [`${LIB}:46 tests::balance_of_three`, `${LIB}:46 tests::balance_of_two`],
      [`${LIB}:62 tests::parse_rejects_empty`],
      [`${LIB}:42 tests::taxes_round_to_nearest`],
      [`${LIB}:75 tests::unwraps_nothing`],
      [`${TOTALS}:10 total_of_one`],
    ]);
    expect(r.blockers.find((b) => b.category === 'skipped-environment')?.title).toBe('1 test skipped: needs the exchange-rate service');
  });

  it('counts what the binaries declared: every test that ran, and those the crashes stopped', async () => {
    const r = await analyzeReal('cargo', ['cargo-test.log']);
    expect(r.tests).toEqual(WHOLE_RUN);
    expect(r.artifacts[0]!.declared?.map((d) => `${d.line} ${d.what} ${d.scope}`)).toEqual([
      '18 running 7 tests file',
      '148 running 3 tests file',
      '156 running 1 test file',
      '166 running 1 test file',
      '173 running 3 tests file',
      '214 running 2 tests file',
    ]);
    expect(r.blockers.some((b) => b.category === 'never-reported')).toBe(false);
    expect(r.verdict).toBe('NO-GO');
  });

  it('reads --format terse: the failures it names, the passes it marks, its counts compared runner-wide', async () => {
    const r = await analyzeReal('cargo', ['cargo-test-terse.log']);
    expect(p0(r)).toEqual([
      'P0 crash blocks 1: Test binary failed: recurses_for_ever: test binary tests/overflow.rs (target/debug/deps/overflow-b142429a8339093c) died (signal: 6, SIGABRT: proces… (truncated)',
      'P0 crash blocks 2: Test binary failed: test binary tests/crash.rs (target/debug/deps/crash-999023b5594d3328) died (signal: 6, SIGABRT: process abort signal): 2 of its… (truncated)',
      'P0 crash blocks 1: Test binary failed: test binary tests/segv.rs (target/debug/deps/segv-4668780576557f78) died (signal: 11, SIGSEGV: invalid memory reference): 1 of… (truncated)',
    ]);
    expect(p1(r)).toEqual([...failures('tests::'), TOTAL_OF_ONE]);
    expect(r.tests).toEqual({ total: 6, passed: 0, failed: 6, errored: 0, skipped: 0, flaky: 0, blocked: 4 });
    expect(new Set(r.artifacts[0]!.declared?.map((d) => d.scope))).toEqual(new Set(['runner']));
  });

  it('makes a run killed by timeout a P0 naming the test libtest said was slow', async () => {
    const r = await analyzeReal('cargo', ['timeout.log']);
    expect(p0(r)).toEqual([
      'P0 timeout blocks 1: Timeout: b_waits_for_ever: test binary tests/slow.rs (target/debug/deps/slow-eb31202598ad3dd3) was killed with the run: libtest said b_w… (truncated)',
    ]);
    expect(r.blockers[0]!.tests).toEqual(['b_waits_for_ever']);
    expect(r.tests).toEqual({ total: 1, passed: 1, failed: 0, errored: 0, skipped: 0, flaky: 0, blocked: 1 });
  });

  it('makes a crate that does not compile a P0 with every error at file:line:col', async () => {
    const r = await analyzeReal('cargo', ['compile.log']);
    expect(p0(r)).toEqual(['P0 compile @ lib.rs:4: billing does not build: cannot find value `discount` in this scope (+1 more error)']);
    expect(r.blockers[0]!.locations.map((l) => `${l.file}:${l.line}:${l.column}`)).toEqual([
      `${projectFile('cargo', 'billing/src/lib.rs')}:4:22`,
      `${projectFile('cargo', 'billing/src/lib.rs')}:10:22`,
    ]);
    expect(r.verdict).toBe('NO-GO');
  });
});

describe('cargo and libtest JSON lines', () => {
  it('reads the same run as the console shows it, a binary that died as a suite that never finished', async () => {
    const r = await analyzeReal('cargo', ['cargo-test.json']);
    expect(p0(r)).toEqual([
      `P0 crash blocks 2: Test binary failed: b_aborts: the test binary whose suite started on line 25 stopped before it finished (the process died: see cargo's "process did… (truncated)`,
      `P0 crash blocks 1: Test binary failed: recurses_for_ever: the test binary whose suite started on line 29 stopped before it finished (the process died: see cargo's "pr… (truncated)`,
      `P0 crash blocks 1: Test binary failed: writes_through_a_wild_pointer: the test binary whose suite started on line 31 stopped before it finished (the process died: see… (truncated)`,
    ]);
    expect(p1(r)).toEqual([...failures('tests::'), TOTAL_OF_ONE]);
    expect(r.tests).toEqual(WHOLE_RUN);
    expect(r.blockers.some((b) => b.category === 'never-reported')).toBe(false);
  });

  it('makes a stream cut mid-line a P0 truncated that counts the tests of the binary it cut', async () => {
    const r = await analyzeReal('cargo', ['cargo-test-cut.json']);
    expect(p0(r).slice(3)).toEqual([
      'P0 truncated @ cargo-test-cut.json:39 blocks 1: Report ends early (a JSON line is cut short, line 39): every test after the cut is lost',
    ]);
    expect(p1(r)).toEqual(failures('tests::'));
    expect(r.tests).toEqual({ total: 10, passed: 4, failed: 5, errored: 0, skipped: 1, flaky: 0, blocked: 5 });
  });

  it("makes libtest's timeout event a P0 timeout", async () => {
    const r = await analyzeReal('cargo', ['timeout.json']);
    expect(p0(r)).toEqual([
      'P0 timeout blocks 1: Timeout: b_waits_for_ever: the test binary whose suite started on line 1 stopped: libtest said b_waits_for_ever had been running for ove… (truncated)',
    ]);
    expect(r.tests.blocked).toBe(1);
  });

  it("makes cargo's compiler-message a P0 at its primary span; the stderr of that build adds nothing", async () => {
    const alone = await analyzeReal('cargo', ['build.json']);
    const both = await analyzeReal('cargo', ['build.json', 'build.stderr.log']);
    for (const r of [alone, both]) {
      expect(p0(r)).toEqual(['P0 compile @ broken.rs:5: ledger does not build: E0425: cannot find value `rate` in this scope (test "broken")']);
      expect(r.blockers[0]!.locations.map((l) => `${l.file}:${l.line}:${l.column}`)).toEqual([`${projectFile('cargo', 'ledger/tests/broken.rs')}:5:23`]);
    }
    // The stderr alone knows only that the target did not compile.
    const stderr = await analyzeReal('cargo', ['build.stderr.log']);
    expect(p0(stderr)).toEqual(['P0 compile: ledger does not build: could not compile `ledger` (test "broken") due to 1 previous error']);
  });
});

describe('libtest JUnit', () => {
  it('reads every document of the file; the crashes are known only from cargo on stderr', async () => {
    const r = await analyzeReal('cargo', ['junit.xml', 'junit.stderr.log']);
    expect(p0(r)).toEqual([
      'P0 crash: Test binary failed: recurses_for_ever: test binary tests/overflow.rs (target/debug/deps/overflow-b142429a8339093c) died (signal: 6, SIGABRT: proces… (truncated)',
      'P0 crash: Test binary failed: test binary tests/crash.rs (target/debug/deps/crash-999023b5594d3328) died (signal: 6, SIGABRT: process abort signal)',
      'P0 crash: Test binary failed: test binary tests/segv.rs (target/debug/deps/segv-4668780576557f78) died (signal: 11, SIGSEGV: invalid memory reference)',
    ]);
    const [helper, noPanic, taxes, unwraps] = failures('');
    expect(p1(r)).toEqual([helper, noPanic, taxes, TOTAL_OF_ONE, unwraps]);
    expect(r.verdict).toBe('NO-GO');
    // libtest lists no ignored test in JUnit: 11 cases, and the headers' tests less skipped say 11.
    expect(r.tests).toEqual({ total: 11, passed: 5, failed: 6, errored: 0, skipped: 0, flaky: 0, blocked: 0 });
    expect(r.artifacts.find((a) => a.format === 'junit-xml')).toMatchObject({ runner: 'cargo', declared: [{ total: 11, scope: 'file' }] });
    expect(r.diagnostics).toEqual([]);
  });

  it('makes a file cut short a P0 truncated, keeping the tests before the cut', async () => {
    const r = await analyzeReal('cargo', ['junit-cut.xml']);
    expect(p0(r)).toEqual([
      'P0 truncated @ junit-cut.xml:1: Report ends early (file ends inside a tag, line 1): every test after the cut is lost',
    ]);
    expect(r.tests).toMatchObject({ total: 5, passed: 1, failed: 4 });
  });
});
