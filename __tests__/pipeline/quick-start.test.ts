import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/analyze.js';
import { makeSettings } from '../../src/settings/layers.js';
import { ROOT } from '../helpers/fixtures.js';

/*
 * The README's quick start, `go test -json -coverprofile=coverage.out ./... > go-test.json 2> build.log`,
 * run for real on a module that builds and passes (__tests__/fixtures/quick-start/regenerate.sh):
 * the clean run leaves build.log empty, and that is a fact to list, not a problem to report.
 */
const ARTIFACTS = '__tests__/fixtures/quick-start/artifacts';

describe("the quick start's own recipe on a clean run", () => {
  const run = (files: string[]) =>
    analyze({ workspace: ROOT, settings: makeSettings({ file: {}, given: { files: files.map((f) => `${ARTIFACTS}/${f}`), gates: {} } }), run: {}, now: new Date(0) });

  it('is GO with no diagnostic for the empty build.log, which is listed as read', async () => {
    const report = await run(['go-test.json', 'coverage.out', 'build.log']);
    expect(report.diagnostics).toEqual([]);
    expect(report.verdict).toBe('GO');
    expect(report.tests.passed).toBe(2);
    expect(report.artifacts.find((a) => a.path.endsWith('build.log'))?.format).toBe('empty-log');
  });

  it('still reports an empty report file (an upload that lost its content)', async () => {
    const report = await run(['go-test.json', 'build.log', '../../corpus/junit-xml/publish-unit-test-result-action/xml/empty.xml']);
    expect(report.diagnostics).toEqual([{ file: '__tests__/fixtures/corpus/junit-xml/publish-unit-test-result-action/xml/empty.xml', message: 'empty file' }]);
  });
});
