import { describe, expect, it } from '@jest/globals';
import { buildReport } from '../../src/pipeline.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderOutputs } from '../../src/render/outputs.js';
import { context, finding, parsed, test } from '../helpers/model.js';

const report = () =>
  buildReport(
    [
      parsed('go.json', 'go-test-json', {
        tests: [
          test('TestOk', 'passed'),
          test('TestTotal', 'failed', { failure: { message: 'total = 3, want 4' }, file: 'pkg/total_test.go', line: 12 }),
          test('TestSkip', 'skipped', { skipReason: 'needs POSTGRES_URL: database not available' }),
        ],
        findings: [finding('compile', { package: 'shop/cart', file: 'cart/cart.go', line: 3, column: 2, message: 'declared and not used: x' })],
      }),
      parsed('bad.xml', 'unknown', { diagnostics: [{ file: 'bad.xml', line: 7, message: 'malformed XML: unclosed tag' }] }),
    ],
    { ...context({ 'min-pass-rate': 90 }), run: { serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'abc123' } },
  );

describe('markdown report', () => {
  const md = renderMarkdown(report());

  it('puts the verdict first and the gates in a table', () => {
    expect(md.split('\n')[0]).toBe('## ❌ NO-GO — Verdict: 3 gates failed: P0 blockers, P1 blockers, Pass rate');
    expect(md).toContain('| Metric | Target | Actual | Status |');
    expect(md).toContain('| Pass rate (`min-pass-rate`) | ≥ 90% | 50% | ❌ fail |');
  });

  it('groups blockers by priority with linked file:line and the rule', () => {
    const p0 = md.indexOf('#### P0');
    const p1 = md.indexOf('#### P1');
    const p2 = md.indexOf('#### P2');
    expect(p0).toBeGreaterThan(0);
    expect(p1).toBeGreaterThan(p0);
    expect(p2).toBeGreaterThan(p1);
    expect(md).toContain('- **shop/cart does not build: declared and not used: x** — [`cart/cart.go:3`](https://github.com/acme/shop/blob/abc123/cart/cart.go#L3)');
    expect(md).toContain('- **TestTotal failed: total = 3, want 4** — [`pkg/total_test.go:12`](https://github.com/acme/shop/blob/abc123/pkg/total_test.go#L12)');
    expect(md).toContain('1 test skipped: needs POSTGRES_URL: database not available');
    expect(md).toContain('_P0: the package does not build, so none of its tests ran — every test in it is blocked._');
  });

  it('has a subsystem table and says what could not be read, with the line', () => {
    expect(md).toContain('| `pkg` | 🔴 NOT READY | 3 | 1 | 1 | 1 | 0 | 50% | — | P1×1 P2×1 |');
    expect(md).toContain('| `shop/cart` | ⚪ UNKNOWN | 0 | 0 | 0 | 0 | 0 | — | — | P0×1 |');
    expect(md).toContain('- `bad.xml:7`: malformed XML: unclosed tag');
  });

  it('step outputs come from the same report', () => {
    expect(renderOutputs(report(), '/tmp/r.json')).toEqual({
      verdict: 'NO-GO',
      tests: '3',
      failed: '1',
      'pass-rate': '50',
      coverage: '',
      'coverage-delta': '',
      'patch-coverage': '',
      p0: '1',
      p1: '1',
      p2: '1',
      p3: '0',
      'report-path': '/tmp/r.json',
    });
  });
});

describe('annotations', () => {
  it('one per place a blocker shows up, by priority level, then notices on uncovered changed lines when asked', async () => {
    const { renderAnnotations } = await import('../../src/render/annotations.js');
    const r = buildReport(
      [parsed('go.json', 'go-test-json', { tests: [test('TestTotal', 'failed', { failure: { message: 'total = 3, want 4' }, file: 'pkg/total_test.go', line: 12 })], coverage: [{ path: 'pkg/total.go', lines: new Map([[3, 0], [4, 0], [5, 1], [9, 0]]) }] })],
      { ...context(), changes: { files: new Map([['pkg/total.go', new Set([3, 4, 5, 9])]]), source: 'git diff main...HEAD' } },
    );
    const { annotations, omitted } = renderAnnotations(r, 10, 5);
    expect(omitted).toBe(0);
    expect(annotations.map((a) => [a.path, a.start_line, a.end_line, a.annotation_level, a.title])).toEqual([
      ['pkg/total_test.go', 12, 12, 'failure', 'P1 test-failure: TestTotal'],
      ['pkg/total.go', 3, 4, 'notice', 'Changed lines not covered'],
      ['pkg/total.go', 9, 9, 'notice', 'Changed lines not covered'],
    ]);
    expect(annotations[1]!.message).toBe('Lines 3-4 were changed and no test ran them.');
    expect(renderAnnotations(r, 10).annotations).toHaveLength(1);
  });
});
