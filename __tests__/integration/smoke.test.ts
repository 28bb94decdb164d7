import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ReportSchema } from '../../src/model/report.js';
import { ALL_PASS, makeWorkspace, HEAD_SHA, runBundledAction, TEST_TOKEN } from '../helpers/action.js';
import type { FakeGitHub } from '../helpers/fake-github/index.js';
import { startFakeGitHub } from '../helpers/fake-github/index.js';
import { CORPUS, ROOT } from '../helpers/fixtures.js';

/*
 * The built bundles, run as the runner and a shell run them: dist/index.js a process of its own
 * with the runner's variables, dist/cli.js through its #! line. Every other Action test runs
 * src/action.ts in-process; these check that the bundles are that code, whole.
 */


let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA, ref: 'discounts' }, base: { ref: 'main' } });
});
afterEach(async () => {
  await github.close();
});

describe('dist/index.js', () => {
  it('GO: outputs, summary and exit status 0, nothing on stderr', async () => {
    const ws = await makeWorkspace({ 'reports/junit.xml': ALL_PASS, 'coverage/lcov.info': path.join(ROOT, '__tests__/fixtures/reports/all-pass.lcov') });
    const run = await runBundledAction(ws, { files: 'reports/*.xml\ncoverage/lcov.info', 'min-coverage': '70' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'GO', 'pass-rate': '100', coverage: '75', p0: '0', p1: '0', p2: '0', p3: '0', 'comment-url': '', 'check-run-url': '' });
    expect(run.summary).toMatch(/^## ✅ GO — Verdict: every gate holds/);
    const report = ReportSchema.parse(JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')));
    expect(report.tests).toMatchObject({ total: 3, passed: 3 });
  }, 30_000);

  it('NO-GO against GitHub: the check run and the sticky comment, linked from the outputs; the step fails', async () => {
    const ws = await makeWorkspace({ 'r/jest-junit.xml': path.join(CORPUS, 'junit-xml/test-reporter/fixtures/jest-junit.xml') });
    const run = await runBundledAction(ws, { files: 'r/*.xml', 'github-token': TEST_TOKEN }, { GITHUB_API_URL: github.url });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${TEST_TOKEN}`);
    expect(run.stdout).toContain('::error::Verdict: NO-GO (P1 blockers)');
    const [check] = github.state.checkRuns;
    expect(check).toMatchObject({ name: 'Verdict', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure' });
    const [comment] = github.state.commentsOn(42);
    expect(comment!.body).toContain('## ❌ NO-GO');
    expect(run.outputs).toMatchObject({ verdict: 'NO-GO', 'check-run-url': `https://github.com/acme/shop/runs/${check!.id}`, 'comment-url': `https://github.com/acme/shop/pull/42#issuecomment-${comment!.id}` });
  }, 30_000);

  it('cannot run: the check run completes with the reason before any other call; the step fails', async () => {
    const ws = await makeWorkspace({ 'junit.xml': ALL_PASS });
    const run = await runBundledAction(ws, { files: 'nothing/*.xml', 'github-token': TEST_TOKEN }, { GITHUB_API_URL: github.url });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::no report file found: nothing matches the patterns nothing/*.xml in ');
    expect(run.summary).toContain('Verdict could not run');
    expect(github.requests.map((r) => r.operationId)).toEqual(['checks/create']);
    expect(github.state.checkRuns.map((c) => [c.name, c.conclusion])).toEqual([['Verdict', 'failure']]);
  }, 30_000);
});

describe('dist/cli.js', () => {
  it('runs as the bin npx runs, by its #! line: the verdict, the report, the exit status', async () => {
    const ws = await makeWorkspace({ 'junit.xml': ALL_PASS });
    const r = spawnSync(path.join(ROOT, 'dist/cli.js'), ['--json', 'report.json', 'junit.xml'], { cwd: ws, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: GO {2}\(P0 0 · P1 0 · P2 0 · P3 0\)\n/);
    expect(ReportSchema.parse(JSON.parse(await readFile(path.join(ws, 'report.json'), 'utf8'))).verdict).toBe('GO');
  });
});
