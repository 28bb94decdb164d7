import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../../src/analyze.js';
import { sourceFromText } from '../../src/collect/read.js';
import { parseSource } from '../../src/parse/index.js';
import { ROOT } from '../helpers/fixtures.js';
import type { Report } from '../../src/model/report.js';
import { makeSettings } from '../../src/settings/layers.js';

/*
 * Files an untrusted run leaves behind: binary, badly encoded, empty, cut short, linked out of the
 * workspace, or too large. Each gets a diagnostic naming it; none stops the others being read; a
 * test report cut short or not read is a P0 as well.
 */

const JUNIT = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="s"><testcase classname="c" name="one"/><testcase classname="c" name="two"/></testsuite></testsuites>\n';

/** JUnit with its own suite name: the same test in two files would be one test run twice. */
const junit = (suite: string) => JUNIT.replace('name="s"', `name="${suite}"`);

async function workspace(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verdict-hostile-'));
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

function run(ws: string, patterns: string[], maxFileSize = 1024 * 1024): Promise<Report> {
  return analyze({ workspace: ws, settings: makeSettings({ file: {}, given: { files: patterns, gates: {}, maxFileSize } }), run: {}, now: new Date('2026-01-02T00:00:00Z') });
}

const problems = (report: Report, file: string) => report.diagnostics.filter((d) => d.file === file).map((d) => (d.line ? `${d.line}: ${d.message}` : d.message));

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? le : Buffer.from(le).swap16();
  return bom ? Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), bytes]) : bytes;
}

describe('files that are not what they claim', () => {
  it('binary: named, skipped', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    const report = await run(await workspace({ 'junit-shot.xml': png }), ['*.xml']);
    expect(problems(report, 'junit-shot.xml')).toEqual(['binary file (not a test or coverage report)']);
  });

  it('invalid UTF-8 (a Latin-1 file): named with the byte offset, and its tests still read', async () => {
    const latin1 = Buffer.from(JUNIT.replace('name="two"', 'name="caf\u00e9"'), 'latin1');
    const report = await run(await workspace({ 'latin1.xml': latin1 }), ['*.xml']);
    expect(problems(report, 'latin1.xml')).toEqual([`not valid UTF-8 at byte ${latin1.indexOf(0xe9)}; undecodable bytes are read as U+FFFD (\uFFFD)`]);
    expect(report.tests.total).toBe(2);
  });

  it('invalid UTF-8 past the first chunk, and a U+FFFD the file really holds, are told apart', async () => {
    const honest = Buffer.from(junit('honest').replace('name="two"', 'name="\uFFFD"'));
    const late = Buffer.concat([Buffer.from(junit('late').replace('</testsuites>\n', `<!-- ${'x'.repeat(2 * 1024 * 1024)} -->`)), Buffer.from([0xc3, 0x28]), Buffer.from('</testsuites>\n')]);
    const report = await run(await workspace({ 'honest.xml': honest, 'late.xml': late }), ['*.xml'], 8 * 1024 * 1024);
    expect(problems(report, 'honest.xml')).toEqual([]);
    expect(problems(report, 'late.xml')).toEqual([`not valid UTF-8 at byte ${late.length - 16}; undecodable bytes are read as U+FFFD (\uFFFD)`]);
    expect(report.tests.total).toBe(4);
  });

  it('the byte offset is exact where the bad bytes meet the 1 MiB boundary between two reads', async () => {
    const MiB = 1024 * 1024;
    // No line break before the boundary: a read is otherwise cut after its last one.
    const head = (suite: string) => Buffer.from(`${junit(suite).replace(/\n/g, ' ')}<!--`);
    const pad = (suite: string, upTo: number) => Buffer.alloc(upTo - head(suite).length, 'x');
    const close = Buffer.from(' -->\n');
    // A valid character split by the boundary, then a stray 0xFF.
    const split = Buffer.concat([head('split'), pad('split', MiB - 1), Buffer.from('€yy'), Buffer.from([0xff]), close]);
    // A character cut short right at the boundary.
    const cut = Buffer.concat([head('cut'), pad('cut', MiB - 2), Buffer.from([0xe2, 0x82]), Buffer.from('A'), close]);
    // UTF-16: a high surrogate ends the first read; no low surrogate follows.
    const wide = Buffer.from(`${junit('wide-edge')}<!--`, 'utf16le');
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), wide, Buffer.alloc(MiB - wide.length - 2, 'x\u0000'), Buffer.from([0x3d, 0xd8]), Buffer.from(' -->', 'utf16le')]);
    const report = await run(await workspace({ 'split.xml': split, 'cut.xml': cut, 'lone.xml': lone }), ['*.xml'], 4 * MiB);
    expect(problems(report, 'split.xml')).toEqual([`not valid UTF-8 at byte ${MiB + 4}; undecodable bytes are read as U+FFFD (\uFFFD)`]);
    expect(problems(report, 'cut.xml')).toEqual([`not valid UTF-8 at byte ${MiB - 2}; undecodable bytes are read as U+FFFD (\uFFFD)`]);
    expect(problems(report, 'lone.xml')).toEqual([`not valid UTF-16LE at byte ${MiB}; undecodable bytes are read as U+FFFD (\uFFFD)`]);
    expect(report.tests.total).toBe(6);
  });

  it('UTF-16 with a byte order mark, either order, and without one: read as the text it is', async () => {
    const report = await run(
      await workspace({
        'le.xml': utf16(junit('le'), 'le', true),
        'be.xml': utf16(junit('be'), 'be', true),
        'nobom-le.xml': utf16(junit('nobom-le'), 'le', false),
        'nobom-be.xml': utf16(junit('nobom-be'), 'be', false),
      }),
      ['*.xml'],
    );
    expect(report.diagnostics).toEqual([]);
    expect(report.artifacts.map((a) => [a.path, a.format]).sort()).toEqual([
      ['be.xml', 'junit-xml'],
      ['le.xml', 'junit-xml'],
      ['nobom-be.xml', 'junit-xml'],
      ['nobom-le.xml', 'junit-xml'],
    ]);
    expect(report.tests.total).toBe(8);
  });

  it('UTF-16 cut in the middle of a character: named with the byte offset', async () => {
    const whole = utf16(JUNIT, 'le', true);
    const odd = Buffer.concat([whole, Buffer.from([0x41])]);
    const report = await run(await workspace({ 'odd.xml': odd }), ['*.xml']);
    expect(problems(report, 'odd.xml')).toEqual([`not valid UTF-16LE at byte ${whole.length}; undecodable bytes are read as U+FFFD (\uFFFD)`]);
    expect(report.tests.total).toBe(2);
  });

  it('empty and blank files: named, skipped', async () => {
    const report = await run(await workspace({ 'empty.xml': '', 'blank.xml': ' \n\t\n' }), ['*.xml']);
    expect(problems(report, 'empty.xml')).toEqual(['empty file']);
    expect(problems(report, 'blank.xml')).toEqual(['empty file']);
  });
});

