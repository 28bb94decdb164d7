import { describe, expect, it } from '@jest/globals';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/analyze.js';
import { PARSERS } from '../../src/parse/index.js';
import { makeSettings } from '../../src/settings/layers.js';
import { parseCorpus, CORPUS } from '../helpers/fixtures.js';

/*
 * Formats are recognized from content: every real file in the corpus (__tests__/fixtures/corpus) is
 * read by the parser of its format. A top folder of the corpus is named for the format of the files
 * in it, spelled as src/parse declares the format, so a file's folder says what detection must find.
 */

/** The source projects' expected outputs (MANIFEST.md, "Layout"): the figures' sources, not reports. */
const NOT_REPORTS = '_expected';

/** Files meant to be unreadable, each as MANIFEST.md describes it: no parser may claim them. */
const UNREADABLE: Record<string, string> = {
  'clover-xml/coverage-reporter/clover/clover.xml': 'an empty Clover file (0 bytes)',
  'cobertura-xml/coverage-reporter/cobertura/cobertura-coverage.xml': 'a 1-byte file, not XML',
  'junit-xml/junit-plugin/testXxe-oob.xml': 'an XXE out-of-band DTD fragment, not a report',
  'junit-xml/junit-plugin/testXxe-xxe.xml': 'an XXE external entity in a document whose root is <r>, not a report',
  'junit-xml/publish-unit-test-result-action/junit-xml/non-junit.xml': 'valid XML that is not JUnit (its source expects "Invalid format.")',
  'junit-xml/publish-unit-test-result-action/xml/empty.xml': 'an empty file (its source expects "File is empty.")',
  'junit-xml/publish-unit-test-result-action/xml/non-xml.xml': 'not XML (its source expects "Start tag expected")',
  'junit-xml/test-results-parser/tests/windows.junit.xml': 'not XML: a fragment of jest failure text, from which its source reads no test',
  'lcov/coverage-reporter/lcov/empty.lcov': 'an empty lcov file (0 bytes)',
  'malformed-json/publish-unit-test-result-action/json/empty.json': 'an empty file (its source expects "File is empty.")',
  'malformed-json/publish-unit-test-result-action/json/malformed-json.json': 'malformed JSON (its source expects a JSON decode error)',
  'malformed-json/publish-unit-test-result-action/json/non-json.json': 'not JSON (its source expects a JSON decode error)',
  'nunit-xml/publish-unit-test-result-action/nunit/nunit3/jenkins/NUnit-sec1752-file.txt': 'the file an XXE in NUnit-sec1752-file.xml points at (must not be expanded), not a report',
};

/** Files kept beside the reports of a format whose content is of another, as MANIFEST.md says. */
const OTHER_FORMAT: Record<string, { format: string; why: string }> = {
  'go-test-json/go-junit-report/testdata/102-broken.gojson.txt': { format: 'go-build-log', why: 'named gojson, "actually plain-text build failure output"' },
  'go-test-json/gotestsum/testjson/testdata/input/go-test-json.err': { format: 'go-build-log', why: 'the stderr of a go test -json run: a build error of package "broken"' },
};

const FORMATS = new Set(PARSERS.map((p) => p.format));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const folders = readdirSync(CORPUS).filter((name) => name !== NOT_REPORTS && statSync(path.join(CORPUS, name)).isDirectory());
const files = folders.flatMap((folder) => walk(path.join(CORPUS, folder)).map((f) => path.relative(CORPUS, f)));

function expectedFormat(rel: string): string {
  if (rel in UNREADABLE) return 'unknown';
  return OTHER_FORMAT[rel]?.format ?? rel.split('/')[0]!;
}

describe('format detection from content', () => {
  it('knows what every file of the corpus is: its folder names a format Verdict reads, or it is listed here', () => {
    // The 322 reports of this copy (MANIFEST.md, "This copy"), and not a folder fewer.
    expect(files).toHaveLength(322);
    const listed = new Set([...Object.keys(UNREADABLE), ...Object.keys(OTHER_FORMAT)]);
    expect([...listed].filter((rel) => !files.includes(rel))).toEqual([]);
    expect(files.filter((rel) => !listed.has(rel) && !FORMATS.has(rel.split('/')[0]!))).toEqual([]);
  });

  it.each(files.map((rel) => [rel, expectedFormat(rel)]))('%s is %s', async (rel, format) => {
    const parsed = await parseCorpus(rel);
    expect(parsed.format).toBe(format);
    // An unreadable file is named in a diagnostic, so the run says which file it could not read.
    if (format === 'unknown') expect(parsed.output.diagnostics[0]?.file).toBe(rel);
  });

  it('reads 440-odd real files in one run without stopping, naming every file it could not read', async () => {
    const report = await analyze({ workspace: CORPUS, settings: makeSettings({ file: {}, given: { files: ['**/*'], gates: {} } }), run: {}, now: new Date(0) });
    const unreadable = report.artifacts.filter((a) => a.format === 'unknown').map((a) => a.path);
    for (const file of unreadable) expect(report.diagnostics.some((d) => d.file === file)).toBe(true);
    expect(report.artifacts.length).toBeGreaterThan(440);
    expect(report.tests.total).toBeGreaterThan(5000);
  }, 60_000);
});
