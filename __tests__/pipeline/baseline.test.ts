import { describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/model/report.js';
import { ReportSchema } from '../../src/model/report.js';
import { buildReport } from '../../src/pipeline.js';
import { makeSettings } from '../../src/settings/layers.js';
import { context, finding, parsed, test } from '../helpers/model.js';

const lines = (covered: number, total: number) => new Map(Array.from({ length: total }, (_, i) => [i + 1, i < covered ? 1 : 0] as [number, number]));
const cart = (name: string, status: 'passed' | 'failed', message?: string) =>
  test(name, status, { id: `shop/cart::${name}`, package: 'shop/cart', suite: 'shop/cart', ...(message ? { failure: { message } } : {}) });
const billing = ['TestTotal', 'TestTax', 'TestRefund', 'TestRound', 'TestEmpty'].map((n) => test(n, 'passed', { id: `shop/billing::${n}`, package: 'shop/billing', suite: 'shop/billing' }));

// The base branch: one failure that stays, one that gets fixed, billing builds and its 5 tests pass, 50% coverage.
const baseline: Report = buildReport(
  [
    parsed('base.json', 'go-test-json', {
      tests: [cart('TestAdd', 'passed'), cart('TestRemove', 'failed', 'remove: got 2 items, want 1'), cart('TestClear', 'failed', 'clear: cart not empty'), ...billing],
    }),
    parsed('base.out', 'go-coverprofile', { coverage: [{ path: 'cart/cart.go', lines: lines(20, 40) }] }),
  ],
  { ...context(), run: { sha: 'b45e1ffac0ffee' } },
);

// This change: TestAdd breaks (new), TestRemove still fails (existing), TestClear passes (fixed),
// billing no longer builds, coverage falls to 47.5%, and of 5 changed coverable lines 2 ran.
const current = buildReport(
  [
    parsed('go.json', 'go-test-json', {
      tests: [cart('TestAdd', 'failed', 'add: quantity 0'), cart('TestRemove', 'failed', 'remove: got 2 items, want 1'), cart('TestClear', 'passed')],
      findings: [finding('compile', { package: 'shop/billing', file: 'billing/tax.go', line: 12, column: 3, message: 'undefined: rate' })],
    }),
    parsed('cover.out', 'go-coverprofile', { coverage: [{ path: 'cart/cart.go', lines: lines(19, 40) }] }),
  ],
  {
    ...context({ 'max-coverage-drop': 2, 'min-patch-coverage': 60 }),
    baseline: { report: baseline, info: { found: true, source: 'artifact of run 41 on main', sha: 'b45e1ffac0ffee', coverage: 50 } },
    // cart.go lines 17-21: 17 and 18 ran (≤ 19), 19 ran, 20 and 21 did not → wait: see below.
    changes: { files: new Map([['cart/cart.go', new Set([18, 19, 20, 21, 22])], ['cart/discount.go', new Set([1, 2, 3])], ['README.md', new Set([4])]]), source: 'files of pull request #7' },
  },
);

describe('against a baseline', () => {
  it('the baseline itself is a valid report that records which tests ran', () => {
    expect(ReportSchema.safeParse(JSON.parse(JSON.stringify(baseline))).success).toBe(true);
    expect(baseline.inventory['shop/billing']).toHaveLength(5);
  });

  it('says which failure is new, which was already there, and which is fixed', () => {
    const add = current.blockers.find((b) => b.tests.includes('TestAdd'))!;
    const remove = current.blockers.find((b) => b.tests.includes('TestRemove'))!;
    expect(add).toMatchObject({ status: 'new', priority: 'P1' });
    expect(remove).toMatchObject({ status: 'existing', priority: 'P2', rule: 'P2: already failing on the baseline (b45e1ff), so not caused by this change; still worth fixing.' });
    expect(current.fixed).toEqual([expect.objectContaining({ category: 'test-failure', tests: ['TestClear'], priority: 'P1' })]);
  });

  it('counts the 5 baseline tests of the package that stopped compiling as blocked, and names them', () => {
    expect(current.tests).toEqual({ total: 3, passed: 1, failed: 2, errored: 0, skipped: 0, flaky: 0, blocked: 5 });
    expect(current.passRate).toBe(12.5); // 1 ÷ (1 + 2 + 5)
    const build = current.blockers.find((b) => b.category === 'compile')!;
    expect(build).toMatchObject({ priority: 'P0', status: 'new', blocked: ['TestEmpty', 'TestRefund', 'TestRound', 'TestTax', 'TestTotal'] });
    expect(current.removedTests).toEqual([]);
  });

  it('measures the coverage drop: 2.5 points, over the allowed 2', () => {
    expect(current.coverage).toEqual({ lines: { covered: 19, total: 40, percent: 47.5 }, delta: -2.5 });
    expect(current.gates.find((g) => g.name === 'max-coverage-drop')).toMatchObject({ target: 2, actual: 2.5, passed: false });
  });

  it('measures patch coverage (40%) and names the changed file no report covers', () => {
    expect(current.patchCoverage).toEqual({
      covered: 2,
      total: 5,
      percent: 40,
      files: [{ path: 'cart/cart.go', covered: 2, total: 5, uncovered: '20-22' }],
      missing: ['cart/discount.go'],
      source: 'files of pull request #7',
    });
    expect(current.gates.find((g) => g.name === 'min-patch-coverage')).toMatchObject({ target: 60, actual: 40, passed: false });
    expect(current.verdict).toBe('NO-GO');
  });

  it('says plainly when there is no baseline, and the drop gate has nothing to compare', () => {
    const alone = buildReport([parsed('go.json', 'go-test-json', { tests: [cart('TestAdd', 'passed')] })], {
      ...context({ 'max-coverage-drop': 1 }),
      baseline: { info: { found: false, reason: "no report artifact 'verdict-report' from a run on 'main' yet" } },
    });
    expect(alone.baseline).toEqual({ found: false, reason: "no report artifact 'verdict-report' from a run on 'main' yet" });
    expect(alone.blockers.every((b) => b.status === undefined)).toBe(true);
    expect(alone.gates.find((g) => g.name === 'max-coverage-drop')).toMatchObject({ actual: null, passed: true, note: 'no baseline coverage to compare with' });
  });

  it('tells removed tests from blocked ones, and makes zero tests where the baseline had tests a P0', () => {
    const empty = buildReport([parsed('go.json', 'go-test-json', { tests: [] })], { ...context(), baseline: { report: baseline, info: { found: true } } });
    expect(empty.removedTests).toHaveLength(8);
    expect(empty.blockers.find((b) => b.category === 'missing-artifact')).toMatchObject({ priority: 'P0', message: 'no test ran, where the baseline ran 8' });
  });
});

describe('settings for the baseline gates', () => {
  it('reads them from flags and inputs by the same names', () => {
    const s = makeSettings({ file: { gates: { 'max-coverage-drop': 1 } }, given: { gates: { 'min-patch-coverage': 80 } } });
    expect(s.gates).toMatchObject({ 'max-coverage-drop': 1, 'min-patch-coverage': 80 });
  });
});
