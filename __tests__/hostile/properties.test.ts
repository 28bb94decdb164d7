import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSource, sourceFromText } from '../../src/collect/read.js';
import type { Report } from '../../src/model/report.js';
import { detectFormat, parseSource, PARSERS } from '../../src/parse/index.js';
import { buildReport } from '../../src/pipeline.js';
import { renderComment } from '../../src/render/comment.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { liveHtml, liveIssueLinks, liveMentions, structure } from '../helpers/markdown-structure.js';
import { ROOT } from '../helpers/fixtures.js';
import { context, finding, parsed, test } from '../helpers/model.js';

/*
 * Properties over arbitrary input. Renderers: whatever the names, messages, paths and traces
 * say, the markdown keeps the shape of the same report with plain words in their place — as many
 * lines, table rows, cells and code blocks — and has nothing live in it (no HTML, mention, issue
 * link or control character). Parsers: no byte sequence makes one throw.
 */

// Pieces that break markdown when pasted raw, mixed with arbitrary text.
const FRAGMENTS = ['|', '\\|', '\\', '`', '``', '```', '~~~', '<details>', '</details>', '<summary>', '<img src=x onerror=alert(1)>', '<!--', '-->', '@octocat', '@acme/ops', '#12', 'acme/shop#3', 'GH-4', '_', '*', '$', '[', '](', ')', '(', '&', '&#124;', '&amp;', ' ', '\t', '\n', '\r\n', '\u001b[31m', '\u001b]8;;http://x\u0007', '\u0000', '\u202e', '\u200b', '😀', 'é', 'a', 'Z', '0', '9', '/', '.', ':', '-', '#', '@'];
const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...FRAGMENTS), maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...FRAGMENTS), minLength: 80, maxLength: 400 }) },
);

interface Inputs {
  names: string[];
  messages: string[];
  details: string[];
  files: string[];
  packages: string[];
  skip: string;
  diagnostic: { file: string; message: string };
  finding: { pkg: string; file: string; message: string; excerpt: string };
  extra: string[];
}

const inputs: fc.Arbitrary<Inputs> = fc.record({
  names: fc.array(hostile, { minLength: 3, maxLength: 3 }),
  messages: fc.array(hostile, { minLength: 3, maxLength: 3 }),
  details: fc.array(hostile, { minLength: 3, maxLength: 3 }),
  files: fc.array(hostile, { minLength: 3, maxLength: 3 }),
  packages: fc.array(hostile, { minLength: 3, maxLength: 3 }),
  skip: hostile,
  diagnostic: fc.record({ file: hostile, message: hostile }),
  finding: fc.record({ pkg: hostile, file: hostile, message: hostile, excerpt: hostile }),
  extra: fc.array(hostile, { minLength: 8, maxLength: 8 }),
});

/** A report with every kind of untrusted text Verdict shows: tests, a build failure, a skip, a diagnostic, a baseline, patch coverage. */
function reportOf(x: Inputs): Report {
  const report = buildReport(
    [
      parsed('r.xml', 'junit-xml', {
        tests: [
          ...x.names.map((name, i) => test(name, 'failed', { id: `pkg::${i}`, package: x.packages[i], file: x.files[i], line: i + 1, failure: { message: x.messages[i]!, details: x.details[i] } })),
          test('skipped one', 'skipped', { id: 'pkg::skip', skipReason: x.skip }),
          test('passing one', 'passed', { id: 'pkg::pass', package: x.packages[0] }),
        ],
        findings: [finding('compile', { package: x.finding.pkg, file: x.finding.file, line: 2, message: x.finding.message, excerpt: x.finding.excerpt })],
        diagnostics: [{ file: x.diagnostic.file, line: 3, message: x.diagnostic.message }],
      }),
    ],
    { ...context({ 'min-pass-rate': 90 }), run: { serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'abc123' } },
  );
  const [a, b, c, d, e, f, g, h] = x.extra as [string, string, string, string, string, string, string, string];
  report.baseline = { found: true, source: a, sha: 'def4567890' };
  report.fixed = [{ id: '1', priority: 'P1', category: 'test-failure', title: b, tests: [] }];
  report.removedTests = [{ package: c, test: d }];
  report.patchCoverage = { covered: 1, total: 3, percent: 33.33, files: [{ path: e, covered: 1, total: 3, uncovered: f }], missing: [g], source: h };
  return report;
}

