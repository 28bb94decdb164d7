import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { FileCoverage } from '../../src/model/report.js';
import { lineTotals, sumLineTotals } from '../../src/model/report.js';
import { istanbulFinalParser, istanbulSummaryParser } from '../../src/parse/istanbul.js';
import { lcovParser } from '../../src/parse/lcov.js';
import { CORPUS } from '../helpers/fixtures.js';
import { inChunks } from '../helpers/chunks.js';
import { parseCorpusWith, parseTextWith } from '../helpers/parse-direct.js';

interface Expected {
  path: string;
  coverage?: { linesCovered: number | null; linesTotal: number | null; linePercent?: number };
}
const EXPECTED = JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Expected[];
const expectedFor = (dir: string) => EXPECTED.filter((e) => e.path.startsWith(dir) && e.coverage);

const totals = (files: FileCoverage[]) => sumLineTotals(files);

const headOf = (rel: string) => readFileSync(path.join(CORPUS, rel), 'utf8').slice(0, 64 * 1024);
const statement = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 9 } });

describe('istanbul coverage-final.json', () => {
  const stated = expectedFor('istanbul-coverage-final-json/');

  it.each(stated.filter((e) => e.coverage!.linesCovered !== null).map((e) => [e.path, e.coverage!] as const))('matches expected.json for %s', async (rel, coverage) => {
    expect(istanbulFinalParser.detect(headOf(rel))).toBe(true);
    const out = await parseCorpusWith(istanbulFinalParser, rel);
    expect(out.diagnostics).toEqual([]);
    expect(totals(out.coverage)).toEqual({ covered: coverage.linesCovered, total: coverage.linesTotal });
  });

  it('matches the percentage stated for the vitest report (istanbul truncates to two decimals)', async () => {
    const rel = 'istanbul-coverage-final-json/vitest-coverage-report-action/test/mockReports/coverage/coverage-final.json';
    expect(stated.find((e) => e.path === rel)?.coverage?.linePercent).toBe(19.85);
    const { covered, total } = totals((await parseCorpusWith(istanbulFinalParser, rel)).coverage);
    expect([covered, total]).toEqual([56, 282]);
    expect(Math.floor((10000 * covered) / total) / 100).toBe(19.85);
  });

  it('agrees file by file with the lcov and the coverage-summary.json of the same run', async () => {
    const final = (await parseCorpusWith(istanbulFinalParser, 'istanbul-coverage-final-json/H4KU.com/coverage/coverage-final.json')).coverage;
    const lcov = new Map((await parseCorpusWith(lcovParser, 'lcov/H4KU.com/coverage/lcov.info')).coverage.map((f) => [f.path, f]));
    const summary = new Map(
      (await parseCorpusWith(istanbulSummaryParser, 'istanbul-json-summary/H4KU.com/coverage/coverage-summary.json')).coverage.map((f) => [f.path, f.summary]),
    );
    expect(final).toHaveLength(15);
    for (const file of final) {
      expect(file.path.startsWith('/Users/cervantes/website/lum.bio/src/')).toBe(true);
      // lcov names files relative to the project; the same hits on the same lines.
      const relative = file.path.slice('/Users/cervantes/website/lum.bio/'.length);
      const sorted = (f: FileCoverage) => [...f.lines].sort((a, b) => a[0] - b[0]);
      expect([relative, sorted(file)]).toEqual([relative, sorted(lcov.get(relative)!)]);
      expect([file.path, lineTotals(file)]).toEqual([file.path, summary.get(file.path)]);
    }
  });

  it('gives a line the hits of its busiest statement, as istanbul does', async () => {
    const map = {
      '/repo/src/a.ts': {
        path: '/repo/src/a.ts',
        statementMap: { '0': statement(1), '1': statement(1), '2': { start: { line: 2, column: 0 }, end: { line: 5, column: 1 } }, '3': statement(3) },
        s: { '0': 0, '1': 4, '2': 1, '3': 0, '9': 7 },
        fnMap: {},
        f: {},
        branchMap: {},
        b: {},
      },
      'src/b.ts': { statementMap: {}, s: {}, fnMap: {}, f: {}, branchMap: {}, b: {} },
    };
    const out = await parseTextWith(istanbulFinalParser, 'coverage-final.json', JSON.stringify(map));
    expect(out.diagnostics).toEqual([]);
    expect(out.coverage).toEqual([
      {
        path: '/repo/src/a.ts',
        // A statement spanning lines 2-5 counts on the line it starts on; statement 9 has no location.
        lines: new Map([
          [1, 4],
          [2, 1],
          [3, 0],
        ]),
      },
      // No path field: the key is the path.
      { path: 'src/b.ts', lines: new Map() },
    ]);
  });

  it('reads the same entries whatever the chunk boundaries, keys with escapes included', async () => {
    const map: Record<string, unknown> = {};
    for (let i = 0; i < 5; i++) {
      const key = `C:\\work\\app\\src\\"quoted" {${i}} [x].ts`;
      map[key] = { path: key, statementMap: { '0': statement(i + 1), '1': statement(i + 2) }, s: { '0': i, '1': 0 }, note: 'a \\" } ] string', n: [1, { x: '}' }] };
    }
    const text = JSON.stringify(map, null, 2);
    const whole = await parseTextWith(istanbulFinalParser, 'c.json', text);
    expect(whole.diagnostics).toEqual([]);
    expect(whole.coverage.map((f) => f.path)).toEqual(Object.keys(map));
    expect(whole.coverage[3]!.lines).toEqual(
      new Map([
        [4, 3],
        [5, 0],
      ]),
    );
    for (const size of [1, 2, 3, 5, 17, 256]) {
      const out = await istanbulFinalParser.parse(inChunks('c.json', text, size));
      expect(out).toEqual(whole);
    }
  });

  it("reads one file's coverage object when it has a path, and says why not when it has none", async () => {
    const withPath = await parseCorpusWith(istanbulFinalParser, 'istanbul-coverage-final-json/istanbuljs/github-649.json');
    expect(withPath.diagnostics).toEqual([]);
    expect(withPath.coverage.map((f) => [f.path, lineTotals(f)])).toEqual([['/Users/benjamincoe/bcoe/istanbul-lib-instrument/src/index.js', { covered: 5, total: 5 }]]);

    const without = await parseCorpusWith(istanbulFinalParser, 'istanbul-coverage-final-json/istanbuljs/github-80a.json');
    expect(without.coverage).toEqual([]);
    expect(without.diagnostics).toEqual([
      {
        file: 'istanbul-coverage-final-json/istanbuljs/github-80a.json',
        line: 1,
        message: "one file's coverage without a path (an istanbul FileCoverage object, not a coverage map): nothing to attribute it to",
      },
    ]);
  });

  it('names the line of a bad entry and keeps the others', async () => {
    const text = `{
"/a.js": {"statementMap": {"0": {"start": {"line": 1, "column": 0}}}, "s": {"0": 1}},
"/b.js": {"statementMap": {},
  "s": {"0": 1,}},
"/c.js": [1, 2],
"/d.js": {"statementMap": {"0": {"start": {"line": 2, "column": 0}}}, "s": {"0": 0}}
}`;
    const out = await parseTextWith(istanbulFinalParser, 'final.json', text);
    expect(out.coverage).toEqual([
      { path: '/a.js', lines: new Map([[1, 1]]) },
      { path: '/d.js', lines: new Map([[2, 0]]) },
    ]);
    expect(out.diagnostics).toEqual([
      { file: 'final.json', line: 4, message: expect.stringMatching(/^entry "\/b\.js" is not valid JSON: /) },
      { file: 'final.json', line: 5, message: 'entry "/c.js" is not istanbul file coverage (no statementMap and s); skipped' },
    ]);
  });

  it('keeps the entries before a truncation and names the line of the cut-off one', async () => {
    const text = readFileSync(path.join(CORPUS, 'istanbul-coverage-final-json/istanbuljs/specs/different-path-files.coverage-final.json'), 'utf8');
    const cut = text.slice(0, text.indexOf('"statementMap"', text.indexOf('package2file.js') + 40));
    const out = await parseTextWith(istanbulFinalParser, 'cut.json', cut);
    expect(out.coverage.map((f) => f.path)).toEqual(['/Users/jschmidle/oss/istanbuljs-test/rootfile.js', '/Users/jschmidle/oss/istanbuljs-test/package1/package1file.js']);
    expect(out.diagnostics).toEqual([
      { file: 'cut.json', line: 20, message: 'file ends inside the entry "/Users/jschmidle/oss/istanbuljs-test/package2/package2file.js" that starts here (truncated?)' },
    ]);
  });

  it('says what breaks the top-level object', async () => {
    const cases: [string, { line: number; message: string }][] = [
      ['[1]', { line: 1, message: 'not a JSON object' }],
      ['{\n  "/a.js": {"statementMap": {}, "s": {}}\n  "/b.js": {}\n}', { line: 3, message: 'expected \',\' or \'}\' after an entry, found \'"\'' }],
      ['{\n  statementMap: {}', { line: 2, message: "expected a quoted key, found 's'" }],
      ['{"/a.js" {}}', { line: 1, message: 'expected \':\' after key "/a.js"' }],
      ['{"/a.js": {"statementMap": {}, "s": {}}', { line: 1, message: "file ends before the top-level object's closing '}' (truncated?)" }],
      ['{"/a.j', { line: 1, message: 'file ends inside a key (truncated?)' }],
    ];
    for (const [text, problem] of cases) {
      const out = await parseTextWith(istanbulFinalParser, 'f.json', text);
      expect(out.diagnostics).toEqual([{ file: 'f.json', ...problem }]);
    }
  });

  it('recognizes coverage-final.json from a cut-off head, and nothing else', () => {
    const big = headOf('istanbul-coverage-final-json/H4KU.com/coverage/coverage-final.json');
    expect(big.length).toBe(64 * 1024);
    expect(istanbulFinalParser.detect(big)).toBe(true);
    expect(istanbulFinalParser.detect(headOf('istanbul-coverage-final-json/istanbuljs/github-10.json'))).toBe(true);
    expect(istanbulFinalParser.detect(headOf('istanbul-json-summary/H4KU.com/coverage/coverage-summary.json'))).toBe(false);
    expect(istanbulFinalParser.detect(headOf('ctrf-json/ctrf-spec/examples/minimal.json'))).toBe(false);
    expect(istanbulFinalParser.detect(headOf('lcov/H4KU.com/coverage/lcov.info'))).toBe(false);
  });
});

