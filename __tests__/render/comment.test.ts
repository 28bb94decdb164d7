import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/analyze.js';
import type { Report } from '../../src/model/report.js';
import { buildReport } from '../../src/pipeline.js';
import { CHECK_LADDER, fitMarkdown, LIMITS } from '../../src/render/budget.js';
import { inline } from '../../src/render/escape.js';
import { coverageBar, fitComment, middle, renderComment } from '../../src/render/comment.js';
import { makeSettings } from '../../src/settings/layers.js';
import { ROOT } from '../helpers/fixtures.js';
import { context, parsed, test } from '../helpers/model.js';
import { structure } from '../helpers/markdown-structure.js';

/*
 * The PR comment is read in ten seconds: its first screen (everything before the first
 * <details>) is the decision, its tables fit GitHub's ~780 px comment column, its stacks are the
 * user's frames. What it folds away is in the check run's text, the full report.
 */

const RUN = { serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'abc123' };

const demo = () =>
  analyze({
    workspace: ROOT,
    settings: makeSettings({ file: {}, given: { files: ['examples/artifacts/**'], gates: { 'min-coverage': 70, 'min-pass-rate': 90 } } }),
    run: RUN,
    now: new Date(0),
  });

/** 200 distinct jest failures, each with jest-circus's frames under the user's one. */
function large(): Report {
  const word = (i: number) => Array.from(String(i).padStart(3, '0'), (d) => 'abcdefghij'[Number(d)]).join('');
  const circus = Array.from({ length: 14 }, (_, i) => `    at fn${i} (/home/runner/work/shop/node_modules/jest-circus/build/run.js:${100 + i}:3)`).join('\n');
  const tests = Array.from({ length: 200 }, (_, i) =>
    test(`case ${word(i)} adds up`, 'failed', {
      package: `packages/module-${i % 12}-name/src`,
      file: `packages/module-${i % 12}-name/src/deeply/cart-${word(i)}.test.ts`,
      line: i + 1,
      failure: { message: `expected ${word(i)} to equal ${word(i + 1)}`, details: `Error: expected ${word(i)}\n    at Object.<anonymous> (packages/m/src/cart-${word(i)}.test.ts:${i + 1}:7)\n${circus}\n    at new Promise (<anonymous>)\n    at node:internal/process/task_queues:95:5` },
    }),
  );
  return buildReport([parsed('junit.xml', 'junit-xml', { tests: [...tests, test('ok', 'passed')] })], { ...context({ 'min-pass-rate': 90 }), run: RUN });
}

/** The comment up to its first <details>: what GitHub shows without a click. */
const firstScreen = (md: string) => md.slice(0, md.indexOf('<details>') < 0 ? md.length : md.indexOf('<details>'));

