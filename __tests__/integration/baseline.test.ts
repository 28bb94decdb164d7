import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeWorkspace, HEAD_SHA, runAction, TEST_TOKEN } from '../helpers/action.js';
import { runCli } from '../helpers/cli.js';
import type { FakeGitHub } from '../helpers/fake-github/index.js';
import { runtimeToken, startFakeGitHub, zip } from '../helpers/fake-github/index.js';
import { ROOT } from '../helpers/fixtures.js';

/*
 * The baseline as a pull request meets it: the base branch's report artifact found through the
 * API, the PR's changed lines from its files, and the figures that follow — end to end through
 * the action (in this process) and the bundled CLI.
 */

const junit = (cases: string) => `<?xml version="1.0"?>\n<testsuites><testsuite name="cart">${cases}</testsuite></testsuites>`;
const pass = (name: string) => `<testcase classname="shop.Cart" name="${name}" file="src/cart.test.ts"/>`;
const fail = (name: string, message: string, line: number) =>
  `<testcase classname="shop.Cart" name="${name}" file="src/cart.test.ts" line="${line}"><failure message="${message}"/></testcase>`;
const lcov = (covered: number, total: number) =>
  `SF:src/cart.ts\n${Array.from({ length: total }, (_, i) => `DA:${i + 1},${i < covered ? 1 : 0}`).join('\n')}\nend_of_record\n`;

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.addPullRequest({ number: 7, head: { sha: HEAD_SHA, ref: 'feature' }, base: { ref: 'main' } });
});
afterEach(async () => {
  await github.close();
});

/** A report JSON made by the CLI itself, as a run would upload it. */
async function reportOf(cases: string): Promise<string> {
  const ws = await makeWorkspace({});
  await writeFile(path.join(ws, 'junit.xml'), junit(cases));
  await writeFile(path.join(ws, 'lcov.info'), lcov(20, 40));
  const r = runCli(['--json', 'report.json', '--fail-on', 'never', 'junit.xml', 'lcov.info'], ws);
  expect(r.code).toBe(0);
  return readFile(path.join(ws, 'report.json'), 'utf8');
}

/** The base branch's report, as a push to main would upload it. */
function baselineReport(): Promise<string> {
  return reportOf(pass('adds') + fail('removes', 'got 2 want 1', 20) + fail('clears', 'cart not empty', 30));
}

/** The pull request's run: `adds` now fails. */
async function prRun(cases = fail('adds', 'quantity 0', 10) + fail('removes', 'got 2 want 1', 20)) {
  const ws = await makeWorkspace({});
  await writeFile(path.join(ws, 'junit.xml'), junit(cases));
  return runAction(ws, { files: '*.xml', 'github-token': TEST_TOKEN, 'upload-report': 'false' }, { GITHUB_API_URL: github.url, GITHUB_EVENT_PATH: path.join(ROOT, '__tests__/fixtures/events/pull_request-7.json') });
}

const statuses = async (run: { outputs: Record<string, string> }) =>
  (JSON.parse(await readFile(run.outputs['report-path']!, 'utf8')) as { blockers: { tests: string[]; status: string }[] }).blockers.map((b) => [b.tests[0], b.status]);