/** The same report with each distinct untrusted string replaced by a plain word (equal strings by equal words). */
function plainTwin(report: Report): Report {
  const words = new Map<string, string>();
  const w = (s: string) => (s === '' ? s : words.get(s) ?? (words.set(s, `word${words.size}`), `word${words.size - 1}`));
  const o = <T extends string | undefined>(s: T): T => (s === undefined ? s : (w(s) as T));
  return {
    ...report,
    blockers: report.blockers.map((b) => ({
      ...b,
      title: w(b.title),
      rule: w(b.rule),
      package: o(b.package),
      subsystem: o(b.subsystem),
      file: o(b.file),
      message: o(b.message),
      details: o(b.details),
      tests: b.tests.map(w),
      blocked: b.blocked.map(w),
      sources: b.sources.map(w),
      legs: b.legs?.map(w),
      locations: b.locations.map((l) => ({ ...l, file: w(l.file), test: o(l.test), message: o(l.message) })),
    })),
    subsystems: report.subsystems.map((s) => ({ ...s, name: w(s.name) })),
    diagnostics: report.diagnostics.map((d) => ({ ...d, file: w(d.file), message: w(d.message) })),
    baseline: { ...report.baseline, source: o(report.baseline.source) },
    fixed: report.fixed.map((f) => ({ ...f, title: w(f.title) })),
    removedTests: report.removedTests.map((t) => ({ package: w(t.package), test: w(t.test) })),
    patchCoverage: report.patchCoverage && {
      ...report.patchCoverage,
      source: w(report.patchCoverage.source),
      missing: report.patchCoverage.missing.map(w),
      files: report.patchCoverage.files.map((f) => ({ ...f, path: w(f.path), uncovered: w(f.uncovered) })),
    },
  };
}

const shape = (md: string) => {
  const s = structure(md);
  return { lines: s.live.length, fences: s.fences.length, unclosedFence: s.unclosedFence, details: s.detailsBalance, tables: s.tables };
};

