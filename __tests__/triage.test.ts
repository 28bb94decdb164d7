import { describe, expect, it } from '@jest/globals';
import { analyze } from '../src/analyze.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { makeSettings } from '../src/settings/layers.js';
import { ROOT } from './helpers/fixtures.js';

/*
 * A real `go test -race -json ./...` run (go 1.19, __tests__/fixtures/go-triage/README.md lists
 * every deliberate problem): three packages that do not compile, a data race, a panic, and
 * assertion failures of which three share one root cause.
 */
const SRC = '__tests__/fixtures/go-triage/src';

describe('triage of a broken Go run', () => {
  const report = analyze({
    workspace: ROOT,
    settings: makeSettings({ file: {}, given: { files: ['__tests__/fixtures/go-triage/artifacts/go-test-nocover.json', '__tests__/fixtures/go-triage/artifacts/build-nocover.log'], gates: {} } }),
    run: {},
    now: new Date(0),
  });

  it('makes one P0 per package that does not build, listing every compile error at file:line:col', async () => {
    const builds = (await report).blockers.filter((b) => b.category === 'compile');
    expect(builds.map((b) => [b.priority, b.package, b.locations.length])).toEqual([
      ['P0', 'example.com/triage/billing', 5],
      ['P0', 'example.com/triage/importer', 2],
      ['P0', 'example.com/triage/ledger', 6],
    ]);
    expect(builds[0]!.locations.map((l) => `${l.file}:${l.line}:${l.column} ${l.message}`)).toEqual([
      `${SRC}/billing/billing.go:10:2 discount declared but not used`,
      `${SRC}/billing/billing.go:18:5 Rate redeclared in this block`,
      `${SRC}/billing/billing.go:22:29 undefined: foo`,
      `${SRC}/billing/billing.go:27:2 remaining declared but not used`,
      `${SRC}/billing/billing.go:28:16 undefined: usedCents`,
    ]);
    // The redeclaration keeps its "other declaration" line for the reviewer.
    expect(builds[0]!.details).toContain('billing/billing.go:5:5: other declaration of Rate');
    // Only the test file of ledger is broken: still the whole package's tests never ran.
    expect(builds[2]!.file).toBe(`${SRC}/ledger/ledger_test.go`);
    expect(builds.map((b) => b.blocked)).toEqual([
      ['TestTotal', 'TestTotalEmpty', 'TestTax', 'TestRefund'],
      ['TestParse', 'TestParseEmpty', 'TestHeader'],
      ['TestPost', 'TestBalance', 'TestReconcile'],
    ]);
  });

  it('makes one P0 for the race (reported twice by go, counted once) and one for the panic, with the frame that raised it', async () => {
    const r = await report;
    const races = r.blockers.filter((b) => b.category === 'race');
    expect(races).toHaveLength(1);
    expect(races[0]).toMatchObject({ priority: 'P0', file: `${SRC}/racy/counter.go`, line: 14, tests: ['TestCounterConcurrentReset'] });
    const panics = r.blockers.filter((b) => b.category === 'panic');
    expect(panics).toHaveLength(1);
    expect(panics[0]).toMatchObject({
      priority: 'P0',
      title: 'Panic in TestCacheSetZeroValue: assignment to entry in nil map in cache.(*Cache).Set',
      file: `${SRC}/cache/cache.go`,
      line: 26,
      tests: ['TestCacheSetZeroValue'],
      blocked: ['TestCacheEvict', 'TestCacheHits'],
    });
  });

  it('clusters the assertion failures by root cause: three refused connections are one P1', async () => {
    const p1 = (await report).blockers.filter((b) => b.priority === 'P1');
    expect(p1.map((b) => [b.title.replace(/127\.0\.0\.1:\d+.*$/, '…'), b.tests])).toEqual([
      ['3 tests fail with: connect to …', ['TestConnectPrimary', 'TestConnectReplica', 'TestQueueBrokerConnect']],
      ['TestQueueOrder failed: dequeue order = [3 2 1], want [1 2 3]', ['TestQueueOrder']],
    ]);
    expect(p1[0]!.locations.map((l) => `${l.file}:${l.line}`)).toEqual([
      `${SRC}/dbconn/dbconn_test.go:27`,
      `${SRC}/dbconn/dbconn_test.go:37`,
      `${SRC}/queue/queue_test.go:21`,
    ]);
  });

  it('counts the 12 tests that never ran as blocked, in the pass rate too', async () => {
    const r = await report;
    expect(r.tests).toEqual({ total: 17, passed: 10, failed: 6, errored: 0, skipped: 1, flaky: 0, blocked: 12 });
    expect(r.passRate).toBe(35.71); // 10 ÷ (10 + 6 + 12)
    expect(r.subsystems.filter((s) => s.readiness === 'UNKNOWN').map((s) => s.name)).toEqual([
      'example.com/triage/billing',
      'example.com/triage/importer',
      'example.com/triage/ledger',
    ]);
  });

  it('reads like a triage: what to fix first, then every blocker with where and why', async () => {
    const md = renderMarkdown(await report);
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ❌ NO-GO — Verdict: 2 gates failed: P0 blockers, P1 blockers');
    expect(md).toContain(
      '**Fix first:** 3 packages do not build (`billing`, `importer`, `ledger`; 10 tests never ran) · 1 data race (`racy`) · 1 panic (`cache`; 2 tests never ran) · 2 distinct failures (`dbconn`, `queue`; 4 tests)',
    );
    expect(md).toContain('  - Never ran (4 blocked): `TestTotal`, `TestTotalEmpty`, `TestTax`, `TestRefund`');
    expect(md.indexOf('#### P0')).toBeLessThan(md.indexOf('#### P1'));
    expect(md).toContain('P2 — should fix');
    expect(md).toContain('1 test skipped: needs golang.org/x/text/unicode/norm, which this module does not vendor');
  });
});

