import { describe, expect, it } from '@jest/globals';
import { analyze } from '../src/analyze.js';
import { makeSettings } from '../src/settings/layers.js';
import { ROOT } from './helpers/fixtures.js';

/*
 * The example artifacts are real tool output (examples/README.md lists each deliberate failure).
 * The figures below are the tools' own: jest's "Tests: 2 failed, 1 skipped, 6 passed, 9 total"
 * and "Lines: 81.81% (27/33)"; the go test -json events (15 pass, 5 fail, 2 skip).
 */
describe('the example project', () => {
  const report = analyze({
    workspace: ROOT,
    settings: makeSettings({ file: {}, given: { files: ['examples/artifacts/**'], gates: { 'min-coverage': 70 } } }),
    run: {},
    now: new Date(0),
  });

  it('counts what the tools counted', async () => {
    const r = await report;
    expect(r.tests).toEqual({ total: 31, passed: 21, failed: 7, errored: 0, skipped: 3, flaky: 0, blocked: 3 });
    expect(r.passRate).toBe(67.74); // 21 ÷ (21 + 7 + 3 blocked)
    expect(r.diagnostics).toEqual([]);
    expect(r.artifacts.map((a) => [a.path, a.format])).toEqual([
      ['examples/artifacts/go/build.log', 'go-build-log'],
      ['examples/artifacts/go/coverage.out', 'go-coverprofile'],
      ['examples/artifacts/go/go-test.json', 'go-test-json'],
      ['examples/artifacts/ts/junit.xml', 'junit-xml'],
      ['examples/artifacts/ts/lcov.info', 'lcov'],
    ]);
    // The TypeScript project is one subsystem, named by its package.json: its tests in test/, its
    // code in src/, and jest's own line coverage of it (Lines: 81.81% (27/33)).
    const ts = r.subsystems.find((s) => s.name === 'verdict-example-invoice')!;
    expect(ts.tests).toMatchObject({ total: 9, passed: 6, failed: 2, skipped: 1 });
    expect(ts.coverage).toEqual({ covered: 27, total: 33, percent: 81.81 });
    expect(r.subsystems.map((s) => s.name)).not.toContain('examples/src/ts/test');
  });

  it('finds the package that does not compile, with both errors at their file:line:col', async () => {
    const r = await report;
    const p0 = r.blockers.filter((b) => b.priority === 'P0');
    expect(p0).toHaveLength(1);
    expect(p0[0]).toMatchObject({ category: 'compile', package: 'example.com/shop/inventory', file: 'examples/src/go/inventory/inventory_test.go', line: 10 });
    expect(p0[0]!.locations.map((l) => `${l.file}:${l.line}:${l.column} ${l.message}`)).toEqual([
      'examples/src/go/inventory/inventory_test.go:10:2 r declared but not used',
      'examples/src/go/inventory/inventory_test.go:34:2 undefined: assertStock',
    ]);
    // Its three tests, declared in inventory_test.go, never ran: blocked, and named.
    expect(p0[0]!.blocked).toEqual(['TestReserveReducesAvailable', 'TestReserveMoreThanAvailable', 'TestCommitRemovesStock']);
    expect(r.subsystems.find((s) => s.name === 'example.com/shop/inventory')).toMatchObject({ readiness: 'UNKNOWN', tests: { total: 0, blocked: 3 } });
  });

  it('clusters the two cart failures that share a broken fixture, and places the rest', async () => {
    const r = await report;
    const p1 = r.blockers.filter((b) => b.priority === 'P1');
    expect(p1.map((b) => [b.tests, b.file, b.line])).toEqual(
      expect.arrayContaining([
        [['TestAddAccumulatesQuantity', 'TestRemoveDropsEmptyLine'], 'examples/src/go/cart/cart_test.go', 37],
        [['TestApplyDiscount/rounds_half_up'], 'examples/src/go/pricing/pricing_test.go', 20],
        [['TestCheckoutTaxAfterCoupon'], 'examples/src/go/checkout/checkout_test.go', 61],
        [['parseAmount accepts a thousands separator'], 'examples/src/ts/test/money.test.js', 13],
        [['splitEvenly spreads the remainder over the first parts'], 'examples/src/ts/test/money.test.js', 34],
      ]),
    );
    expect(p1).toHaveLength(5);
    const p2 = r.blockers.filter((b) => b.priority === 'P2');
    expect(p2.map((b) => [b.category, b.tests])).toEqual([['skipped-environment', ['TestPostgresStore']]]);
  });

  it('reads jest coverage exactly (Lines: 81.81% (27/33))', async () => {
    const lcovOnly = await analyze({
      workspace: ROOT,
      settings: makeSettings({ file: {}, given: { files: ['examples/artifacts/ts/lcov.info'], gates: {} } }),
      run: {},
    });
    expect(lcovOnly.coverage).toEqual({ lines: { covered: 27, total: 33, percent: 81.81 } });
    const r = await report;
    expect(r.gates.find((g) => g.name === 'min-coverage')).toMatchObject({ target: 70, passed: false });
    expect(r.verdict).toBe('NO-GO');
  });
});
