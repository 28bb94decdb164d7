import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActionRun } from '../helpers/action.js';
import { ALL_PASS, makeWorkspace, HEAD_SHA, runAction, TEST_TOKEN } from '../helpers/action.js';
import type { FakeGitHub } from '../helpers/fake-github/index.js';
import { READ_ONLY, startFakeGitHub, zip } from '../helpers/fake-github/index.js';

/*
 * A run that cannot make a report — no report file, a bad input or config, an unexpected error —
 * still completes its check run with the reason, so a required check never stays pending.
 */


let github: FakeGitHub;

beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA, ref: 'discounts' }, base: { ref: 'main' } });
  // A base branch report: a run that got as far as looking for it would call GitHub for it.
  github.state.addWorkflowRun({ head_sha: 'f00d', head_branch: 'main', event: 'push', artifacts: [{ name: 'verdict-report', data: zip({ 'verdict-report.json': '{}' }) }] });
});
afterEach(async () => {
  await github.close();
});

async function action(inputs: Record<string, string>, files: Record<string, string> = { 'junit.xml': ALL_PASS }): Promise<ActionRun> {
  const ws = await makeWorkspace(files);
  return runAction(ws, { 'github-token': TEST_TOKEN, ...inputs }, { GITHUB_API_URL: github.url });
}

const operations = () => github.requests.map((r) => r.operationId);

describe('a run that cannot make a report', () => {
  it('no report file: the step fails, and the check run on the PR head completes as failure with the reason, before any other call', async () => {
    const run = await action({ files: 'nothing/*.xml' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::no report file found: nothing matches the patterns nothing/*.xml in ');
    expect(run.summary).toMatch(/^## ⚠️ Verdict could not run\n\nno report file found: nothing matches the patterns nothing\/\\\*\.xml in /);
    expect(operations()).toEqual(['checks/create']);
    const [check] = github.state.checkRuns;
    expect(check).toMatchObject({ name: 'Verdict', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure', details_url: 'https://github.com/acme/shop/actions/runs/1234567' });
    expect(check!.output.title).toMatch(/^Could not run: no report file found: nothing matches the patterns nothing\/\*\.xml in /);
    expect(check!.output.summary).toBe(run.summary.slice(0, -1));
    expect(run.outputs).toEqual({ 'comment-url': '', 'check-run-url': `https://github.com/acme/shop/runs/${check!.id}` });
  }, 30_000);

  it('the token never reaches what is posted or written, even when the reason quotes it', async () => {
    const run = await action({ files: `reports/${TEST_TOKEN}.xml` });
    expect(run.code).toBe(1);
    const [check] = github.state.checkRuns;
    expect(check!.output.summary).toContain('nothing matches the patterns reports/\\*\\*\\*.xml');
    expect(JSON.stringify(check!.output)).not.toContain(TEST_TOKEN);
    expect(run.summary).not.toContain(TEST_TOKEN);
  }, 30_000);

  it('a bad input: the check run has the name the input gives, and names the input', async () => {
    const run = await action({ 'report-name': 'Backend', 'min-coverage': '120' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::input 'min-coverage': must be a percentage from 0 to 100 (got '120')");
    expect(run.summary).toContain("input 'min-coverage': must be a percentage from 0 to 100 (got '120')");
    expect(operations()).toEqual(['checks/create']);
    expect(github.state.checkRuns.map((c) => [c.name, c.head_sha, c.conclusion, c.output.title])).toEqual([
      ['Backend', HEAD_SHA, 'failure', "Could not run: input 'min-coverage': must be a percentage from 0 to 100 (got '120')"],
    ]);
  }, 30_000);

  it('a bad input: the check run has the name the config file gives, when no input does', async () => {
    const ws = await makeWorkspace({ 'junit.xml': ALL_PASS });
    await mkdir(path.join(ws, '.github'));
    await writeFile(path.join(ws, '.github/verdict.yml'), 'name: Frontend\n');
    const run = await runAction(ws, { 'github-token': TEST_TOKEN, 'max-p0': 'none' }, { GITHUB_API_URL: github.url });
    expect(run.code).toBe(1);
    expect(github.state.checkRuns.map((c) => [c.name, c.conclusion])).toEqual([['Frontend', 'failure']]);
  }, 30_000);

  it('a bad config file: the check run says which key', async () => {
    const ws = await makeWorkspace({ 'junit.xml': ALL_PASS });
    await mkdir(path.join(ws, '.github'));
    await writeFile(path.join(ws, '.github/verdict.yml'), 'name: Frontend\ngate:\n  max-p0: 1\n');
    const run = await runAction(ws, { 'github-token': TEST_TOKEN }, { GITHUB_API_URL: github.url });
    expect(run.code).toBe(1);
    const [check] = github.state.checkRuns;
    expect(check).toMatchObject({ name: 'Verdict', conclusion: 'failure' });
    expect(check!.output.summary).toContain('.github/verdict.yml: gate: unknown key');
  }, 30_000);

  it("fail-on 'never': the check run is neutral, the step warns and passes", async () => {
    const run = await action({ files: 'nothing/*.xml', 'fail-on': 'never' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::warning::no report file found: nothing matches the patterns nothing/*.xml in ');
    expect(run.stdout).not.toContain('::error::');
    expect(run.summary).toContain('Verdict could not run');
    expect(github.state.checkRuns.map((c) => [c.name, c.status, c.conclusion])).toEqual([['Verdict', 'completed', 'neutral']]);
  }, 30_000);

  it("a fail-on that cannot be read counts as 'no-go'", async () => {
    const run = await action({ 'fail-on': 'sometimes' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::input 'fail-on': must be 'no-go' or 'never' (got 'sometimes')");
    expect(github.state.checkRuns.map((c) => c.conclusion)).toEqual(['failure']);
  }, 30_000);

  it("check-run 'false': no check run; a check-run that cannot be read counts as 'true'", async () => {
    expect((await action({ files: 'nothing/*.xml', 'check-run': 'false' })).code).toBe(1);
    expect(github.requests).toEqual([]);
    const run = await action({ 'check-run': 'maybe' });
    expect(run.code).toBe(1);
    expect(github.state.checkRuns.map((c) => [c.conclusion, c.output.title])).toEqual([['failure', "Could not run: input 'check-run': must be true or false (got 'maybe')"]]);
  }, 30_000);

  it('a token that may not write checks: a warning, and the step still fails for the reason', async () => {
    github.state.permissions = { ...READ_ONLY };
    const run = await action({ files: 'nothing/*.xml' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::warning::Verdict could not create the check run: the token lacks checks: write (403).');
    expect(run.stdout).toContain('::error::no report file found');
    expect(run.summary).toContain('Verdict could not run');
    expect(run.outputs['check-run-url']).toBe('');
    expect(github.state.checkRuns).toEqual([]);
  }, 30_000);

  it('an unexpected error after the report was made: the check run completes at once, with no comment after it', async () => {
    // The report file cannot be written: its directory would be a file.
    const run = await action({ files: 'junit.xml', 'report-path': 'junit.xml/report.json' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Verdict failed unexpectedly: Error: E(NOTDIR|EXIST)/);
    expect(run.stdout).toContain('at '); // the stack, for a bug report
    const [check] = github.state.checkRuns;
    expect(check).toMatchObject({ name: 'Verdict', head_sha: HEAD_SHA, conclusion: 'failure' });
    expect(check!.output.summary).toMatch(/Verdict failed unexpectedly: E(NOTDIR|EXIST)/);
    expect(operations().at(-1)).toBe('checks/create');
    expect(github.state.commentsOn(42)).toEqual([]);
  }, 30_000);
});
