import { describe, expect, it } from '@jest/globals';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * Real node --test runs with node 20 and node 24 (__tests__/fixtures/real/node-test/MANIFEST.md):
 * assertion failures (two of one cause), a test over its timeout, a skip, failing before/after
 * hooks, test files that do not load, a process.exit, a SIGKILL, an uncaught error, a file over
 * --test-timeout, a run killed from outside, and reports cut short.
 */

const run = (...files: string[]) => analyzeReal('node-test', files);
const p0p1 = async (...files: string[]) => (await run(...files)).blockers.filter((b) => b.priority === 'P0' || b.priority === 'P1').map(brief);
const file = (f: string) => projectFile('node-test', f);

const LOAD = [
  `P0 collection @ missing.test.js:3 blocks 1: Could not load tests in ${file('test/missing.test.js')}: Error: Cannot find module 'left-pad-that-is-not-installed'`,
  `P0 collection @ syntax.test.js:6 blocks 1: Could not load tests in ${file('test/syntax.test.js')}: SyntaxError: missing ) after argument list`,
];
const CRASHES = [
  'P0 crash @ exit.test.js blocks 1: Test binary failed: exit.test.js: the test process exited with code 3',
  'P0 crash @ signal.test.js blocks 1: Test binary failed: signal.test.js: the test process was killed by SIGKILL',
  'P0 crash @ uncaught.test.js blocks 1: Test binary failed: uncaught.test.js: the test process exited with code 1 after Error: A resource generated asynchronous activity after the test en… (truncated)',
];
const HOOKS = [
  `P0 hook @ hooks.test.js:9 blocks 3: Hook failed in ${file('test/hooks.test.js')} (3 tests never ran): orders (needs a database): a hook failed: connect ECONNREFUSED 127.0.0.1:5432`,
  `P0 hook @ hooks.test.js:29: Hook failed in ${file('test/hooks.test.js')}: reports: a hook failed: could not remove the temporary report directory`,
];
// A test over its own timeout is cancelled and the run goes on: a P1 like any failure.
const FAILURES = [
  "P1 test-failure @ tax.test.js:12: 2 tests fail with: Cannot read properties of undefined (reading 'rate')",
  'P1 test-failure @ cart.test.js:12: cart applies a discount failed: Expected values to be strictly equal:',
  'P1 test-failure @ cart.test.js:23: cart is quick failed: test timed out after 100ms',
  'P1 test-failure @ cart.test.js:16: cart totals an empty cart failed: Expected values to be strictly deep-equal:',
];
// node's summary (`# tests 19`, `# pass 5`, `# fail 9`, `# cancelled 4`, `# skipped 1`): the 9
// failures are 4 tests and 5 files whose process failed, the 4 cancelled the test over its
// timeout and the 3 tests the before hook stopped. Verdict: 5 failed tests, 8 blocked.
const TOTALS = { total: 11, passed: 5, failed: 5, errored: 0, skipped: 1, flaky: 0, blocked: 8 };

describe.each(['node20', 'node24'])('node --test-reporter=tap (%s)', (v) => {
  it('makes each file that does not load, crashes or is killed a P0 with its cause, each failed hook a P0 naming the tests it stopped', async () => {
    expect(await p0p1(`${v}/results.tap`)).toEqual([...LOAD, ...CRASHES, ...HOOKS, ...FAILURES]);
  });

  it("adds up to node's own `# tests 19` and says NO-GO", async () => {
    const r = await run(`${v}/results.tap`);
    expect(r.tests).toEqual(TOTALS);
    expect(r.tests.total + r.tests.blocked).toBe(19);
    expect(r.blockers.some((b) => b.category === 'never-reported')).toBe(false);
    expect(r.verdict).toBe('NO-GO');
  });

  it("keeps the assertion's expected and actual values from the YAML block, and points at the test's line", async () => {
    const r = await run(`${v}/results.tap`);
    const empty = r.blockers.find((b) => b.title.startsWith('cart totals an empty cart'))!;
    expect(empty.details).toContain('expected: total: 0\nitems: 1\nactual: total: 0\nitems: 0');
    expect(empty.locations.map((l) => `${l.file}:${l.line}`)).toEqual([`${file('test/cart.test.js')}:16`]);
  });
});

describe('node --test-reporter=tap, the run stopped early', () => {
  it('node 20 stops a file over --test-timeout: a P0 timeout for the file', async () => {
    expect(await p0p1('node20-timeout/results.tap')).toEqual(["P0 timeout @ hang.test.js blocks 1: Timeout: hang.test.js: test timed out after 500ms; the file's process was stopped"]);
  });

  it('node 24 cancels the one test over --test-timeout: a P1, as for any test over its own timeout', async () => {
    expect(await p0p1('node24-timeout/results.tap')).toEqual(['P1 test-failure @ hang.test.js:4: hangs for five seconds failed: test timed out after 500ms']);
  });

  it('a run killed from outside (a job timeout) is a P0 naming what was running', async () => {
    expect(await p0p1('node20-killed/results.tap')).toEqual(['P0 crash @ hang.test.js blocks 1: Test binary failed: hang.test.js: the test process was killed by SIGTERM']);
    const interrupted = "P0 crash @ hang.test.js:1 blocks 1: Test binary failed: the run was interrupted (SIGINT/SIGTERM: a job timeout or a cancel) while 'slow/hang.test.js' ran";
    expect(await p0p1('node24-killed/results.tap')).toEqual([interrupted]);
    expect(await p0p1('node24-killed/spec.log')).toEqual([interrupted]);
  });

  it('a stream cut short (no plan) is a P0, and the tests read before the cut still count', async () => {
    const r = await run('node20/results-cut.tap');
    expect(r.blockers.map(brief)).toEqual([
      'P0 truncated @ results-cut.tap:40: Report ends early (no plan 1..N after 0 top-level tests, line 40): every test after the cut is lost',
      FAILURES[1],
      'P1 test-failure @ cart.test.js:15: cart totals an empty cart failed: testCodeFailure',
    ]);
    expect(r.tests).toEqual({ total: 3, passed: 1, failed: 2, errored: 0, skipped: 0, flaky: 0, blocked: 0 });
  });
});

