import { describe, expect, it } from '@jest/globals';
import type { PassedTests, TestCase } from '../../src/model/report.js';
import { ReportSchema } from '../../src/model/report.js';
import { buildReport } from '../../src/pipeline.js';
import { context, finding, parsed, test } from '../helpers/model.js';

describe('report', () => {
  it('counts every test, computes the pass rate over what should have run, and lists gates', () => {
    const report = buildReport(
      [
        parsed('a.xml', 'junit-xml', {
          tests: [test('a', 'passed'), test('b', 'passed'), test('c', 'failed', { failure: { message: 'boom' } }), test('d', 'skipped'), test('e', 'errored', { failure: { message: 'x' } })],
        }),
        parsed('lcov.info', 'lcov', { coverage: [{ path: 'pkg/a.ts', lines: new Map([[1, 1], [2, 0], [3, 4]]) }] }),
      ],
      context({ 'min-coverage': 60, 'min-pass-rate': 50 }),
    );
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(report.tests).toEqual({ total: 5, passed: 2, failed: 1, errored: 1, skipped: 1, flaky: 0, blocked: 0 });
    expect(report.passRate).toBe(50); // 2 / (2 + 1 + 1)
    expect(report.coverage).toEqual({ lines: { covered: 2, total: 3, percent: 66.66 } });
    expect(report.gates.map((g) => [g.name, g.target, g.actual, g.passed])).toEqual([
      ['max-p0', 0, 0, true],
      ['max-p1', 0, 2, false],
      ['min-pass-rate', 50, 50, true],
      ['min-coverage', 60, 66.66, true],
      ['min-tests', 1, 4, true],
    ]);
    expect(report.verdict).toBe('NO-GO');
    expect(report.artifacts).toEqual([
      { path: 'a.xml', format: 'junit-xml', tests: 5 },
      { path: 'lcov.info', format: 'lcov', coverageFiles: 1 },
    ]);
  });

  it('is GO when every gate holds', () => {
    const report = buildReport([parsed('a.xml', 'junit-xml', { tests: [test('a', 'passed')] })], context());
    expect(report.verdict).toBe('GO');
    expect(report.passRate).toBe(100);
    expect(report.coverage).toBeNull();
  });

  it('never rounds a near-total up to 100%', () => {
    const lines = new Map(Array.from({ length: 100000 }, (_, i) => [i + 1, i === 0 ? 0 : 1] as [number, number]));
    const report = buildReport([parsed('lcov.info', 'lcov', { coverage: [{ path: 'a.ts', lines }] }), parsed('a.xml', 'junit-xml', { tests: [test('a', 'passed')] })], context({ 'min-coverage': 100 }));
    expect(report.coverage!.lines.percent).toBe(99.99);
    expect(report.verdict).toBe('NO-GO');
  });

  it('fails a coverage gate when there is no coverage: a missing upload is not 100%', () => {
    const report = buildReport([parsed('a.xml', 'junit-xml', { tests: [test('a', 'passed')] })], context({ 'min-coverage': 10 }));
    expect(report.gates.find((g) => g.name === 'min-coverage')).toMatchObject({ actual: null, passed: false });
    expect(report.verdict).toBe('NO-GO');
  });

  it('is never GO on zero tests', () => {
    const report = buildReport([parsed('a.xml', 'junit-xml', { tests: [test('a', 'skipped')] })], context());
    expect(report.passRate).toBeNull();
    expect(report.gates.find((g) => g.name === 'min-tests')).toMatchObject({ actual: 0, passed: false });
    expect(report.verdict).toBe('NO-GO');
  });

  it('makes a build failure one P0 per package listing every error, and failures P1', () => {
    const report = buildReport(
      [
        parsed('go.json', 'go-test-json', {
          tests: [test('TestA', 'failed', { failure: { message: 'want 1, got 2' }, file: 'pkg/a_test.go', line: 9 })],
          findings: [
            finding('compile', { package: 'shop/cart', file: 'cart/cart.go', line: 3, column: 2, message: 'declared and not used: x' }),
            finding('compile', { package: 'shop/cart', file: 'cart/cart.go', line: 7, column: 9, message: 'undefined: total' }),
          ],
        }),
      ],
      context(),
    );
    expect(report.blockers.map((b) => [b.priority, b.category, b.file, b.line])).toEqual([
      ['P0', 'compile', 'cart/cart.go', 3],
      ['P1', 'test-failure', 'pkg/a_test.go', 9],
    ]);
    expect(report.blockers[0]!.locations.map((l) => `${l.file}:${l.line}:${l.column} ${l.message}`)).toEqual([
      'cart/cart.go:3:2 declared and not used: x',
      'cart/cart.go:7:9 undefined: total',
    ]);
    expect(report.blockers[0]!.title).toBe('shop/cart does not build: declared and not used: x (+1 more error)');
    expect(report.subsystems.find((s) => s.name === 'shop/cart')).toMatchObject({ readiness: 'UNKNOWN', blockers: { P0: 1, P1: 0, P2: 0, P3: 0 } });
  });

  it('clusters failures with one root cause into one blocker listing every test', () => {
    const report = buildReport(
      [
        parsed('a.xml', 'junit-xml', {
          tests: [
            test('a', 'failed', { failure: { message: 'connection refused 127.0.0.1:5432 after 31ms' } }),
            test('b', 'failed', { failure: { message: 'connection refused 127.0.0.1:6543 after 2ms' } }),
            test('c', 'failed', { failure: { message: 'expected true' } }),
          ],
        }),
      ],
      context(),
    );
    const p1 = report.blockers.filter((b) => b.priority === 'P1');
    expect(p1.map((b) => b.tests)).toEqual([['a', 'b'], ['c']]);
    expect(p1[0]!.title).toBe('2 tests fail with: connection refused 127.0.0.1:5432 after 31ms');
  });

  it('says so when it cuts a long message into a title, and keeps the cut within its length', () => {
    const long = `expected ${'the quick brown fox '.repeat(20)}to jump`;
    const report = buildReport([parsed('a.xml', 'junit-xml', { tests: [test('a', 'failed', { failure: { message: long } })] }), parsed('log.txt', 'go-test-log', { findings: [finding('panic', { message: `panic: ${long}` })] })], context());
    const failure = report.blockers.find((b) => b.category === 'test-failure')!;
    expect(failure.title.startsWith('a failed: expected the quick brown fox')).toBe(true);
    expect(failure.title.endsWith('… (truncated)')).toBe(true);
    expect(failure.title.slice('a failed: '.length).length).toBeLessThanOrEqual(140);
    expect(failure.message).toBe(long);
    const panic = report.blockers.find((b) => b.category === 'panic')!;
    expect(panic.title.endsWith('… (truncated)')).toBe(true);
    expect(panic.title.slice('Panic: '.length).length).toBeLessThanOrEqual(140);
  });

  it('groups long skip reasons by their first 139 characters, and reads the environment in all of them', () => {
    // "database" ends at character 135: inside what is grouped on, outside what the title keeps.
    const reason = `${'x'.repeat(126)} database`;
    const report = buildReport(
      [parsed('a.xml', 'junit-xml', { tests: [test('a', 'skipped', { skipReason: `${reason} is down (first)` }), test('b', 'skipped', { skipReason: `${reason} is down (second)` })] })],
      context(),
    );
    expect(report.blockers).toHaveLength(1);
    const [skip] = report.blockers;
    expect(skip).toMatchObject({ priority: 'P2', category: 'skipped-environment', tests: ['a', 'b'] });
    expect(skip!.title.endsWith('… (truncated)')).toBe(true);
    expect(skip!.title.slice('2 tests skipped: '.length).length).toBeLessThanOrEqual(140);
  });

  it('merges the same test from two shards: failed then passed is flaky (P3)', () => {
    const report = buildReport(
      [
        parsed('shard-1.xml', 'junit-xml', { tests: [test('a', 'failed', { failure: { message: 'timeout' }, origin: 'shard-1.xml' })] }),
        parsed('shard-2.xml', 'junit-xml', { tests: [test('a', 'passed', { origin: 'shard-2.xml' })] }),
      ],
      context(),
    );
    expect(report.tests).toMatchObject({ total: 1, flaky: 1, failed: 0 });
    expect(report.blockers).toEqual([expect.objectContaining({ priority: 'P3', category: 'flaky', tests: ['a'] })]);
    expect(report.verdict).toBe('GO');
  });

  it('keeps diagnostics and gives each blocker a stable id across runs', () => {
    const make = (line: number) =>
      buildReport([parsed('a.xml', 'junit-xml', { tests: [test('a', 'failed', { failure: { message: `bad value at 0x${line}ff` }, line })], diagnostics: [{ file: 'x.xml', message: 'empty file' }] })], context());
    const one = make(10);
    const two = make(12);
    expect(one.blockers[0]!.id).toBe(two.blockers[0]!.id);
    expect(one.diagnostics).toEqual([{ file: 'x.xml', message: 'empty file' }]);
  });
});

