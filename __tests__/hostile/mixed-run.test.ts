import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../../src/analyze.js';
import type { Report } from '../../src/model/report.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { makeSettings } from '../../src/settings/layers.js';
import { liveHtml, liveMentions, structure } from '../helpers/markdown-structure.js';

/*
 * One run that reads good reports beside every kind of hostile file. The hostile ones each get
 * their diagnostic; the good ones are counted exactly as if they were alone.
 */

const GOOD_JUNIT = `<?xml version="1.0"?>
<testsuites><testsuite name="good">
  <testcase classname="good.Cart" name="adds"/>
  <testcase classname="good.Cart" name="removes"/>
  <testcase classname="good.Cart" name="totals"><failure message="expected 4, got 3">at cart.ts:9</failure></testcase>
  <testcase classname="good.Cart" name="discounts"><skipped message="not yet"/></testcase>
  <testcase classname="good.Cart" name="empties"/>
</testsuite></testsuites>`;
const GOOD_UTF16 = '<testsuites><testsuite name="wide"><testcase classname="wide.T" name="one"/><testcase classname="wide.T" name="two"/></testsuite></testsuites>';
const GOOD_LCOV = 'SF:src/a.ts\nDA:1,1\nDA:2,0\nend_of_record\nSF:src/b.ts\nDA:1,3\nDA:2,1\nend_of_record\n';
/** Would add five tests if anything read it. */
const OUTSIDE_JUNIT = `<testsuites><testsuite name="outside">${['a', 'b', 'c', 'd', 'e'].map((n) => `<testcase classname="o" name="${n}"/>`).join('')}</testsuite></testsuites>`;

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE testsuites [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<testsuites name="&c;&xxe;"/>`;

const MAX_FILE_SIZE = 4 * 1024 * 1024;
let report: Report;

beforeAll(async () => {
  const ws = await mkdtemp(path.join(tmpdir(), 'verdict-mixed-'));
  const outside = await mkdtemp(path.join(tmpdir(), 'verdict-mixed-outside-'));
  await writeFile(path.join(outside, 'junit.xml'), OUTSIDE_JUNIT);
  const files: Record<string, string | Buffer> = {
    'good/junit.xml': GOOD_JUNIT,
    'good/wide-junit.xml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD_UTF16, 'utf16le')]),
    'good/lcov.info': GOOD_LCOV,
    'bad/binary-junit.xml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0]),
    'bad/empty-junit.xml': '',
    'bad/bomb-junit.xml': BOMB,
    'bad/deep-junit.xml': `<testsuites>${'<testsuite name="d">'.repeat(1000)}`,
    'bad/truncated-junit.xml': '<testsuites><testsuite name="t"><testcase classname="t" na',
    'bad/huge-attribute-junit.xml': `<testsuites name="${'x'.repeat(2_500_000)}"></testsuites>`,
    'bad/garbage-junit.xml': Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x20, 0x68, 0x69, 0x0a]),
    'bad/oversize-junit.xml': `${OUTSIDE_JUNIT.replace('outside', 'oversize')}<!--${'x'.repeat(4_500_000)}-->`,
    'bad/just-over-junit.xml': Buffer.alloc(MAX_FILE_SIZE + 1, ' ').fill(OUTSIDE_JUNIT, 0, OUTSIDE_JUNIT.length),
  };
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(ws, rel)), { recursive: true });
    await writeFile(path.join(ws, rel), content);
  }
  await symlink(path.join(outside, 'junit.xml'), path.join(ws, 'bad/linked-junit.xml'));
  report = await analyze({
    workspace: ws,
    settings: makeSettings({ file: {}, given: { files: ['**/*junit*.xml', '**/lcov.info'], gates: {}, maxFileSize: MAX_FILE_SIZE } }),
    run: {},
    now: new Date('2026-01-02T00:00:00Z'),
  });
});

describe('a run mixing good and hostile files', () => {
  it('counts the good files exactly', () => {
    expect(report.tests).toEqual({ total: 7, passed: 5, failed: 1, errored: 0, skipped: 1, flaky: 0, blocked: 0 });
    expect(report.coverage?.lines).toEqual({ covered: 3, total: 4, percent: 75 });
    expect(report.artifacts.filter((a) => a.format !== 'unknown').map((a) => a.path).sort()).toEqual(['bad/bomb-junit.xml', 'bad/deep-junit.xml', 'bad/huge-attribute-junit.xml', 'bad/truncated-junit.xml', 'good/junit.xml', 'good/lcov.info', 'good/wide-junit.xml']);
  });

  it('names every hostile file with what is wrong with it', () => {
    const byFile = new Map<string, string[]>();
    for (const d of report.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d.line ? `${d.line}: ${d.message}` : d.message]);
    expect(Object.fromEntries([...byFile].sort())).toEqual({
      'bad/binary-junit.xml': ['binary file (not a test or coverage report)'],
      'bad/bomb-junit.xml': ['2: DOCTYPE declares entities; they are not expanded (entity expansion is refused: XXE and entity bombs)'],
      'bad/deep-junit.xml': ['1: elements nested deeper than 256; giving up on the rest of the file'],
      'bad/empty-junit.xml': ['empty file'],
      'bad/garbage-junit.xml': ['format not recognized (not a test, coverage or build-log format Verdict reads)'],
      'bad/huge-attribute-junit.xml': ['1: tag longer than 1048576 characters; giving up on the rest of the file'],
      'bad/linked-junit.xml': ['symbolic link points outside the workspace; not followed'],
      'bad/just-over-junit.xml': ['file is 4194305 bytes, over the max-file-size limit of 4194304 bytes; skipped'],
      'bad/oversize-junit.xml': ['file is 4.3 MiB, over the max-file-size limit of 4.0 MiB; skipped'],
      'bad/truncated-junit.xml': ['1: file ends inside a tag (truncated?)', '1: <testsuite> opened on line 1 is never closed (truncated file?)', '1: <testsuites> opened on line 1 is never closed (truncated file?)'],
    });
  });

  it('renders a comment whose structure the hostile files did not change', () => {
    const s = structure(renderMarkdown(report));
    expect(s.unclosedFence).toBe(false);
    expect(s.detailsBalance).toBe(0);
    for (const table of s.tables) for (const row of table.rows) expect(row).toBe(table.header);
    expect(liveHtml(s)).toEqual([]);
    expect(liveMentions(s)).toEqual([]);
  });
});