describe('rendering arbitrary test output', () => {
  it('keeps the shape of the plain report, with nothing live', () => {
    fc.assert(
      fc.property(inputs, (x) => {
        const report = reportOf(x);
        // The PR comment as well as the full report: it shortens names in the middle and titles its links.
        for (const render of [renderMarkdown, renderComment]) {
          const md = render(report);
          const s = structure(md);
          expect(shape(md)).toEqual(shape(render(plainTwin(report))));
          expect(s.unclosedFence).toBe(false);
          expect(s.detailsBalance).toBe(0);
          expect(s.detailsUnderflow).toBe(false);
          for (const table of s.tables) for (const row of table.rows) expect(row).toBe(table.header);
          expect(liveHtml(s)).toEqual([]);
          expect(liveMentions(s)).toEqual([]);
          expect(liveIssueLinks(s)).toEqual([]);
          // eslint-disable-next-line no-control-regex
          expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000); // two renderings of 300 reports: seconds alone, longer beside the other suites
});

/*
 * Parsers, on bytes: each gets arbitrary bytes and, more to the point, a real report of its own
 * format cut short, with arbitrary bytes spliced in, or with a stretch repeated — inputs that pass
 * detection and reach the parser's deeper paths.
 */

const SEEDS = [
  '__tests__/fixtures/reports/all-pass.junit.xml',
  '__tests__/fixtures/corpus/junit-xml/action-junit-report/catch2/report.xml',
  '__tests__/fixtures/corpus/trx/test-reporter/fixtures/dotnet-xunitv3.trx',
  '__tests__/fixtures/corpus/nunit-xml/publish-unit-test-result-action/nunit/nunit3/jenkins/NUnit-failure.xml',
  '__tests__/fixtures/corpus/xunit-net-xml/publish-unit-test-result-action/xunit/mstest/jenkinsci/testcase1.xml',
  '__tests__/fixtures/corpus/go-test-json/go-junit-report/testdata/101-fail.gojson.txt',
  '__tests__/fixtures/reports/jest-json/suite-failed.json',
  '__tests__/fixtures/real/mocha/out/mocha.json',
  '__tests__/fixtures/real/node-test/out/node24/results.tap',
  '__tests__/fixtures/corpus/ctrf-json/ctrf-spec/examples/with-retries.json',
  '__tests__/fixtures/corpus/lcov/lcov-parser/example/lcov.info',
  '__tests__/fixtures/go-triage/artifacts/coverage.out',
  '__tests__/fixtures/corpus/cobertura-xml/cobertura-action/test-istanbul-single.xml',
  '__tests__/fixtures/corpus/clover-xml/coverage-reporter/clover/clover-phpcsutils.xml',
  '__tests__/fixtures/corpus/jacoco-xml/coverage-reporter/jacoco/jacoco-report.xml',
  '__tests__/fixtures/corpus/istanbul-coverage-final-json/istanbuljs/github-10.json',
  '__tests__/fixtures/corpus/istanbul-json-summary/data-structures/coverage/coverage-summary.json',
  '__tests__/fixtures/go-triage/artifacts/build.log',
  '__tests__/fixtures/real/go/out/go-vet-json.log',
  '__tests__/fixtures/logs/gcc.log',
  '__tests__/fixtures/real/ctest/out/ctest.log',
  '__tests__/fixtures/real/ctest/out/gtest-store.log',
  '__tests__/fixtures/real/cargo/out/cargo-test.log',
  '__tests__/fixtures/real/cargo/out/cargo-test.json',
  '__tests__/fixtures/real/unittest/out/console-v.txt',
];

const seeds = new Map<string, string>();
let dir = '';

beforeAll(async () => {
  for (const rel of SEEDS) {
    const text = await readFile(path.resolve(ROOT, rel), 'utf8');
    seeds.set(detectFormat(text)!.format, text);
  }
  dir = await mkdtemp(path.join(tmpdir(), 'verdict-props-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A seed cut, spliced or stuttered at arbitrary places. */
const mutation = (seed: string) =>
  fc.oneof(
    fc.nat({ max: seed.length }).map((at) => seed.slice(0, at)),
    fc.tuple(fc.nat({ max: seed.length }), fc.nat({ max: 200 }), hostile).map(([at, drop, text]) => seed.slice(0, at) + text + seed.slice(at + drop)),
    fc.tuple(fc.nat({ max: seed.length }), fc.nat({ max: 400 }), fc.integer({ min: 2, max: 50 })).map(([at, len, times]) => seed.slice(0, at) + seed.slice(at, at + len).repeat(times) + seed.slice(at + len)),
  );

function wellFormed(output: { tests: unknown[]; findings: unknown[]; coverage: unknown[]; diagnostics: { file: string }[] }, file: string): void {
  expect(Array.isArray(output.tests) && Array.isArray(output.findings) && Array.isArray(output.coverage)).toBe(true);
  for (const d of output.diagnostics) expect(d.file).toBe(file);
}

describe('parsing arbitrary bytes', () => {
  it('has a seed of every format, so every parser is reached past detection', () => {
    expect([...seeds.keys()].sort()).toEqual(PARSERS.map((p) => p.format).sort());
  });

  it.each(PARSERS.map((p) => [p.format, p] as const))('%s: never throws, on arbitrary text or on its own format mangled', async (_format, parser) => {
    const seed = seeds.get(parser.format)!;
    const text = fc.oneof(fc.uint8Array({ maxLength: 300 }).map((bytes) => new TextDecoder().decode(bytes)), hostile, mutation(seed));
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        wellFormed(await parser.parse(sourceFromText('m.txt', t)), 'm.txt');
      }),
      { numRuns: 120 },
    );
  });

  it('parseSource never throws on arbitrary bytes from disk, BOMs and all, and names the file in every diagnostic', async () => {
    const boms = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.constantFrom(...seeds.values()).chain((seed) => mutation(seed).map((t) => new Uint8Array(Buffer.from(t)))),
      fc.constantFrom(...seeds.values()).map((seed) => new Uint8Array(Buffer.from(seed, 'utf16le'))),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(boms, bytes, async (bom, body) => {
        const absolute = path.join(dir, `f${n++}`);
        const data = Buffer.concat([Buffer.from(bom), body]);
        await writeFile(absolute, data);
        const source = await openSource({ absolute, path: 'fuzzed.xml', size: data.length });
        const result = await parseSource(source);
        wellFormed(result.output, 'fuzzed.xml');
        for (const d of source.problems ?? []) expect(d.file).toBe('fuzzed.xml');
      }),
      { numRuns: 300 },
    );
  });
});