describe('istanbul coverage-summary.json', () => {
  it.each(expectedFor('istanbul-json-summary/').map((e) => [e.path, e.coverage!] as const))('matches expected.json for %s', async (rel, coverage) => {
    expect(istanbulSummaryParser.detect(headOf(rel))).toBe(true);
    const out = await parseCorpusWith(istanbulSummaryParser, rel);
    expect(out.diagnostics).toEqual([]);
    expect(totals(out.coverage)).toEqual({ covered: coverage.linesCovered, total: coverage.linesTotal });
  });

  it('gives each file its line counts and no line numbers; "total" is not a file', async () => {
    const out = await parseCorpusWith(istanbulSummaryParser, 'istanbul-json-summary/vitest-coverage-report-action/test/mockReports/coverage/coverage-summary.json');
    expect(out.coverage.map((f) => f.path)).not.toContain('total');
    expect(out.coverage[0]).toEqual({ path: '/absolute/path/src/constants.js', lines: new Map(), summary: { covered: 1, total: 1 } });
    expect(out.coverage).toHaveLength(5);
  });

  it('says when the files do not add up to the total, and names the line of a bad entry', async () => {
    const text = `{"total": {"lines": {"total": 10, "covered": 5, "skipped": 0, "pct": 50}},
"/a.js": {"lines": {"total": 4, "covered": 2, "skipped": 0, "pct": 50}},
"/b.js": {"statements": {"total": 4, "covered": 2, "skipped": 0, "pct": 50}}
}`;
    const out = await parseTextWith(istanbulSummaryParser, 'summary.json', text);
    expect(out.coverage).toEqual([{ path: '/a.js', lines: new Map(), summary: { covered: 2, total: 4 } }]);
    expect(out.diagnostics).toEqual([
      { file: 'summary.json', line: 3, message: 'entry "/b.js" has no lines {covered, total}; skipped' },
      { file: 'summary.json', line: 1, message: 'the files add up to 2/4 lines but "total" says 5/10 (entries missing?)' },
    ]);
  });

  it('recognizes coverage-summary.json by its total, and nothing else', () => {
    expect(istanbulSummaryParser.detect(headOf('istanbul-json-summary/data-structures/coverage/coverage-summary.json'))).toBe(true);
    expect(istanbulSummaryParser.detect('{"total": {"lines": {"total": 1, "covered": 1, "skipped": 0, "pct": 100}, "statements": {')).toBe(true);
    expect(istanbulSummaryParser.detect(headOf('istanbul-coverage-final-json/data-structures/coverage/coverage-final.json'))).toBe(false);
    expect(istanbulSummaryParser.detect(headOf('ctrf-json/ctrf-github-test-reporter/test.json'))).toBe(false);
    expect(istanbulSummaryParser.detect('{"total": 3}')).toBe(false);
  });
});