describe('one file listing a test more than once', () => {
  const run = (statuses: ('passed' | 'failed' | 'skipped')[]) =>
    buildReport([parsed('r.xml', 'junit-xml', { tests: statuses.map((s) => test('t', s, s === 'failed' ? { failure: { message: 'x' } } : {})) })], context()).tests;

  it('folds retries — failures up to the last run — into one test', () => {
    expect(run(['failed', 'failed', 'passed'])).toMatchObject({ total: 1, flaky: 1 });
    expect(run(['failed', 'failed'])).toMatchObject({ total: 1, failed: 1 });
  });

  it('keeps other repeats as separate invocations, so a real failure is never called flaky', () => {
    expect(run(['passed', 'failed'])).toMatchObject({ total: 2, passed: 1, failed: 1, flaky: 0 });
    expect(run(['skipped', 'failed'])).toMatchObject({ total: 2, skipped: 1, failed: 1 });
    expect(run(['passed', 'passed', 'passed'])).toMatchObject({ total: 3, passed: 3 });
  });
});

describe('files whose parser knows their ids are distinct', () => {
  const ids = (names: string[], origin: string, status: 'passed' | 'failed' = 'passed') =>
    parsed(origin, 'junit-xml', { distinctIds: true, tests: names.map((n) => test(n, status, { origin, ...(status === 'failed' ? { failure: { message: 'x' } } : {}) })) });

  it('are added without a lookup, and still merged with a later shard of the same leg', () => {
    const report = buildReport([ids(['a', 'b', 'c'], 'shard-1.xml', 'failed'), ids(['c', 'd'], 'shard-2.xml')], context());
    expect(report.tests).toMatchObject({ total: 4, failed: 2, flaky: 1, passed: 1 });
    expect(report.inventory).toEqual({ pkg: ['pkg::a', 'pkg::b', 'pkg::c', 'pkg::d'] });
  });

  it('are kept apart on two matrix legs, and listed once in the inventory', () => {
    const one = { ...ids(['a'], 'linux/r.xml', 'failed'), leg: 'linux' };
    const two = { ...ids(['a'], 'windows/r.xml'), leg: 'windows' };
    const report = buildReport([one, two], context());
    expect(report.tests).toMatchObject({ total: 2, failed: 1, passed: 1 });
    expect(report.inventory).toEqual({ pkg: ['pkg::a'] });
  });
});