describe('the same run with -coverprofile', () => {
  it('reads compiler errors without columns and the cover tool’s own error lines', async () => {
    const r = await analyze({
      workspace: ROOT,
      settings: makeSettings({ file: {}, given: { files: ['__tests__/fixtures/go-triage/artifacts/go-test.json', '__tests__/fixtures/go-triage/artifacts/build.log'], gates: {} } }),
      run: {},
      now: new Date(0),
    });
    const builds = r.blockers.filter((b) => b.category === 'compile');
    expect(builds.map((b) => `${b.package} ${b.file}:${b.line} ${b.message}`)).toEqual([
      `example.com/triage/billing ${SRC}/billing/billing.go:10 discount declared but not used`,
      `example.com/triage/importer ${SRC}/importer/header.go:8 cover: expected declaration, found 'import'`,
      `example.com/triage/ledger ${SRC}/ledger/ledger_test.go:11 entry declared but not used`,
    ]);
  });
});

describe('dependency resolution failures (go 1.19 stops before running anything)', () => {
  it.each([
    ['deps-build.log', ['app github.com/google/uuid@v1.3.0: missing go.sum entry; to add it:', 'client missing go.sum entry for module providing package github.com/google/uuid (imported by example.com/deps/client); to add:']],
    ['deps-nouuid-build.log', ['app no required module provides package example.com/deps/nothere; to add it:', 'client no required module provides package github.com/google/uuid; to add it:']],
  ])('%s: one P0 per package, with the hint go printed', async (log, expected) => {
    const r = await analyze({ workspace: ROOT, settings: makeSettings({ file: {}, given: { files: [`__tests__/fixtures/go-triage/artifacts/deps/${log}`], gates: {} } }), run: {}, now: new Date(0) });
    expect(r.blockers.map((b) => `${b.package} ${b.message}`)).toEqual(expected);
    expect(r.blockers.every((b) => b.priority === 'P0' && b.category === 'dependency' && b.details?.includes('\tgo '))).toBe(true);
    expect(r.blockers.map((b) => `${b.file}:${b.line}`)).toEqual(['__tests__/fixtures/go-triage/src-deps/app/app.go:5', '__tests__/fixtures/go-triage/src-deps/client/client.go:5']);
  });
});
