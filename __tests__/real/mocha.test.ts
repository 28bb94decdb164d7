import { describe, expect, it } from '@jest/globals';
import { analyzeReal, brief, projectFile } from '../helpers/real.js';

/*
 * A real mocha 11 run (__tests__/fixtures/real/mocha/MANIFEST.md): assertion failures (two of one
 * cause), a test over its timeout, a skip, failing before/after all hooks (one a timeout), test
 * files that do not load, an error thrown outside any test, and a report cut short.
 */

const run = (...files: string[]) => analyzeReal('mocha', files);
const p0p1 = async (...files: string[]) => (await run(...files)).blockers.filter((b) => b.priority === 'P0' || b.priority === 'P1').map(brief);

const HOOKS = [
  `P0 hook @ hooks.test.js:8 blocks 1: Hook failed in ${projectFile('mocha', 'test/hooks.test.js')} (1 test never ran): "before all" hook failed in 'orders (needs a database)': connect ECONNREFUSED 127.0.0.1:5432`,
  `P0 hook @ hooks.test.js blocks 1: Hook failed in ${projectFile('mocha', 'test/hooks.test.js')} (1 test never ran): "before all" hook failed in 'slow setup': Timeout of 200ms exceeded. For async tests and hooks, ensure "done()" is called; if r… (truncated)`,
  `P0 hook @ hooks.test.js:28: Hook failed in ${projectFile('mocha', 'test/hooks.test.js')}: "after all" hook failed in 'reports': could not remove the temporary report directory`,
];
// A test over its own timeout failed and mocha went on: a P1 like any failure, not a P0.
const FAILURES = [
  "P1 test-failure @ tax.test.js:11: 2 tests fail with: Cannot read properties of undefined (reading 'rate')",
  'P1 test-failure @ cart.test.js:11: cart applies a discount failed: Expected values to be strictly equal:',
  'P1 test-failure @ cart.test.js: cart is quick failed: Timeout of 100ms exceeded. For async tests and hooks, ensure "done()" is called; if returning a Promise, ensure it resolves. (/… (truncated)',
  'P1 test-failure @ cart.test.js:15: cart totals an empty cart failed: Expected values to be strictly deep-equal:',
];
const LOAD = [
  `P0 collection @ missing.test.js:2: Could not load tests in ${projectFile('mocha', 'broken/missing.test.js')}: Error: Cannot find module 'left-pad-that-is-not-installed'`,
  `P0 collection @ syntax.test.js:6: Could not load tests in ${projectFile('mocha', 'broken/syntax.test.js')}: SyntaxError: missing ) after argument list`,
];
const UNCAUGHT = "P0 crash @ uncaught.test.js:6: Test binary failed: uncaught background job failed outside any test while 'background job waits for the job' ran";
// mocha's summary: "3 passing", "1 pending", "8 failing" (5 tests and 3 hooks); stats.tests is 9.
const TOTALS = { total: 9, passed: 3, failed: 5, errored: 0, skipped: 1, flaky: 0, blocked: 2 };

describe('mocha --reporter json', () => {
  it('makes each failed before/after all hook a P0 naming the test it stopped, and the failures P1s at the frame in the test', async () => {
    expect(await p0p1('mocha.json')).toEqual([...HOOKS, ...FAILURES]);
  });

  it("counts as mocha's own stats do, the tests the before hooks stopped as blocked, and says NO-GO", async () => {
    const r = await run('mocha.json');
    expect(r.tests).toEqual(TOTALS);
    expect(r.verdict).toBe('NO-GO');
    // stats.tests (9) is what the file declares: every one is shown, so nothing is "never reported".
    expect(r.blockers.some((b) => b.category === 'never-reported')).toBe(false);
  });

  it("keeps the assertion's expected and actual values with the failure", async () => {
    const r = await run('mocha.json');
    const discount = r.blockers.find((b) => b.title.startsWith('cart applies a discount'))!;
    expect(discount.details).toContain('expected: 89.1\nactual: 89');
    expect(discount.locations.map((l) => `${l.file}:${l.line}`)).toEqual([`${projectFile('mocha', 'test/cart.test.js')}:11`]);
  });

  it('makes an error thrown outside any test a P0 crash naming the test mocha blamed', async () => {
    const r = await run('uncaught.json');
    expect(r.blockers.filter((b) => b.priority === 'P0').map(brief)).toEqual([UNCAUGHT]);
    expect(r.tests).toEqual({ total: 3, passed: 2, failed: 1, errored: 0, skipped: 0, flaky: 0, blocked: 0 });
  });

  it('makes a report cut short a P0, not a diagnostic', async () => {
    const r = await run('mocha-cut.json');
    expect(r.blockers.map(brief)).toEqual([
      'P0 truncated @ mocha-cut.json:70: Report ends early (the JSON document is not closed, line 70): every test after the cut is lost',
    ]);
    expect(r.verdict).toBe('NO-GO');
  });
});