describe('truncated files say so, with what they held before the cut', () => {
  it('JUnit cut inside a tag', async () => {
    const cut = JUNIT.slice(0, JUNIT.indexOf('name="two"') + 5);
    const report = await run(await workspace({ 'cut.xml': cut }), ['*.xml']);
    expect(problems(report, 'cut.xml')).toEqual(['2: file ends inside a tag (truncated?)', '2: <testsuite> opened on line 2 is never closed (truncated file?)', '2: <testsuites> opened on line 2 is never closed (truncated file?)']);
    expect(report.tests.total).toBe(1);
  });

  it('JSON cut mid-document', async () => {
    const ctrf = JSON.stringify({ results: { tool: { name: 'jest' }, summary: { tests: 1, passed: 1, failed: 0, skipped: 0, pending: 0, other: 0, start: 0, stop: 1 }, tests: [{ name: 't', status: 'passed', duration: 1 }] } }, null, 2);
    const report = await run(await workspace({ 'ctrf-report.json': ctrf.slice(0, ctrf.length - 20) }), ['*.json']);
    expect(problems(report, 'ctrf-report.json')).toEqual([expect.stringMatching(/^\d+: not valid JSON at line \d+, column \d+: .*; the file ends inside the document \(truncated\?\)$/)]);
  });

  it('lcov cut before end_of_record', async () => {
    const report = await run(await workspace({ 'lcov.info': 'SF:src/a.ts\nDA:1,1\nDA:2,0\n' }), ['lcov.info']);
    expect(problems(report, 'lcov.info')).toEqual(['last record for src/a.ts has no end_of_record (truncated file?)']);
  });
});