describe('a pull request against its base branch', () => {
  it('finds the newest report of the base branch, and reports new, existing and fixed, coverage drop and patch coverage', async () => {
    const base = await baselineReport();
    github.state.addWorkflowRun({ head_sha: 'aaaa', head_branch: 'main', event: 'push', created_at: '2026-11-01T00:00:00Z', artifacts: [{ name: 'verdict-report', data: zip({ 'verdict-report.json': '{"stale": true}' }) }] });
    github.state.addWorkflowRun({ head_sha: 'bbbb', head_branch: 'main', event: 'push', created_at: '2026-11-20T00:00:00Z', artifacts: [{ name: 'verdict-report', data: zip({ 'verdict-report.json': base }) }] });
    github.state.addWorkflowRun({ head_sha: 'cccc', head_branch: 'other', event: 'push', created_at: '2026-11-21T00:00:00Z', artifacts: [{ name: 'verdict-report', data: zip({ 'verdict-report.json': base }) }] });
    github.state.setPullRequestFiles(7, [
      { filename: 'src/cart.ts', status: 'modified', patch: '@@ -17,2 +17,5 @@\n context\n+a\n+b\n+c\n+d\n+e' },
      { filename: 'src/discount.ts', status: 'added', patch: '@@ -0,0 +1,2 @@\n+x\n+y' },
    ]);

    const ws = await makeWorkspace({});
    await writeFile(path.join(ws, 'junit.xml'), junit(fail('adds', 'quantity 0', 10) + fail('removes', 'got 2 want 1', 20) + pass('clears')));
    await writeFile(path.join(ws, 'lcov.info'), lcov(19, 40));
    const run = await runAction(ws, { files: '*.xml\n*.info', 'github-token': TEST_TOKEN, 'max-coverage-drop': '2', 'min-patch-coverage': '60' }, { GITHUB_API_URL: github.url, GITHUB_EVENT_PATH: path.join(ROOT, '__tests__/fixtures/events/pull_request-7.json') });

    expect(run.stdout).toMatch(/Baseline: artifact 'verdict-report' of run \d+ \(push on 'main' of acme\/shop\)\n/);
    const report = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8'));
    expect(report.baseline).toMatchObject({ found: true, coverage: 50 });
    expect(report.blockers.map((b: { tests: string[]; status: string; priority: string }) => [b.tests, b.status, b.priority])).toEqual([
      [['adds'], 'new', 'P1'],
      [['removes'], 'existing', 'P2'],
    ]);
    expect(report.fixed.map((f: { tests: string[] }) => f.tests)).toEqual([['clears']]);
    expect(report.coverage).toEqual({ lines: { covered: 19, total: 40, percent: 47.5 }, delta: -2.5 });
    // Changed lines 18-22 of cart.ts: 18 and 19 ran, 20-22 did not; discount.ts has no coverage at all.
    expect(report.patchCoverage).toMatchObject({ covered: 2, total: 5, percent: 40, missing: ['src/discount.ts'], source: 'files of pull request #7' });
    expect(report.gates.filter((g: { passed: boolean }) => !g.passed).map((g: { name: string }) => g.name)).toEqual(['max-p1', 'max-coverage-drop', 'min-patch-coverage']);
    expect(run.outputs).toMatchObject({ tests: '3', failed: '2', coverage: '47.5', 'coverage-delta': '-2.5', 'patch-coverage': '40' });
    const comment = github.state.commentsOn(7)[0]!.body;
    expect(comment).toContain('**1 new**, 1 already there, 1 fixed · line coverage −2.5 points');
    expect(comment).toContain('| `src/cart.ts` | 2/5 | 20-22 |');
    expect(comment).toContain('⚠️ **No coverage data** for 1 changed file — not counted as covered: `src/discount.ts`');
  }, 40_000);

  it('says plainly when the base branch has no report yet', async () => {
    const ws = await makeWorkspace({ 'junit.xml': path.join(ROOT, '__tests__/fixtures/reports/all-pass.junit.xml') });
    const run = await runAction(ws, { files: '*.xml', 'github-token': TEST_TOKEN, 'max-coverage-drop': '1' }, { GITHUB_API_URL: github.url, GITHUB_EVENT_PATH: path.join(ROOT, '__tests__/fixtures/events/pull_request-7.json') });
    expect(run.code).toBe(0);
    expect(run.summary).toContain("_No baseline: no report artifact 'verdict-report' from a push, schedule, workflow_dispatch or merge_group run on 'main' of acme/shop yet");
    expect(run.summary).toContain('| Coverage drop against the baseline (points) (`max-coverage-drop`) | ≤ 1 points | no baseline coverage to compare with | ✅ pass |');
  }, 30_000);
});

