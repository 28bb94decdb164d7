import { describe, expect, it } from '@jest/globals';
import { lineTotals, sumLineTotals } from '../../src/model/report.js';
import { cloverParser } from '../../src/parse/clover.js';
import { istanbulSummaryParser } from '../../src/parse/istanbul.js';
import { EXPECTED } from '../helpers/expected.js';
import { headOf } from '../helpers/fixtures.js';
import { parseCorpusWith, parseTextWith } from '../helpers/parse-direct.js';

const parse = (text: string) => parseTextWith(cloverParser, 'clover.xml', text);

describe('Clover XML', () => {
  it('matches expected.json and, file by file, the coverage-summary.json of the same istanbul run', async () => {
    const rel = 'clover-xml/data-structures/coverage/clover.xml';
    const expected = EXPECTED.find((e) => e.path === rel);
    expect(expected?.coverage).toEqual({ linesCovered: 465, linesTotal: 465 });
    expect(cloverParser.detect(headOf(rel))).toBe(true);
    const out = await parseCorpusWith(cloverParser, rel);
    expect(out.diagnostics).toEqual([]);
    expect(sumLineTotals(out.coverage)).toEqual({ covered: 465, total: 465 });

    const summary = await parseCorpusWith(istanbulSummaryParser, 'istanbul-json-summary/data-structures/coverage/coverage-summary.json');
    expect(new Map(out.coverage.map((f) => [f.path, lineTotals(f)]))).toEqual(new Map(summary.coverage.map((f) => [f.path, f.summary])));
  });

  it('takes the full path from `path` (istanbul) and counts stmt and cond lines', async () => {
    const out = await parseCorpusWith(cloverParser, 'clover-xml/coverage-reporter/clover/clover-unleash.xml');
    const first = out.coverage[0]!;
    expect(first.path).toBe('/home/jaanus/Git/unleash/src/lib/create-config.ts');
    expect(first.lines.get(48)).toBe(1); // type="cond"
    expect(first.lines.get(50)).toBe(0);
    expect(first.roots).toBeUndefined();
  });

  it("leaves PHPUnit's method lines out, as PHPUnit's own statement count does", async () => {
    const out = await parseCorpusWith(cloverParser, 'clover-xml/coverage-reporter/clover/clover-phpcsutils.xml');
    expect(out.diagnostics).toEqual([]);
    const [sniff, bcFile] = out.coverage;
    // <metrics statements="79" coveredstatements="79"/> of that file; it also has 3 method lines.
    expect(sniff!.path).toBe('/home/yu/projects/PHPCSUtils/PHPCSUtils/AbstractSniffs/AbstractArrayDeclarationSniff.php');
    expect(lineTotals(sniff!)).toEqual({ covered: 79, total: 79 });
    expect(sniff!.lines.has(178)).toBe(false); // <line num="178" type="method" name="process" …/>
    // The fixture keeps only this file's method line.
    expect(bcFile!.lines.size).toBe(0);
  });

  it('reads OpenClover: conditions without a count, a statement and a condition on one line, test sources left out', async () => {
    const out = await parse(`<?xml version="1.0" encoding="UTF-8"?>
<coverage generated="1700000000000" clover="4.5.2">
  <project name="app" timestamp="1700000000000">
    <metrics statements="4" coveredstatements="2"/>
    <package name="com.acme">
      <file name="Cart.java" path="/ci/app/src/main/java/com/acme/Cart.java">
        <class name="Cart"><metrics statements="4"/></class>
        <line num="5" count="3" type="method" signature="add() : void"/>
        <line num="6" count="3" type="stmt"/>
        <line num="7" truecount="0" falsecount="3" type="cond"/>
        <line num="7" count="0" type="stmt"/>
        <line num="8" truecount="0" falsecount="0" type="cond"/>
        <line num="9" count="0" type="stmt"/>
      </file>
      <file name="Empty.java" path="/ci/app/src/main/java/com/acme/Empty.java"/>
    </package>
  </project>
  <testproject name="app" timestamp="1700000000000">
    <package name="com.acme"><file name="CartTest.java" path="/ci/app/src/test/java/com/acme/CartTest.java">
      <line num="10" count="1" type="stmt"/>
    </file></package>
  </testproject>
</coverage>`);
    expect(out.diagnostics).toEqual([]);
    expect(out.coverage).toEqual([
      {
        path: '/ci/app/src/main/java/com/acme/Cart.java',
        lines: new Map([
          [6, 3],
          [7, 3],
          [8, 0],
          [9, 0],
        ]),
      },
      { path: '/ci/app/src/main/java/com/acme/Empty.java', lines: new Map() },
    ]);
  });

  it('names the line of a bad <line> and of a truncation, keeping what came before', async () => {
    const out = await parse(`<coverage generated="1"><project>
<file name="/src/a.php">
<line num="1" type="stmt" count="2"/>
<line num="zero" type="stmt" count="1"/>
<line num="3" type="stmt"/>
</file>
<file path="">
<line num="1" type="stmt" count="1"/>
</file>
<file name="/src/b.php">
<line num="1" type="stmt" count="1"/>`);
    expect(out.coverage).toEqual([{ path: '/src/a.php', lines: new Map([[1, 2]]) }]);
    expect(out.diagnostics).toEqual([
      { file: 'clover.xml', line: 4, message: 'bad <line num="zero" count="1">; skipped' },
      { file: 'clover.xml', line: 5, message: 'bad <line num="3" count="">; skipped' },
      { file: 'clover.xml', line: 7, message: '<file> has neither path nor name; its lines are skipped' },
      { file: 'clover.xml', line: 10, message: '<file> opened here is never closed (truncated file?)' },
    ]);
  });

  it('recognizes Clover by its root element and a <project>, not by the file name', () => {
    expect(cloverParser.detect(headOf('clover-xml/coverage-reporter/clover/clover-phpcsutils.xml'))).toBe(true);
    expect(cloverParser.detect(headOf('clover-xml/coverage-reporter/clover/clover-unleash.xml'))).toBe(true);
    expect(cloverParser.detect(headOf('../istanbul-run/coverage/cobertura-coverage.xml'))).toBe(false);
    expect(cloverParser.detect(headOf('cobertura-xml/cobertura-action/test-python.xml'))).toBe(false);
    expect(cloverParser.detect(headOf('jacoco-xml/jacoco-report/report.xml'))).toBe(false);
    expect(cloverParser.detect('')).toBe(false);
    expect(cloverParser.detect('<coverage generated="1"/>')).toBe(false);
  });
});