describe('symbolic links', () => {
  it('a link to a file outside the workspace is not followed', async () => {
    const outside = await workspace({ 'secret-junit.xml': JUNIT });
    const ws = await workspace({ 'junit.xml': JUNIT });
    await symlink(path.join(outside, 'secret-junit.xml'), path.join(ws, 'linked-junit.xml'));
    const report = await run(ws, ['*.xml']);
    expect(problems(report, 'linked-junit.xml')).toEqual(['symbolic link points outside the workspace; not followed']);
    expect(report.tests.total).toBe(2);
  });

  it('a link to a directory outside the workspace is not walked into, whatever the glob', async () => {
    const outside = await workspace({ 'junit.xml': JUNIT, 'deeper/junit.xml': JUNIT });
    const ws = await workspace({ 'reports/own/junit.xml': JUNIT });
    await symlink(outside, path.join(ws, 'reports/linked'));
    const seen = async (pattern: string) => {
      const report = await run(ws, [pattern]);
      return { read: report.artifacts.map((a) => a.path), problems: report.diagnostics.map((d) => `${d.file}: ${d.message}`) };
    };
    expect(await seen('**/*.xml')).toEqual({ read: ['reports/own/junit.xml'], problems: [] });
    expect(await seen('reports/**/*.xml')).toEqual({ read: ['reports/own/junit.xml'], problems: [] });
    expect(await seen('reports/linked/*.xml')).toEqual({ read: [], problems: ['reports/linked: symbolic link points outside the workspace; not followed'] });
    expect(await seen('reports/linked/**/*.xml')).toEqual({ read: [], problems: ['reports/linked: symbolic link points outside the workspace; not followed'] });
    // Typed out in full, the path still goes through the pull request's link.
    expect(await seen('reports/linked/junit.xml')).toEqual({ read: [], problems: ['reports/linked/junit.xml: reached through a symbolic link that points outside the workspace; not followed'] });
    // A path typed to lead outside the workspace is the user's choice.
    expect((await seen(path.join(outside, 'deeper/junit.xml'))).read).toEqual([path.join(await realpath(outside), 'deeper/junit.xml')]);
  });

  it('a link inside the workspace is read once, even when the file it names is matched too', async () => {
    const ws = await workspace({ 'reports/run-1.xml': junit('first'), 'archive/run-2.xml': junit('second') });
    await symlink(path.join(ws, 'reports/run-1.xml'), path.join(ws, 'reports/latest.xml'));
    await symlink(path.join(ws, 'archive/run-2.xml'), path.join(ws, 'reports/previous.xml'));
    const report = await run(ws, ['reports/*.xml']);
    expect(report.artifacts.map((a) => a.path).sort()).toEqual(['reports/previous.xml', 'reports/run-1.xml']);
    expect(report.diagnostics).toEqual([]);
    expect(report.tests.total).toBe(4);
  });

  it('a link whose target is missing, and a link loop, are named', async () => {
    const ws = await workspace({ 'junit.xml': JUNIT });
    await symlink(path.join(ws, 'nowhere.xml'), path.join(ws, 'dangling.xml'));
    await symlink(path.join(ws, 'loop-b.xml'), path.join(ws, 'loop-a.xml'));
    await symlink(path.join(ws, 'loop-a.xml'), path.join(ws, 'loop-b.xml'));
    const report = await run(ws, ['*.xml']);
    expect(problems(report, 'dangling.xml')).toEqual(['symbolic link whose target does not exist; skipped']);
    expect(problems(report, 'loop-a.xml')).toEqual(['symbolic link that loops back on itself; skipped']);
    expect(problems(report, 'loop-b.xml')).toEqual(['symbolic link that loops back on itself; skipped']);
    expect(report.tests.total).toBe(2);
  });
});

describe('size cap', () => {
  it('a file over max-file-size is named with both sizes and skipped; the rest are read', async () => {
    const big = JUNIT.replace('</testsuites>', `<!-- ${'x'.repeat(4096)} --></testsuites>`);
    const report = await run(await workspace({ 'big.xml': big, 'small.xml': JUNIT }), ['*.xml'], 2048);
    expect(problems(report, 'big.xml')).toEqual(['file is 4.2 KiB, over the max-file-size limit of 2.0 KiB; skipped']);
    expect(report.tests.total).toBe(2);
  });
});

describe('a test report that does not read is a P0, never a pass', () => {
  const jest = readFileSync(path.join(ROOT, '__tests__/fixtures/real/jest/out/jest.json'), 'utf8');

  it('a jest report damaged mid-file (not cut): its tests are lost, and the run cannot pass on the others', async () => {
    const at = jest.indexOf('"assertionResults"', jest.length / 2);
    const damaged = `${jest.slice(0, at)}"assertionResults";${jest.slice(at + '"assertionResults":'.length)}`;
    const report = await run(await workspace({ 'good-junit.xml': JUNIT, 'jest.json': damaged }), ['*.xml', '*.json']);
    expect(report.tests.failed).toBe(0);
    expect(report.verdict).toBe('NO-GO');
    expect(report.blockers.map((b) => [b.priority, b.category, b.file, b.title])).toEqual([
      ['P0', 'truncated', 'jest.json', expect.stringMatching(/^Report not read \(not valid JSON at line 1, column \d+: .*\): its tests are lost$/)],
    ]);
  });

  it('a read that fails half-way (an I/O error): the file is a P0 naming the error', async () => {
    const source = { ...sourceFromText('r.xml', JUNIT), chunks: async function* () {
      yield JUNIT.slice(0, 60);
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    } };
    const parsed = await parseSource(source);
    expect(parsed.format).toBe('junit-xml');
    expect(parsed.output.findings.map((f) => [f.kind, f.file, f.message])).toEqual([['truncated', 'r.xml', 'Report not read (junit-xml parser failed: EIO: i/o error, read): what it holds is lost']]);
  });
});