describe.each([
  ['the demo report', demo],
  ['a 200-failure report', async () => large()],
])('the PR comment of %s', (_, make) => {
  it('shows the decision first: verdict, failed gates with actual and target, top blockers one line each', async () => {
    const report = await make();
    const md = fitComment(report, LIMITS.comment);
    const first = firstScreen(md);
    expect(first.split('\n')[0]).toBe(`## ❌ NO-GO — ${report.name}`);
    for (const g of report.gates.filter((x) => !x.passed)) expect(first).toContain(`| ❌ ${g.metric} |`);
    for (const g of report.gates.filter((x) => x.passed)) expect(first).not.toContain(`| ❌ ${g.metric} |`);
    const s = structure(first);
    const [gates, blockers] = s.tables;
    expect(gates!.header).toBe(3);
    expect(blockers!.rows).toHaveLength(Math.min(5, report.blockers.length));
    // Each blocker row: priority, what, a linked file:line, the count of tests.
    const rows = first.split('\n').filter((l) => /^\| \S+ P[0-3] \|/.test(l));
    expect(rows).toHaveLength(blockers!.rows.length);
    for (const row of rows) expect(row).toMatch(/^\| \S+ P[0-3] \| .+ \| \[`[^`]+:\d+`\]\(https:\/\/github\.com\/acme\/shop\/blob\/abc123\/[^)]+#L\d+(?: "[^"]+")?\) \| [\d+ a-z]+ \|$/);
    // Rules, ids and sources are not on the first screen.
    for (const b of report.blockers) {
      expect(first).not.toContain(b.rule);
      expect(first).not.toContain(b.id);
    }
    expect(first).not.toContain(' · from ');
    if (report.blockers.length > 5) expect(first).toContain(`…and ${report.blockers.length - 5} more`);
  });

  it('folds the rest in <details> and keeps every table within 6 columns', async () => {
    const md = fitComment(await make(), LIMITS.comment);
    const s = structure(md);
    expect(s.detailsBalance).toBe(0);
    expect(s.unclosedFence).toBe(false);
    expect(md).toContain('<summary>Subsystems (');
    for (const t of s.tables) {
      expect(t.header).toBeLessThanOrEqual(6);
      for (const row of t.rows) expect(row).toBe(t.header);
    }
    // Long names are shortened in the middle: no cell's code span is over 40 characters.
    for (const span of md.matchAll(/^\|.*$/gm)) for (const c of span[0].matchAll(/`([^`]+)`/g)) expect(c[1]!.length).toBeLessThanOrEqual(40);
  });

  it('shows stacks without runner and dependency frames, and counts the cut', async () => {
    const md = fitComment(await make(), LIMITS.comment);
    expect(md).not.toMatch(/node_modules|jest-circus|node:internal|<anonymous>\)/);
    expect(md).toMatch(/… \d+ frames of dependencies and the runtime cut/);
  });

  it('leaves nothing out of the check run: its text names every blocker with rule, id and sources', async () => {
    const report = await make();
    const { markdown: text, step } = fitMarkdown(report, LIMITS.checkSummary, { ladder: CHECK_LADDER });
    // At most the stacks are shortened (the annotations carry them whole); no blocker is collapsed.
    expect(CHECK_LADDER[step]!.collapse ?? []).toEqual([]);
    for (const b of report.blockers) {
      expect(text).toContain(`id \`${b.id}\` · from ${b.sources.map((x) => `\`${x}\``).join(', ')}`);
      expect(text).toContain(inline(b.title));
    }
    // A rule is said once per run of blockers that share it, then referred to.
    for (const rule of new Set(report.blockers.map((b) => b.rule))) expect(text).toContain(`_${inline(rule)}_`);
  });
});

describe('sizes', () => {
  it('the comment of 200 failures stays a first screen and a few folds, far under the limit', () => {
    const md = fitComment(large(), LIMITS.comment);
    expect(md.length).toBeLessThan(15_000);
  });
});

describe('the pieces', () => {
  it('middle keeps the start and the end of a long name', () => {
    expect(middle('packages/module-with-a-long-name/src/deeply/nested/cart.test.ts:12', 32)).toBe('packages/mod…ted/cart.test.ts:12');
    expect(middle('short.ts:1', 32)).toBe('short.ts:1');
  });

  it('coverageBar: ten cells and the target it is held to', () => {
    expect(coverageBar(64.24, 70)).toBe('▰▰▰▰▰▰▱▱▱▱ 64.24% ⚠️ < 70%');
    expect(coverageBar(93.1, 70)).toBe('▰▰▰▰▰▰▰▰▰▱ 93.1% ✅');
    expect(coverageBar(50, undefined)).toBe('▰▰▰▰▰▱▱▱▱▱ 50%');
    expect(coverageBar(null, 70)).toBe('—');
  });

  it('a GO with no blockers says so in two lines', () => {
    const r = buildReport([parsed('junit.xml', 'junit-xml', { tests: [test('ok', 'passed')] })], context({ 'min-pass-rate': 90 }));
    const md = renderComment(r);
    expect(md).toContain('## ✅ GO — Verdict');
    expect(md).toContain('✅ All 4 gates hold.');
    expect(md).toContain('No blockers. 🎉');
  });
});

describe('the trend of the base branch', () => {
  it('carries the history on from report to report and draws pass rate and coverage as a Mermaid chart', async () => {
    // Three base-branch runs in a row, each the baseline of the next, then the change.
    let previous: Report | undefined;
    const rates: [number, number][] = [[3, 1], [2, 2], [4, 0], [1, 3]];
    for (const [passed, failed] of rates) {
      const tests = [...Array.from({ length: passed }, (_, i) => test(`p${i}`, 'passed')), ...Array.from({ length: failed }, (_, i) => test(`f${i}`, 'failed', { failure: { message: `f${i} broke` } }))];
      const report: Report = buildReport([parsed('r.xml', 'junit-xml', { tests })], {
        ...context(),
        run: { ...RUN, sha: `${'abcdef0'.slice(0, 6)}${passed}${'0'.repeat(33)}` },
        ...(previous ? { baseline: { report: previous, info: { found: true } } } : {}),
      });
      previous = report;
    }
    expect(previous!.history.map((h) => h.passRate)).toEqual([75, 50, 100]);
    const md = renderComment(previous!);
    expect(md).toContain('<summary>Trend over the last 3 base-branch reports</summary>');
    expect(md).toContain('```mermaid\nxychart-beta');
    expect(md).toContain('  x-axis ["abcdef3", "abcdef2", "abcdef4", "this change"]');
    expect(md).toContain('  line [75, 50, 100, 25]');
    expect(md).toContain('First line: pass rate (75% → 50% → 100% → 25%)');
    // No baseline, no trend.
    expect(renderComment(buildReport([parsed('r.xml', 'junit-xml', { tests: [test('a', 'passed')] })], context()))).not.toContain('Trend');
  });
});
