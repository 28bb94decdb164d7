import { describe, expect, it } from '@jest/globals';
import { sumLineTotals } from '../../src/model/report.js';
import { jacocoParser } from '../../src/parse/jacoco.js';
import { headOf } from '../helpers/fixtures.js';
import { parseCorpusWith, parseTextWith } from '../helpers/parse-direct.js';

const parse = (text: string) => parseTextWith(jacocoParser, 'jacoco.xml', text);

describe('JaCoCo XML', () => {
  // expected.json states no line figures for JaCoCo; JaCoCo's own report-level LINE counter,
  // computed by JaCoCo from the same lines, is the check (files that were cut down by hand are left out).
  it.each([
    ['jacoco-xml/coverage-reporter/jacoco/jacoco-report.xml', 5, 6],
    ['jacoco-xml/coverage-reporter/jacoco/jacoco-oneline-report.xml', 5, 6],
    ['jacoco-xml/jacoco-report/report.xml', 12, 27],
    ['jacoco-xml/jacoco-report/multi_module/appCoverage.xml', 2, 21],
    ['jacoco-xml/jacoco-report/multi_module/mathCoverage.xml', 5, 10],
    ['jacoco-xml/jacoco-report/multi_module/textCoverage.xml', 3, 4],
  ])('agrees with the LINE counter JaCoCo wrote into %s', async (rel, covered, total) => {
    expect(jacocoParser.detect(headOf(rel))).toBe(true);
    const out = await parseCorpusWith(jacocoParser, rel);
    expect(out.diagnostics).toEqual([]);
    expect(sumLineTotals(out.coverage)).toEqual({ covered, total });
  });

  it('names files by package and source file, hits by covered instructions', async () => {
    const out = await parseCorpusWith(jacocoParser, 'jacoco-xml/coverage-reporter/jacoco/jacoco-report.xml');
    expect(out.coverage).toEqual([
      {
        path: 'com/jacocodemo/examples/MessageBuilder.java',
        lines: new Map([
          [3, 3],
          [7, 4],
          [9, 6],
          [11, 0],
          [15, 11],
          [18, 3],
        ]),
      },
      // A source file with no code is still a file the report covers.
      { path: 'com/jacocodemo/examples/Info.java', lines: new Map() },
    ]);
  });

  it('reads the packages inside <group>s of an aggregate report', async () => {
    const out = await parseCorpusWith(jacocoParser, 'jacoco-xml/jacoco-report/aggregate-report.xml');
    expect(out.coverage.map((f) => f.path)).toEqual([
      'com/madrapps/text/StringOp.java',
      'com/madrapps/text/StringOperation.java',
      'com/madrapps/math/Math.kt',
      'com/madrapps/math/MathOperation.kt',
      'com/madrapps/playground/ActivityViewModelLazy.kt',
      'com/madrapps/playground/MainActivity.kt',
      'com/madrapps/playground/MainViewModel.kt',
    ]);
  });

  it('leaves out lines without instructions, and reads a dotted package name as directories', async () => {
    const out = await parseCorpusWith(jacocoParser, 'jacoco-xml/jacoco-report/reports/package/sourcefile/only_line.xml');
    // <line nr="10"/> has no instructions; line 18 is listed four times, twice with ci="2".
    expect(out.coverage).toEqual([{ path: 'com/example/package1/ExampleFile1.java', lines: new Map([[18, 6]]) }]);
  });

  it('gives no files for an empty report or a report of groups only', async () => {
    for (const rel of ['jacoco-xml/jacoco-report/empty-report.xml', 'jacoco-xml/jacoco-report/reports/group/group_with_group.xml']) {
      const out = await parseCorpusWith(jacocoParser, rel);
      expect([out.coverage, out.diagnostics]).toEqual([[], []]);
    }
  });

  it('reads the default package, and names the line of bad and truncated input', async () => {
    const out = await parse(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
<report name="app">
  <package name="">
    <sourcefile name="Main.java">
      <line nr="1" mi="0" ci="2" mb="0" cb="0"/>
      <line nr="2" mi="many" ci="0"/>
      <line nr="-3" mi="1" ci="0"/>
    </sourcefile>
    <sourcefile>
      <line nr="1" mi="1" ci="0"/>
    </sourcefile>
    <sourcefile name="Cut.java">
      <line nr="1" mi="1" ci="0"/>`);
    expect(out.coverage).toEqual([{ path: 'Main.java', lines: new Map([[1, 2]]) }]);
    expect(out.diagnostics).toEqual([
      { file: 'jacoco.xml', line: 6, message: 'bad <line nr="2" mi="many" ci="0">; skipped' },
      { file: 'jacoco.xml', line: 7, message: 'bad <line nr="-3" mi="1" ci="0">; skipped' },
      { file: 'jacoco.xml', line: 9, message: '<sourcefile> without a name; its lines are skipped' },
      { file: 'jacoco.xml', line: 12, message: '<sourcefile> opened here is never closed (truncated file?)' },
    ]);
  });

  it('refuses entity declarations in the DOCTYPE but still reads the report', async () => {
    const out = await parse(`<?xml version="1.0"?>
<!DOCTYPE report [<!ENTITY boom "boom">]>
<report name="x"><package name="a"><sourcefile name="B.java"><line nr="1" mi="0" ci="1"/></sourcefile></package></report>`);
    expect(out.coverage).toEqual([{ path: 'a/B.java', lines: new Map([[1, 1]]) }]);
    expect(out.diagnostics).toEqual([expect.objectContaining({ file: 'jacoco.xml', line: 2, message: expect.stringMatching(/declares entities/) })]);
  });

  it('recognizes JaCoCo by its root element and DOCTYPE or content', () => {
    expect(jacocoParser.detect(headOf('jacoco-xml/jacoco-report/empty-report.xml'))).toBe(true);
    expect(jacocoParser.detect('<report name="x">\n  <sessioninfo id="a" start="1" dump="2"/>')).toBe(true);
    expect(jacocoParser.detect('<report><title>Lint results</title></report>')).toBe(false);
    expect(jacocoParser.detect(headOf('../istanbul-run/coverage/cobertura-coverage.xml'))).toBe(false);
    expect(jacocoParser.detect(headOf('clover-xml/data-structures/coverage/clover.xml'))).toBe(false);
    expect(jacocoParser.detect(headOf('junit-xml/test-reporter/fixtures/jest-junit.xml'))).toBe(false);
  });
});
