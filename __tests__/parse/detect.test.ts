import { describe, expect, it } from '@jest/globals';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../src/analyze.js';
import { makeSettings } from '../../src/settings/layers.js';
import { parseCorpus, CORPUS } from '../helpers/fixtures.js';

/* Formats are recognized from content: every real file in the corpus (__tests__/fixtures/corpus) is read by the parser of its format. */

const FORMAT_OF_DIRECTORY: Record<string, string[]> = {
  'junit-xml': ['junit-xml'],
  trx: ['trx'],
  'nunit-xml': ['nunit-xml'],
  'xunit-net-xml': ['xunit-net-xml'],
  'ctrf-json': ['ctrf-json'],
  'go-test-json': ['go-test-json', 'go-build-log'],
  lcov: ['lcov'],
  'cobertura-xml': ['cobertura-xml'],
  'jacoco-xml': ['jacoco-xml'],
  'clover-xml': ['clover-xml'],
  'go-coverprofile': ['go-coverprofile'],
  'istanbul-coverage-final-json': ['istanbul-coverage-final-json'],
  'istanbul-json-summary': ['istanbul-json-summary'],
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const files = Object.keys(FORMAT_OF_DIRECTORY).flatMap((dir) => walk(path.join(CORPUS, dir)).map((f) => path.relative(CORPUS, f)));

describe('format detection from content', () => {
  it.each(files)('%s', async (rel) => {
    const parsed = await parseCorpus(rel);
    const expected = FORMAT_OF_DIRECTORY[rel.split('/')[0]!]!;
    // A file that is not a report of its directory's format (empty, truncated, hand-broken) is named in a diagnostic.
    if (!expected.includes(parsed.format)) {
      expect(parsed.format).toBe('unknown');
      expect(parsed.output.diagnostics[0]?.file).toBe(rel);
    }
  });

  it('reads 440-odd real files in one run without stopping, naming every file it could not read', async () => {
    const report = await analyze({ workspace: CORPUS, settings: makeSettings({ file: {}, given: { files: ['**/*'], gates: {} } }), run: {}, now: new Date(0) });
    const unreadable = report.artifacts.filter((a) => a.format === 'unknown').map((a) => a.path);
    for (const file of unreadable) expect(report.diagnostics.some((d) => d.file === file)).toBe(true);
    expect(report.artifacts.length).toBeGreaterThan(440);
    expect(report.tests.total).toBeGreaterThan(5000);
  }, 60_000);
});