describe('passing tests a parser keeps as groups of ids', () => {
  const group = (names: string[], origin: string, extra: Partial<PassedTests> = {}): PassedTests => ({ suite: 'pkg', package: 'pkg', origin, nameAt: 5, at: 0, ids: names.map((n) => `pkg::${n}`), ...extra });
  const file = (origin: string, passed: PassedTests[], tests: TestCase[] = [], distinctIds = true) => parsed(origin, 'junit-xml', { tests, passed, ...(distinctIds ? { distinctIds } : {}) });

  it('count as passed tests of their subsystem, in the inventory and the artifact list', () => {
    const report = buildReport([file('r.xml', [group(['a', 'b'], 'r.xml'), group(['c'], 'r.xml', { suite: 'other', package: undefined, file: 'web/c.test.js', nameAt: 0, ids: ['c'] })], [test('d', 'failed', { failure: { message: 'x' } })])], context());
    expect(report.tests).toMatchObject({ total: 4, passed: 3, failed: 1 });
    expect(report.inventory).toEqual({ pkg: ['pkg::a', 'pkg::b', 'pkg::d'], other: ['c'] });
    expect(report.subsystems.map((s) => [s.name, s.tests.passed, s.tests.failed])).toEqual([
      ['pkg', 2, 1],
      ['web', 1, 0],
    ]);
    expect(report.artifacts[0]!.tests).toBe(4);
  });

  it('become tests again when another shard of the leg names them: passed here, failed there is flaky', () => {
    const report = buildReport([file('shard-1.xml', [group(['a', 'b'], 'shard-1.xml', { file: 'src/a.test.js', lines: [0, 7] })]), file('shard-2.xml', [], [test('b', 'failed', { failure: { message: 'x' }, origin: 'shard-2.xml' })])], context());
    expect(report.tests).toMatchObject({ total: 2, passed: 1, flaky: 1 });
    const flaky = report.blockers.find((b) => b.category === 'flaky')!;
    expect(flaky.locations).toEqual([expect.objectContaining({ file: 'src/a.test.js', line: 7 })]);
    expect(flaky.sources).toEqual(['shard-1.xml', 'shard-2.xml']);
  });

  it('come before the file\'s other tests when its ids repeat, so a pass then a failure stays two runs', () => {
    const report = buildReport([file('r.xml', [group(['a'], 'r.xml')], [test('a', 'failed', { failure: { message: 'x' } })], false)], context());
    expect(report.tests).toMatchObject({ total: 2, passed: 1, failed: 1, flaky: 0 });
    expect(report.inventory).toEqual({ pkg: ['pkg::a', 'pkg::a #2'] });
  });

  it('become tests where their file listed them, so blockers come in the order they did', () => {
    // Two flaky tests with one title: the sort keeps them in the order the tests were first seen.
    const first = file('a.xml', [group(['t'], 'a.xml', { suite: 'C1', package: 'p1', nameAt: 4, ids: ['C1::t'] })], [test('t', 'passed', { id: 'C2::t', suite: 'C2', package: 'p2', origin: 'a.xml' })]);
    const failing = (id: string, pkg: string) => test('t', 'failed', { id, package: pkg, failure: { message: 'x' }, origin: 'b.xml' });
    const second = file('b.xml', [], [failing('C2::t', 'p2'), failing('C1::t', 'p1')]);
    const report = buildReport([first, second], context());
    expect(report.blockers.filter((b) => b.category === 'flaky').map((b) => b.package)).toEqual(['p1', 'p2']);
  });

  it('are normalized once: a path made repository-relative is not cut again when they merge', () => {
    const ctx = { ...context(), paths: { goModules: [], stripPrefixes: ['app'] } };
    const first = file('a.xml', [group(['t'], 'a.xml', { file: 'app/app/x.js' })]);
    const second = file('b.xml', [], [test('t', 'failed', { failure: { message: 'x' }, origin: 'b.xml' })]);
    const report = buildReport([first, second], ctx);
    expect(report.blockers.find((b) => b.category === 'flaky')!.file).toBe('app/x.js');
  });

  it('may be one per test (a file whose passes and skips alternate), too many to pass as arguments', () => {
    const groups = Array.from({ length: 200_000 }, (_, i) => group([`t${i}`], 'r.xml', { at: i }));
    const report = buildReport([file('r.xml', groups)], context());
    expect(report.tests).toMatchObject({ total: 200_000, passed: 200_000 });
  });

  it('are kept apart on matrix legs, listed once in the inventory', () => {
    const report = buildReport([{ ...file('linux/r.xml', [group(['a'], 'linux/r.xml')]), leg: 'linux' }, { ...file('windows/r.xml', [group(['a'], 'windows/r.xml')]), leg: 'windows' }], context());
    expect(report.tests).toMatchObject({ total: 2, passed: 2 });
    expect(report.inventory).toEqual({ pkg: ['pkg::a'] });
  });
});

