import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ReportSchema } from '../../src/model/report.js';
import { makeWorkspace, runAction } from '../helpers/action.js';
import { ROOT, CORPUS } from '../helpers/fixtures.js';

const local = (name: string) => path.join(ROOT, '__tests__/fixtures/reports', name);
const corpus = (rel: string) => path.join(CORPUS, rel);

describe('the action, with the runner’s variables', () => {
  it('GO: outputs, summary and exit status 0', async () => {
    const ws = await makeWorkspace({ 'reports/junit.xml': local('all-pass.junit.xml'), 'coverage/lcov.info': local('all-pass.lcov') });
    const run = await runAction(ws, { files: 'reports/*.xml\ncoverage/lcov.info', 'min-coverage': '70' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'GO', 'pass-rate': '100', coverage: '75', p0: '0', p1: '0', p2: '0', p3: '0', 'comment-url': '', 'check-run-url': '' });
    expect(run.summary).toMatch(/^## ✅ GO — Verdict: every gate holds/);
    expect(run.summary).toContain('| Line coverage (`min-coverage`) | ≥ 70% | 75% | ✅ pass |');
    const report = ReportSchema.parse(JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')));
    expect(report.run).toMatchObject({ repository: 'acme/shop', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', pullRequest: 42, event: 'pull_request' });
    expect(report.tests).toMatchObject({ total: 3, passed: 3 });
  });

  it('NO-GO: fails the step, names the failed gates, links failures at the PR head', async () => {
    const ws = await makeWorkspace({
      'reports/jest-junit.xml': corpus('junit-xml/test-reporter/fixtures/jest-junit.xml'),
      'reports/go-test.json': corpus('go-test-json/gotestsum/cmd/testdata/input/go-test-build-failed.out'),
      'reports/unknown.xml': path.join(ROOT, '__tests__/fixtures/events/pull_request.json'),
    });
    const run = await runAction(ws, { files: 'reports/**' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Verdict: NO-GO (P0 blockers, P1 blockers)');
    expect(run.outputs).toMatchObject({ verdict: 'NO-GO', p0: '1', p1: '4', p3: '1', 'pass-rate': '20' });
    expect(run.outputs.coverage).toBe('');
    expect(run.summary).toMatch(/^## ❌ NO-GO — Verdict: 2 gates failed: P0 blockers, P1 blockers/);
    expect(run.summary).toContain('example.com/internal/cacher does not build: undefined: assert.foo');
    expect(run.summary).toContain(
      '[`__tests__/main.test.js:10`](https://github.com/acme/shop/blob/6dcb09b5b57875f334f61aebed695e2e4193db5e/__tests__/main.test.js#L10)',
    );
    expect(run.summary).toContain('Parsed 2 files: 1 go-test-json, 1 junit-xml.');
    expect(run.summary).toContain('- `reports/unknown.xml`: format not recognized');
  });

  it("with fail-on 'never' reports NO-GO but passes the step", async () => {
    const ws = await makeWorkspace({ 'r/jest-junit.xml': corpus('junit-xml/test-reporter/fixtures/jest-junit.xml') });
    const run = await runAction(ws, { files: 'r/*.xml', 'fail-on': 'never' });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('NO-GO');
  });

  it('a bad input stops with a message naming the input', async () => {
    const ws = await makeWorkspace({ 'r/a.xml': local('all-pass.junit.xml') });
    const run = await runAction(ws, { files: 'r/*.xml', 'min-coverage': '120' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::input 'min-coverage': must be a percentage from 0 to 100 (got '120')");
    expect(run.outputs).toEqual({ 'comment-url': '', 'check-run-url': '' });
  });

  it('no file matching the patterns is an error, not a silent GO', async () => {
    const ws = await makeWorkspace({ 'r/a.xml': local('all-pass.junit.xml') });
    const run = await runAction(ws, { files: 'nothing/*.xml' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::no report file found: nothing matches the patterns nothing/*.xml in ');
    expect(run.summary).toContain('Verdict could not run');
  });
});
