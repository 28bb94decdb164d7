import { describe, expect, it } from '@jest/globals';
import { buildReport } from '../../src/pipeline.js';
import { renderOutputs } from '../../src/render/outputs.js';
import { context, finding, parsed, test } from '../helpers/model.js';

const lcov = (covered: number, total: number) => ({ path: 'src/cart.ts', lines: new Map(Array.from({ length: total }, (_, i) => [i + 1, i < covered ? 1 : 0])) });

function withCoverage(covered: number, total: number, tests = [test('TestOk', 'passed')]) {
  return parsed('go.json', 'go-test-json', { tests, coverage: [lcov(covered, total)] });
}

const baseline = buildReport([withCoverage(2, 3)], context());

describe('step outputs', () => {
  it('count failed and errored tests as failed; flaky, skipped and blocked are not', () => {
    const report = buildReport(
      [
        parsed('go.json', 'go-test-json', {
          tests: [test('A', 'passed'), test('B', 'failed'), test('C', 'errored'), test('D', 'flaky'), test('E', 'skipped')],
          findings: [finding('compile', { package: 'pkg', tests: ['F'] })],
        }),
      ],
      { ...context(), inventory: new Map([['pkg', ['F']]]) },
    );
    expect(report.tests).toMatchObject({ total: 5, failed: 1, errored: 1, blocked: 1 });
    expect(renderOutputs(report, '/r.json')).toMatchObject({ tests: '5', failed: '2' });
  });

  it('coverage change against the baseline in points, negative for a drop, without a + for a gain', () => {
    const dropped = buildReport([withCoverage(1, 3)], { ...context(), baseline: { report: baseline, info: { found: true } } });
    const gained = buildReport([withCoverage(3, 3)], { ...context(), baseline: { report: baseline, info: { found: true } } });
    expect(renderOutputs(dropped, '/r.json')['coverage-delta']).toBe('-33.33');
    expect(renderOutputs(gained, '/r.json')['coverage-delta']).toBe('33.34');
  });

  it('coverage of the changed lines rounded down, as the coverage output is', () => {
    const report = buildReport([withCoverage(2, 3)], { ...context(), changes: { files: new Map([['src/cart.ts', new Set([1, 2, 3])]]), source: 'git diff main...HEAD' } });
    expect(renderOutputs(report, '/r.json')).toMatchObject({ coverage: '66.66', 'patch-coverage': '66.66' });
  });

  it('are empty where nothing was measured: no baseline, no changed lines, no coverage', () => {
    const outputs = renderOutputs(buildReport([withCoverage(2, 3)], context()), '/r.json');
    expect(outputs).toMatchObject({ coverage: '66.66', 'coverage-delta': '', 'patch-coverage': '' });
    const noCoverage = buildReport([parsed('go.json', 'go-test-json', { tests: [test('A', 'passed')] })], { ...context(), baseline: { report: baseline, info: { found: true } } });
    expect(renderOutputs(noCoverage, '/r.json')).toMatchObject({ coverage: '', 'coverage-delta': '' });
  });
});