describe('where a blocker was read', () => {
  it('names every report file a merged test came from', () => {
    const report = buildReport(
      [
        parsed('linux/junit.xml', 'junit-xml', { tests: [test('a', 'failed', { failure: { message: 'boom' }, origin: 'linux/junit.xml' })] }),
        parsed('windows/junit.xml', 'junit-xml', { tests: [test('a', 'failed', { failure: { message: 'boom' }, origin: 'windows/junit.xml' })] }),
      ],
      context(),
    );
    expect(report.tests).toMatchObject({ total: 1, failed: 1 });
    expect(report.blockers[0]!.sources).toEqual(['linux/junit.xml', 'windows/junit.xml']);
  });
});

describe('tests that never ran', () => {
  it('counts tests declared in a package that did not build or whose binary died as blocked, and names them on the blocker', () => {
    const report = buildReport(
      [
        parsed('go.json', 'go-test-json', {
          tests: [test('TestFirst', 'passed', { package: 'm/panicky' }), test('TestBoom', 'failed', { package: 'm/panicky', failure: { message: 'panic: nil map' } })],
          findings: [
            finding('compile', { package: 'm/broken', file: 'broken/a.go', line: 1, message: 'undefined: x' }),
            finding('panic', { package: 'm/panicky', message: 'panic: assignment to entry in nil map', tests: ['TestBoom'] }),
          ],
        }),
      ],
      { ...context(), inventory: new Map([['m/broken', ['TestA', 'TestB']], ['m/panicky', ['TestFirst', 'TestBoom', 'TestAfter']]]) },
    );
    expect(report.tests).toMatchObject({ total: 2, passed: 1, failed: 1, blocked: 3 });
    expect(report.passRate).toBe(20); // 1 ÷ (1 + 1 + 3)
    expect(report.blockers.filter((b) => b.priority === 'P0').map((b) => [b.category, b.blocked])).toEqual([
      ['compile', ['TestA', 'TestB']],
      ['panic', ['TestAfter']],
    ]);
    expect(report.subsystems.find((s) => s.name === 'm/broken')).toMatchObject({ tests: { total: 0, blocked: 2 }, readiness: 'UNKNOWN' });
  });
});

describe('findings with absolute paths', () => {
  it('moves a package that is only its file’s directory into the repository with the file', () => {
    const report = buildReport(
      [parsed('py.log', 'compiler-output', { findings: [finding('crash', { package: '/home/runner/work/shop/shop/app', file: '/home/runner/work/shop/shop/app/config.py', line: 9, message: 'KeyError' })] })],
      context(),
    );
    expect(report.blockers[0]).toMatchObject({ package: 'app', file: 'app/config.py', subsystem: 'app' });
  });
});
