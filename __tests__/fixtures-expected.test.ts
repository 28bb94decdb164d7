import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding, Report } from '../src/model/report.js';
import { buildReport } from '../src/pipeline.js';
import { makeSettings } from '../src/settings/layers.js';
import type { Expectation, Figures } from './helpers/expected.js';
import { EXPECTED } from './helpers/expected.js';
import { parseCorpus, ROOT } from './helpers/fixtures.js';

/*
 * Every figure that the corpus (__tests__/fixtures/corpus)/expected.json states — tests per status, lines covered —
 * is checked against Verdict's report for that file alone. Sources count differently on purpose
 * in places; CONVENTIONS maps our figures to each source's way of counting. Where we believe a
 * source is wrong, or count differently by design, the entry is in expected-exceptions.json with
 * the reason, and an exception that no longer differs fails too, so the list stays true.
 */

const exceptions = JSON.parse(readFileSync(path.join(ROOT, '__tests__/fixtures/expected-exceptions.json'), 'utf8')) as Record<string, { reason: string }>;

const BINARY_DEATHS: Finding['kind'][] = ['compile', 'dependency', 'panic', 'timeout', 'crash'];

function packagesWith(findings: Finding[], kinds: Finding['kind'][]): number {
  return new Set(findings.filter((f) => kinds.includes(f.kind)).map((f) => f.package ?? f.origin)).size;
}

/** Each source's way of counting, applied to our figures. */
const CONVENTIONS: { source: RegExp; why: string; map: (f: Figures, findings: Finding[]) => Figures }[] = [
  {
    source: /^(dorny|mikepenz)\//,
    why: 'counts <error> results as failed and states no separate error count',
    map: (f) => ({ ...f, failed: f.failed! + f.errors!, errors: null }),
  },
  {
    source: /^gotestyourself\/gotestsum/,
    why: "DONE line: 'failures' also counts each package whose binary failed (build, panic, timeout, crash); 'errors' counts packages that did not build",
    map: (f, findings) => ({
      ...f,
      failed: f.failed! + f.errors! + packagesWith(findings, BINARY_DEATHS),
      errors: packagesWith(findings, ['compile', 'dependency']),
    }),
  },
  {
    source: /^jstemmer\/go-junit-report/,
    why: 'writes one pseudo test case with an <error> per package that did not build, panicked or crashed',
    map: (f, findings) => {
      const n = packagesWith(findings, BINARY_DEATHS);
      return { ...f, total: f.total! + n, errors: f.errors! + n };
    },
  },
  {
    source: /^jenkinsci\/junit-plugin/,
    why: 'counts a suite-level <error> (a suite that could not run) as one failed test case',
    map: (f, findings) => {
      const n = findings.filter((x) => x.kind === 'collection').length;
      return { ...f, total: f.total! + n, failed: f.failed! + n };
    },
  },
];

function ourFigures(report: Report): Figures {
  const t = report.tests;
  // Flaky tests passed in the end: every source counts them as passed.
  return { total: t.total, passed: t.passed + t.flaky, failed: t.failed, skipped: t.skipped, errors: t.errored };
}

function differences(expected: Figures, ours: Figures): string[] {
  return (Object.keys(expected) as (keyof Figures)[])
    .filter((k) => expected[k] !== null && expected[k] !== undefined && ours[k] !== expected[k])
    .map((k) => `${k}: ours ${ours[k]}, stated ${expected[k]}`);
}

async function reportFor(entry: Expectation) {
  const parsed = await parseCorpus(entry.path);
  const report = buildReport([parsed], {
    settings: makeSettings({ file: {}, given: { gates: {} } }),
    paths: { goModules: [], stripPrefixes: [] },
    run: {},
    now: new Date(0),
    diagnostics: [],
  });
  return { parsed, report };
}

/** What differs between our figures (in the source's convention) and what the source states. */
async function check(entry: Expectation): Promise<string[]> {
  const { parsed, report } = await reportFor(entry);
  const problems: string[] = [];
  if (entry.parse_error && !report.diagnostics.some((d) => d.file === entry.path)) {
    problems.push(`the source expects a parse error (${entry.parse_error.slice(0, 80)}…) and Verdict gave no diagnostic`);
  }
  if (entry.tests) {
    const convention = CONVENTIONS.find((c) => c.source.test(entry.source_of_expectation));
    const ours = convention ? convention.map(ourFigures(report), parsed.output.findings) : ourFigures(report);
    const diff = differences(entry.tests, ours);
    // EnricoMi de-duplicates same-named tests; its `runs` count every invocation, as Verdict does.
    if (diff.length > 0 && !(entry.runs && differences(entry.runs, ours).length === 0)) problems.push(...diff);
  }
  if (entry.coverage) {
    const lines = report.coverage?.lines;
    const { linesCovered, linesTotal, linePercent } = entry.coverage;
    if (linesCovered != null && lines?.covered !== linesCovered) problems.push(`lines covered: ours ${lines?.covered}, stated ${linesCovered}`);
    if (linesTotal != null && lines?.total !== linesTotal) problems.push(`lines total: ours ${lines?.total}, stated ${linesTotal}`);
    // Sources round to their own precision; ours is floored to two decimals.
    if (linePercent != null && (lines?.percent == null || Math.abs(lines.percent - linePercent) >= 0.01 * 10 ** (2 - decimals(linePercent)) + 1e-9)) {
      problems.push(`line percent: ours ${lines?.percent}, stated ${linePercent}`);
    }
  }
  return problems;
}

function decimals(n: number): number {
  const s = String(n);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

describe('figures stated by the fixtures’ sources (the corpus (__tests__/fixtures/corpus)/expected.json)', () => {
  it('has an entry for every exception listed', () => {
    const paths = new Set(EXPECTED.map((e) => e.path));
    expect(Object.keys(exceptions).filter((p) => !paths.has(p))).toEqual([]);
  });

  it.each(EXPECTED.map((e) => [e.path, e] as const))('%s', async (_path, entry) => {
    const problems = await check(entry);
    const exception = exceptions[entry.path];
    if (exception) {
      // A listed exception must still differ; once it matches it comes off the list.
      expect({ path: entry.path, stillDiffers: problems.length > 0 }).toEqual({ path: entry.path, stillDiffers: true });
      expect(exception.reason.length).toBeGreaterThan(40);
    } else {
      expect({ path: entry.path, problems }).toEqual({ path: entry.path, problems: [] });
    }
  });
});