describe('mocha-junit-reporter', () => {
  it('makes the hook test cases P0 hooks, as the json report does, and reads the pending test', async () => {
    const r = await run('mocha-junit.xml');
    expect(r.blockers.filter((b) => b.category === 'hook').map(brief)).toEqual(HOOKS);
    expect(r.blockers.filter((b) => b.priority === 'P1').map(brief)).toEqual([
      FAILURES[0],
      'P1 test-failure @ cart.test.js:11: cart applies a discount failed: Expected values to be strictly equal: 89 !== 89.1',
      FAILURES[2],
      'P1 test-failure @ cart.test.js:15: cart totals an empty cart failed: Expected values to be strictly deep-equal: + actual - expected { + items: 0, - items: 1, total: 0 }',
    ]);
    expect(r.tests).toEqual({ ...TOTALS, blocked: 2 });
  });

  it('compares the header with what the file shows: the hook cases it counts are no tests, and nothing is missing', async () => {
    // <testsuites tests="12"> counts the 3 hook cases; the before hooks stand for the tests they
    // stopped, the after hook for none (it ran after its test).
    const r = await run('mocha-junit.xml');
    expect(r.artifacts[0]!.declared).toEqual([expect.objectContaining({ total: 11, what: '<testsuites tests="12">' })]);
    expect(r.blockers.filter((b) => b.category === 'never-reported')).toEqual([]);
  });

  it('leaves an uncaught error as the failure of the test mocha blamed (the XML does not say it was uncaught)', async () => {
    expect(await p0p1('uncaught-junit.xml')).toEqual(['P1 test-failure @ uncaught.test.js:6: background job waits for the job failed: background job failed outside any test']);
  });
});

describe("mocha's console output", () => {
  it('makes each test file that does not load a P0 at the line node names', async () => {
    expect(await p0p1('load-syntax.log', 'load-missing.log')).toEqual(LOAD);
  });

  it("reads the failed hooks from the spec reporter's failure list, as the json report words them", async () => {
    expect(await p0p1('mocha-spec.log')).toEqual(HOOKS);
  });
});

describe('every mocha output together', () => {
  it('lists each problem once: the spec log and the json report name the same hooks', async () => {
    const r = await run('mocha.json', 'mocha-spec.log', 'load-syntax.log', 'load-missing.log', 'uncaught.json');
    expect(r.blockers.filter((b) => b.priority === 'P0').map(brief)).toEqual([...LOAD, UNCAUGHT, ...HOOKS]);
    expect(r.tests).toEqual({ total: 12, passed: 5, failed: 6, errored: 0, skipped: 1, flaky: 0, blocked: 2 });
    expect(r.verdict).toBe('NO-GO');
  });

  it('never points at node_modules or node internals', async () => {
    const r = await run('mocha.json', 'mocha-junit.xml', 'mocha-spec.log', 'load-syntax.log', 'load-missing.log', 'uncaught.json');
    const places = r.blockers.flatMap((b) => [b.file ?? '', ...b.locations.map((l) => l.file)]).filter(Boolean);
    expect(places.length).toBeGreaterThan(10);
    for (const file of places) expect(file).toMatch(/^__tests__\/fixtures\/real\/mocha\/(project\/(test|broken|crash)\/|out\/)/);
  });
});