describe.each(['node20', 'node24'])('node --test-reporter=junit (%s)', (v) => {
  it('makes the files whose process failed P0 crashes (the XML does not say which did not load) and the cancelled tests blocked', async () => {
    const r = await run(`${v}/results.xml`);
    const why = "(a crash or a file that did not load: node's JUnit report does not say which)";
    const hookAt = v === 'node24' ? ` @ hooks.test.js` : '';
    const hookIn = v === 'node24' ? ` in ${file('test/hooks.test.js')}` : '';
    const hookWhy = "failed before its tests ran (a before hook; node's JUnit report does not give the hook's error)";
    expect(r.blockers.filter((b) => b.priority === 'P0').map(brief)).toEqual([
      `P0 crash @ exit.test.js blocks 1: Test binary failed: exit.test.js: the test process exited with code 3 ${why}`,
      `P0 crash @ missing.test.js blocks 1: Test binary failed: missing.test.js: the test process exited with code 1 ${why}`,
      'P0 crash @ signal.test.js blocks 1: Test binary failed: signal.test.js: the test process was killed by SIGKILL',
      `P0 crash @ syntax.test.js blocks 1: Test binary failed: syntax.test.js: the test process exited with code 1 ${why}`,
      `P0 crash @ uncaught.test.js blocks 1: Test binary failed: uncaught.test.js: the test process exited with code 1 ${why}`,
      `P0 hook${hookAt} blocks 1: Hook failed${hookIn} (1 test never ran): 'refunds' ${hookWhy}`,
      `P0 hook${hookAt} blocks 2: Hook failed${hookIn} (2 tests never ran): 'orders (needs a database)' ${hookWhy}`,
    ]);
    expect(r.tests).toEqual(TOTALS);
  });

  it('a file over --test-timeout (node 20) or a test over it (node 24)', async () => {
    const briefs = await p0p1(`${v}-timeout/results.xml`);
    expect(briefs).toEqual(
      v === 'node20'
        ? ["P0 timeout @ hang.test.js blocks 1: Timeout: hang.test.js: test timed out after 500ms; the file's process was stopped"]
        : ['P1 test-failure @ hang.test.js: hangs for five seconds failed: test timed out after 500ms'],
    );
  });
});

describe('node --test-reporter=junit, cut short', () => {
  it('is a P0 truncated', async () => {
    const r = await run('node20/results-cut.xml');
    expect(r.blockers.filter((b) => b.priority === 'P0').map(brief)).toEqual([
      'P0 truncated @ results-cut.xml:72: Report ends early (<testcase> opened here is never closed, line 72): every test after the cut is lost',
    ]);
  });
});

describe('node --test-reporter=spec and the outputs together', () => {
  it("reads the load errors the files' processes printed", async () => {
    for (const v of ['node20', 'node24']) {
      expect(await p0p1(`${v}/spec.log`)).toEqual(LOAD.map((b) => b.replace(' blocks 1', '')));
    }
  });

  it('lists each problem once when the spec log and the TAP report of a run are read together', async () => {
    const r = await run('node24/results.tap', 'node24/spec.log', 'node24-timeout/results.tap', 'node24-killed/results.tap', 'node24-killed/spec.log');
    expect(r.blockers.filter((b) => b.priority === 'P0').map(brief)).toEqual([
      ...LOAD,
      ...CRASHES.slice(0, 2),
      "P0 crash @ hang.test.js:1 blocks 1: Test binary failed: the run was interrupted (SIGINT/SIGTERM: a job timeout or a cancel) while 'slow/hang.test.js' ran",
      CRASHES[2],
      ...HOOKS,
    ]);
    expect(r.tests).toEqual({ ...TOTALS, total: 12, failed: 6, blocked: 9 });
    expect(r.verdict).toBe('NO-GO');
  });

  it('never points at node_modules or node internals', async () => {
    const r = await run('node20/results.tap', 'node24/results.xml', 'node20/spec.log', 'node20-timeout/results.tap', 'node24-killed/results.tap');
    const places = r.blockers.flatMap((b) => [b.file ?? '', ...b.locations.map((l) => l.file)]).filter(Boolean);
    expect(places.length).toBeGreaterThan(10);
    for (const f of places) expect(f).toMatch(/^__tests__\/fixtures\/real\/node-test\/project\/(test|slow|src)\//);
  });
});
