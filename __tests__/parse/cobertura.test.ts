import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { FileCoverage } from '../../src/model/report.js';
import { lineTotals, sumLineTotals } from '../../src/model/report.js';
import { coberturaParser } from '../../src/parse/cobertura.js';
import { lcovParser } from '../../src/parse/lcov.js';
import { CORPUS } from '../helpers/fixtures.js';
import { inChunks } from '../helpers/chunks.js';
import { parseCorpusWith, parseTextWith } from '../helpers/parse-direct.js';

interface Expected {
  path: string;
  coverage?: { linesCovered: number | null; linesTotal: number | null; linePercent?: number };
}
const EXPECTED = (JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Expected[]).filter(
  (e) => e.path.startsWith('cobertura-xml/') && e.coverage,
);

const headOf = (rel: string) => readFileSync(path.join(CORPUS, rel), 'utf8').slice(0, 64 * 1024);

const totals = (files: FileCoverage[]) => sumLineTotals(files);

const parse = (text: string, name = 'coverage.xml') => parseTextWith(coberturaParser, name, text);
const byPath = (files: FileCoverage[]) => new Map(files.map((f) => [f.path, f]));

describe('Cobertura XML', () => {
  it.each(EXPECTED.filter((e) => e.coverage!.linesCovered !== null).map((e) => [e.path, e.coverage!] as const))(
    'matches expected.json for %s',
    async (rel, coverage) => {
      expect(coberturaParser.detect(headOf(rel))).toBe(true);
      const out = await parseCorpusWith(coberturaParser, rel);
      expect(totals(out.coverage)).toEqual({ covered: coverage.linesCovered, total: coverage.linesTotal });
      expect(out.diagnostics).toEqual([]);
    },
  );

  it.each(EXPECTED.filter((e) => e.coverage!.linesCovered === null).map((e) => [e.path, e.coverage!.linePercent!] as const))(
    'matches the line percentage expected.json states for %s',
    async (rel, percent) => {
      const { covered, total } = totals((await parseCorpusWith(coberturaParser, rel)).coverage);
      expect(Math.round((10000 * covered) / total) / 100).toBe(percent);
    },
  );

  it('gives the per-file line rates cobertura-action expects, and counts a file with no lines', async () => {
    const out = await parseCorpusWith(coberturaParser, 'cobertura-xml/cobertura-action/test-no-branch.xml');
    const rate = (p: string) => {
      const t = lineTotals(byPath(out.coverage).get(p)!);
      return Math.round((10000 * t.covered) / t.total) / 100;
    };
    expect(out.coverage.map((f) => f.path).sort()).toEqual(['Main.java', 'search/BinarySearch.java', 'search/ISortedArraySearch.java', 'search/LinearSearch.java']);
    expect(rate('search/BinarySearch.java')).toBe(91.67);
    expect(rate('search/LinearSearch.java')).toBe(71.43);
    expect(rate('Main.java')).toBe(100);
    // An interface: a file the report covers, with nothing to execute.
    expect(lineTotals(byPath(out.coverage).get('search/ISortedArraySearch.java')!)).toEqual({ covered: 0, total: 0 });
    // Maven Cobertura writes its own `--source` flag as a source directory.
    expect(out.coverage[0]!.roots).toEqual(['C:/local/mvn-coverage-example/src/main/java']);
  });

  it('agrees file by file with the lcov tracefile of the same istanbul run', async () => {
    const cobertura = byPath((await parseCorpusWith(coberturaParser, 'cobertura-xml/H4KU.com/coverage/cobertura-coverage.xml')).coverage);
    const lcov = (await parseCorpusWith(lcovParser, 'lcov/H4KU.com/coverage/lcov.info')).coverage;
    expect(cobertura.size).toBe(lcov.length);
    for (const file of lcov) {
      // Same lines, and the same hits on each line.
      expect([file.path, [...cobertura.get(file.path)!.lines].sort((a, b) => a[0] - b[0])]).toEqual([file.path, [...file.lines].sort((a, b) => a[0] - b[0])]);
    }
    expect(cobertura.get('src/components/layout/StatusBar.tsx')!.roots).toEqual(['/Users/cervantes/website/lum.bio']);
  });

  it('reads the class-level lines once, not again from <methods>, and adds up a file split over classes', async () => {
    const out = await parse(`<?xml version="1.0"?>
<coverage line-rate="0.5" lines-valid="4" lines-covered="2" version="1">
  <sources><source>/home/runner/work/app/app/src</source></sources>
  <packages><package name="com.acme"><classes>
    <class name="com.acme.Cart" filename="com/acme/Cart.java">
      <methods><method name="add" signature="()V"><lines><line number="3" hits="5"/></lines></method></methods>
      <lines>
        <line number="3" hits="5"/>
        <line number="4" hits="0" branch="true" condition-coverage="0% (0/2)"><conditions><condition number="0" type="jump" coverage="0%"/></conditions></line>
      </lines>
    </class>
    <class name="com.acme.Cart$1" filename="com/acme/Cart.java">
      <lines><line number="4" hits="2"/><line number="9" hits="0"/></lines>
    </class>
  </classes></package></packages>
</coverage>`);
    expect(out.diagnostics).toEqual([]);
    expect(out.coverage).toEqual([
      {
        path: 'com/acme/Cart.java',
        lines: new Map([
          [3, 5],
          [4, 2],
          [9, 0],
        ]),
        roots: ['/home/runner/work/app/app/src'],
      },
    ]);
  });

  it('keeps every real source directory as a root, in order, and drops placeholders', async () => {
    const out = await parse(`<coverage line-rate="1">
  <sources>
    <source>--source</source>
    <source>$GOMODCACHE</source>
    <source></source>
    <source/>
    <source> /work/a &amp; b/src </source>
    <source>lib</source>
    <source>lib</source>
  </sources>
  <packages><package name="p"><classes><class name="x" filename="x.py"><lines><line number="1" hits="1"/></lines></class></classes></package></packages>
</coverage>`);
    expect(out.coverage[0]!.roots).toEqual(['/work/a & b/src', 'lib']);
  });

  it('gives no roots when the report names no source directory', async () => {
    const out = await parseCorpusWith(coberturaParser, 'cobertura-xml/cobertura-action/test-python.xml');
    expect(out.coverage).toHaveLength(1);
    expect(out.coverage[0]!.path).toBe('source.py');
    expect(out.coverage[0]!.roots).toBeUndefined();
    expect(lineTotals(out.coverage[0]!)).toEqual({ covered: 9, total: 10 });
  });

  it('reads the same lines whatever the chunk boundaries', async () => {
    const text = readFileSync(path.join(CORPUS, 'cobertura-xml/cobertura-action/test-missing-lines.xml'), 'utf8');
    const whole = await parse(text);
    expect(totals(whole.coverage)).toEqual({ covered: 41, total: 61 });
    for (const size of [1, 7, 100, 4096]) {
      const out = await coberturaParser.parse(inChunks('c.xml', text, size));
      expect(out.coverage).toEqual(whole.coverage);
    }
  });

  it("keeps scoverage's lines although its tags do not balance, and names where they do not", async () => {
    const out = await parseCorpusWith(coberturaParser, 'cobertura-xml/coverage-reporter/cobertura/cobertura.xml');
    // scoverage writes a <line> per statement; a line counts once, covered when any of its statements ran.
    expect(totals(out.coverage)).toEqual({ covered: 77, total: 106 });
    expect(out.coverage).toHaveLength(15);
    expect(out.diagnostics).toEqual([
      { file: 'cobertura-xml/coverage-reporter/cobertura/cobertura.xml', line: 781, message: 'closing tag </methods> does not match <class> opened on line 779' },
      { file: 'cobertura-xml/coverage-reporter/cobertura/cobertura.xml', line: 782, message: 'closing tag </lines> does not match <class> opened on line 779' },
    ]);
  });

  it('skips a line numbered 0 and says so', async () => {
    const out = await parseCorpusWith(coberturaParser, 'cobertura-xml/coverage-reporter/cobertura/cobertura-zero-only.xml');
    expect(out.coverage).toEqual([{ path: 'kvstore/__init__.py', lines: new Map(), roots: ['.'] }]);
    expect(out.diagnostics).toEqual([
      { file: 'cobertura-xml/coverage-reporter/cobertura/cobertura-zero-only.xml', line: 15, message: 'bad <line number="0" hits="1">; skipped' },
      { file: 'cobertura-xml/coverage-reporter/cobertura/cobertura-zero-only.xml', line: 16, message: 'bad <line number="0" hits="0">; skipped' },
    ]);
  });

  it('names the line of each bad <line>, lists only the first few, and keeps the good ones', async () => {
    const bad = Array.from({ length: 7 }, (_, i) => `<line number="x${i}" hits="1"/>`).join('\n');
    const out = await parse(`<coverage line-rate="1"><packages><package name="p"><classes>
<class name="a" filename="a.py"><lines>
<line number="1" hits="1"/>
<line number="2"/>
${bad}
<line number="3" hits="0"/>
</lines></class>
<class name="nameless"><lines><line number="1" hits="1"/></lines></class>
</classes></package></packages></coverage>`);
    expect(out.coverage).toEqual([
      {
        path: 'a.py',
        lines: new Map([
          [1, 1],
          [3, 0],
        ]),
      },
    ]);
    expect(out.diagnostics).toEqual([
      { file: 'coverage.xml', line: 4, message: 'bad <line number="2" hits="">; skipped' },
      { file: 'coverage.xml', line: 5, message: 'bad <line number="x0" hits="1">; skipped' },
      { file: 'coverage.xml', line: 6, message: 'bad <line number="x1" hits="1">; skipped' },
      { file: 'coverage.xml', line: 7, message: 'bad <line number="x2" hits="1">; skipped' },
      { file: 'coverage.xml', line: 8, message: 'bad <line number="x3" hits="1">; skipped' },
      { file: 'coverage.xml', message: '4 more problems with <line> elements not listed' },
    ]);
  });

  it('keeps the classes before a truncation and says where the file was cut', async () => {
    const text = readFileSync(path.join(CORPUS, 'cobertura-xml/cobertura-action/test-python.xml'), 'utf8');
    const cut = text.slice(0, text.indexOf('<line hits="1" number="12"/>'));
    const out = await parse(cut, 'cut.xml');
    expect(out.coverage).toEqual([]);
    expect(out.diagnostics[0]).toEqual({ file: 'cut.xml', line: 13, message: '<lines> opened here is never closed (truncated file?)' });

    const two = await parse(
      `<coverage line-rate="1"><packages><package name="p"><classes>
<class name="a" filename="a.py"><lines><line number="1" hits="1"/></lines></class>
<class name="b" filename="b.py"><lines><line number="1" hits="1"/>`,
      'cut.xml',
    );
    expect(two.coverage).toEqual([{ path: 'a.py', lines: new Map([[1, 1]]) }]);
    expect(two.diagnostics).toEqual([{ file: 'cut.xml', line: 3, message: '<lines> opened here is never closed (truncated file?)' }]);
  });

  it('recognizes Cobertura by its root element and attributes only', () => {
    expect(coberturaParser.detect(headOf('cobertura-xml/cobertura-action/test-python.xml'))).toBe(true);
    expect(coberturaParser.detect(headOf('cobertura-xml/gocover-cobertura/regression/mux/v1.8.1/golden.xml'))).toBe(true);
    expect(coberturaParser.detect('<?xml version="1.0"?>\n<coverage version="5.5">\n  <packages>')).toBe(true);
    expect(coberturaParser.detect(headOf('clover-xml/data-structures/coverage/clover.xml'))).toBe(false);
    expect(coberturaParser.detect(headOf('jacoco-xml/jacoco-report/report.xml'))).toBe(false);
    expect(coberturaParser.detect(headOf('lcov/H4KU.com/coverage/lcov.info'))).toBe(false);
    expect(coberturaParser.detect('<testsuite name="coverage" line-rate="1">')).toBe(false);
    expect(coberturaParser.detect('<coverage generated="1" clover="4.4"><project>')).toBe(false);
  });
});