describe('a baseline only from trusted runs of the base branch', () => {
  it('passes over a fork’s branch named main and a workflow_run or pull_request_target run on main, whose reports would excuse the new failure', async () => {
    const trusted = github.state.addWorkflowRun({ head_sha: 'aaaa', head_branch: 'main', event: 'push', created_at: '2026-11-01T00:00:00Z', artifacts: [{ name: 'verdict-report', data: zip({ 'verdict-report.json': await baselineReport() }) }] });
    // Each says `adds` already failed on main: the PR's new failure would become "already there", P2, GO.
    const poisoned = zip({ 'verdict-report.json': await reportOf(fail('adds', 'quantity 0', 10) + fail('removes', 'got 2 want 1', 20)) });
    github.state.addWorkflowRun({ head_sha: 'bbbb', head_branch: 'main', event: 'pull_request', head_repository: 'mallory/shop', created_at: '2026-11-02T00:00:00Z', artifacts: [{ name: 'verdict-report', data: poisoned }] });
    github.state.addWorkflowRun({ head_sha: 'cccc', head_branch: 'main', event: 'workflow_run', created_at: '2026-11-03T00:00:00Z', artifacts: [{ name: 'verdict-report', data: poisoned }] });
    github.state.addWorkflowRun({ head_sha: 'dddd', head_branch: 'main', event: 'pull_request_target', created_at: '2026-11-04T00:00:00Z', artifacts: [{ name: 'verdict-report', data: poisoned }] });

    const run = await prRun();
    expect(await statuses(run)).toEqual([
      ['adds', 'new'],
      ['removes', 'existing'],
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Baseline: artifact 'verdict-report' of run ${trusted.id} (push on 'main' of acme/shop)`);
    expect(run.stdout).toMatch(/; passed over 3 newer: run \d+ \(pull_request_target\), run \d+ \(workflow_run\), run \d+ from a fork\n/);
  }, 60_000);

  it('finds the base branch’s report behind 120 newer uploads of pull requests (two pages of artifacts)', async () => {
    const trusted = github.state.addWorkflowRun({ head_sha: 'aaaa', head_branch: 'main', event: 'push', created_at: '2026-11-01T00:00:00Z', artifacts: [{ name: 'verdict-report', data: zip({ 'verdict-report.json': await baselineReport() }) }] });
    const other = zip({ 'verdict-report.json': '{}' });
    for (let i = 0; i < 120; i++) github.state.addWorkflowRun({ head_sha: `f${i}`, head_branch: `feature-${i}`, event: 'pull_request', created_at: '2026-11-02T00:00:00Z', artifacts: [{ name: 'verdict-report', data: other }] });

    const run = await prRun();
    expect(run.stdout).toContain(`Baseline: artifact 'verdict-report' of run ${trusted.id}`);
    expect(await statuses(run)).toEqual([
      ['adds', 'new'],
      ['removes', 'existing'],
    ]);
    expect(github.requests.filter((r) => r.operationId === 'actions/list-artifacts-for-repo').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
  }, 60_000);

  it('logs the names an artifact holds escaped: an entry named with a newline injects no workflow command', async () => {
    const hostile = 'report\n::error title=Release blocked::the security team says NO.json';
    github.state.addWorkflowRun({ head_sha: 'aaaa', head_branch: 'main', event: 'push', artifacts: [{ name: 'verdict-report', data: zip({ [hostile]: 'not a report' }) }] });
    const run = await prRun(pass('adds'));
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([]);
    expect(run.stdout).toMatch(/No baseline: .*report%0A::error title=Release blocked::the security team says NO\.json/);
  }, 60_000);
});

describe('the CLI with --baseline and --diff-base', () => {
  it('compares with a report file and measures the lines changed since a git revision', async () => {
    const base = await baselineReport();
    const ws = await makeWorkspace({});
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, { cwd: ws, encoding: 'utf8' });
      expect(r.status).toBe(0);
      return r.stdout;
    };
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 't');
    await writeFile(path.join(ws, 'cart.ts'), 'a\nb\nc\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    await writeFile(path.join(ws, 'cart.ts'), 'a\nb\nc\nd\ne\n');
    git('commit', '-qam', 'change');
    await writeFile(path.join(ws, 'base.json'), base);
    await writeFile(path.join(ws, 'junit.xml'), junit(pass('adds') + fail('removes', 'got 2 want 1', 20) + pass('clears')));
    await writeFile(path.join(ws, 'lcov.info'), 'SF:cart.ts\nDA:1,1\nDA:4,1\nDA:5,0\nend_of_record\n');
    const r = runCli(['--baseline', 'base.json', '--diff-base', 'HEAD~1', '--json', 'out.json', '--min-patch-coverage', '50', 'junit.xml', 'lcov.info'], ws);
    const report = JSON.parse(await readFile(path.join(ws, 'out.json'), 'utf8'));
    expect(report.patchCoverage).toMatchObject({ covered: 1, total: 2, percent: 50, source: 'git diff HEAD~1...HEAD' });
    expect(report.blockers.map((b: { status: string; priority: string }) => [b.status, b.priority])).toEqual([['existing', 'P2']]);
    expect(r.code).toBe(0); // the only failure was already there: GO for this change
  }, 30_000);
});

describe('the report artifact: uploaded on main, the baseline of the next pull request', () => {
  it('a push to main uploads the report; a PR run then compares with it', async () => {
    const push = github.state.addWorkflowRun({ head_sha: 'f00d', head_branch: 'main', event: 'push' });
    const event = path.join(await makeWorkspace({}), 'push.json');
    await writeFile(event, JSON.stringify({ ref: 'refs/heads/main', after: 'f00d', repository: { full_name: 'acme/shop', default_branch: 'main' } }));
    const onMain = await makeWorkspace({});
    await writeFile(path.join(onMain, 'junit.xml'), junit(pass('adds') + fail('removes', 'got 2 want 1', 20)));
    const pushed = await runAction(
      onMain,
      { files: '*.xml', 'github-token': TEST_TOKEN, 'fail-on': 'never' },
      {
        GITHUB_API_URL: github.url,
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: event,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: 'f00d',
        GITHUB_RUN_ID: String(push.id),
        ACTIONS_RESULTS_URL: `${github.url}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeToken(push.id),
      },
    );
    expect(pushed.stdout).toContain("Report uploaded as artifact 'verdict-report'");
    expect(github.state.artifacts.map((a) => [a.name, a.workflow_run_id])).toEqual([['verdict-report', push.id]]);
    expect(pushed.stdout).not.toContain('::warning::');

    const pr = await makeWorkspace({});
    await writeFile(path.join(pr, 'junit.xml'), junit(fail('adds', 'quantity 0', 10) + fail('removes', 'got 2 want 1', 20)));
    const run = await runAction(pr, { files: '*.xml', 'github-token': TEST_TOKEN, 'upload-report': 'false' }, { GITHUB_API_URL: github.url, GITHUB_EVENT_PATH: path.join(ROOT, '__tests__/fixtures/events/pull_request-7.json') });
    expect(run.stdout).toContain(`Baseline: artifact 'verdict-report' of run ${push.id} (push on 'main' of acme/shop)`);
    const report = JSON.parse(await readFile(run.outputs['report-path']!, 'utf8'));
    expect(report.blockers.map((b: { tests: string[]; status: string }) => [b.tests[0], b.status])).toEqual([
      ['adds', 'new'],
      ['removes', 'existing'],
    ]);
  }, 40_000);
});
