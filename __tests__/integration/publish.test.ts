import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commentMarker } from '../../src/publish/comment.js';
import type { ActionRun } from '../helpers/action.js';
import { ALL_PASS, makeWorkspace, HEAD_SHA, runAction, TEST_TOKEN } from '../helpers/action.js';
import type { FakeGitHub } from '../helpers/fake-github/index.js';
import { GITHUB_ACTIONS_BOT, meanwhile, primaryRateLimit, READ_ONLY, secondaryRateLimit, serverError, startFakeGitHub, zip } from '../helpers/fake-github/index.js';

/*
 * The action against a local, stateful fake of the GitHub REST API that rejects any
 * request GitHub's OpenAPI description would reject: comments, check runs, annotations, forks,
 * permissions, faults and size limits, as a real repository meets them.
 */


/** A JUnit file with `n` failing tests, each at its own file:line. */
function failingJunit(n: number, message: (i: number) => string = () => 'expected true, got false'): string {
  const cases = Array.from(
    { length: n },
    (_, i) => `<testcase classname="shop.Cart" name="case ${i}" file="src/cart${i % 7}.test.ts" line="${i + 1}"><failure message="${message(i)}">at cart.test.ts</failure></testcase>`,
  );
  return `<?xml version="1.0"?>\n<testsuites><testsuite name="cart">${cases.join('')}</testsuite></testsuites>`;
}

async function workspaceWith(junit: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verdict-pub-'));
  await writeFile(path.join(dir, 'junit.xml'), junit);
  return dir;
}

let github: FakeGitHub;

beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA, ref: 'discounts', repo: 'octocat/shop' }, base: { ref: 'main' } });
});
afterEach(async () => {
  await github.close();
});

function action(ws: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(ws, { files: '*.xml', 'github-token': TEST_TOKEN, ...inputs }, { GITHUB_API_URL: github.url, ...env });
}


describe('sticky PR comment', () => {
  it('the first run creates one comment; the second updates it in place', async () => {
    const ws = await workspaceWith(failingJunit(2));
    const created = await action(ws);
    expect(created.code).toBe(1);
    expect(github.state.commentsOn(42)).toHaveLength(1);
    const first = github.state.commentsOn(42)[0]!;
    expect(first.body.startsWith(commentMarker('Verdict'))).toBe(true);
    expect(first.body).toContain('## ❌ NO-GO');
    expect(created.outputs['comment-url']).toBe(`https://github.com/acme/shop/pull/42#issuecomment-${first.id}`);

    await writeFile(path.join(ws, 'junit.xml'), await import('node:fs/promises').then((fs) => fs.readFile(ALL_PASS, 'utf8')));
    const updated = await action(ws);
    expect(updated.code).toBe(0);
    const comments = github.state.commentsOn(42);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(first.id);
    expect(comments[0]!.body).toContain('## ✅ GO');
    expect(updated.outputs['comment-url']).toBe(created.outputs['comment-url']);
  }, 30_000);

  it('finds its marker on page 3 of 250 comments and updates that one', async () => {
    for (let i = 0; i < 250; i++) {
      github.state.addComment({ issue_number: 42, body: i === 230 ? `${commentMarker('Verdict')}\nold report` : `comment ${i}`, user: i === 230 ? GITHUB_ACTIONS_BOT : { login: `user${i}`, id: 1000 + i, type: 'User' } });
    }
    const target = github.state.commentsOn(42)[230]!.id;
    const run = await action(await workspaceWith(failingJunit(1)));
    expect(run.code).toBe(1);
    expect(github.state.commentsOn(42)).toHaveLength(250);
    expect(github.state.comment(target)!.body).toContain('## ❌ NO-GO');
    const pages = github.requests.filter((r) => r.operationId === 'issues/list-comments').map((r) => r.query.page ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
  }, 30_000);

  it("on-failure: no comment for a GO, but a NO-GO comment is brought up to date when the PR turns GO", async () => {
    const ws = await makeWorkspace({ 'junit.xml': ALL_PASS });
    expect((await action(ws, { comment: 'on-failure' })).outputs['comment-url']).toBe('');
    expect(github.state.commentsOn(42)).toHaveLength(0);

    const broken = await workspaceWith(failingJunit(1));
    await action(broken, { comment: 'on-failure' });
    expect(github.state.commentsOn(42)).toHaveLength(1);

    await action(ws, { comment: 'on-failure' });
    expect(github.state.commentsOn(42)).toHaveLength(1);
    expect(github.state.commentsOn(42)[0]!.body).toContain('## ✅ GO');
  }, 40_000);

  it('one sticky comment per report name', async () => {
    const ws = await workspaceWith(failingJunit(1));
    await action(ws, { 'report-name': 'Backend' });
    await action(ws, { 'report-name': 'Frontend' });
    await action(ws, { 'report-name': 'Backend' });
    expect(github.state.commentsOn(42).map((c) => c.body.split('\n')[0])).toEqual([commentMarker('Backend'), commentMarker('Frontend')]);
  }, 40_000);
});

describe('only Verdict’s own comment is updated', () => {
  const MARKER = commentMarker('Verdict');
  const octocat = { login: 'octocat', id: 583231, type: 'User' as const };
  const reportsIn = (id: number) => github.state.comment(id)?.body.includes('## ❌ NO-GO') ?? false;

  it('leaves a person’s comment that starts with the marker alone, and comments on its own', async () => {
    const planted = github.state.addComment({ issue_number: 42, body: `${MARKER}\nLGTM, ship it`, user: octocat });
    const run = await action(await workspaceWith(failingJunit(1)));
    expect(github.state.comment(planted.id)!.body).toBe(`${MARKER}\nLGTM, ship it`);
    const [, ours] = github.state.commentsOn(42);
    expect(ours).toMatchObject({ user: GITHUB_ACTIONS_BOT });
    expect(reportsIn(ours!.id)).toBe(true);
    expect(run.outputs['comment-url']).toBe(ours!.html_url);
  }, 30_000);

  it('an app’s token updates its own bot’s comment, not github-actions’; a person’s token its own, found through GET /user', async () => {
    const app = { login: 'verdict-app[bot]', id: 200, type: 'Bot' as const };
    github.state.actor = app;
    const byActions = github.state.addComment({ issue_number: 42, body: `${MARKER}\nold`, user: GITHUB_ACTIONS_BOT });
    const byApp = github.state.addComment({ issue_number: 42, body: `${MARKER}\nold`, user: app });
    await action(await workspaceWith(failingJunit(1)));
    expect([reportsIn(byActions.id), reportsIn(byApp.id)]).toEqual([false, true]);
    expect(github.state.commentsOn(42)).toHaveLength(2);

    github.state.actor = octocat;
    const other = github.state.addComment({ issue_number: 42, body: `${MARKER}\nold`, user: { login: 'mallory', id: 666, type: 'User' } });
    const mine = github.state.addComment({ issue_number: 42, body: `${MARKER}\nold`, user: octocat });
    const run = await action(await workspaceWith(failingJunit(1)));
    expect([reportsIn(other.id), reportsIn(mine.id)]).toEqual([false, true]);
    expect(run.outputs['comment-url']).toBe(mine.html_url);
  }, 40_000);

  it('two runs at once: the comment another run created meanwhile is not left beside this one', async () => {
    github.injectFaults([meanwhile({ operationId: 'issues/create-comment' }, (state) => state.addComment({ issue_number: 42, body: `${MARKER}\nthe other run's report` }))]);
    const run = await action(await workspaceWith(failingJunit(1)));
    const left = github.state.commentsOn(42);
    expect(left).toHaveLength(1);
    expect(reportsIn(left[0]!.id)).toBe(true);
    expect(run.outputs['comment-url']).toBe(left[0]!.html_url);
  }, 30_000);

  it('removes duplicates an earlier run left, keeping the newest up to date', async () => {
    github.state.addComment({ issue_number: 42, body: `${MARKER}\nstale NO-GO` });
    const newest = github.state.addComment({ issue_number: 42, body: `${MARKER}\nolder report` });
    await action(await workspaceWith(failingJunit(1)));
    expect(github.state.commentsOn(42).map((c) => c.id)).toEqual([newest.id]);
    expect(reportsIn(newest.id)).toBe(true);
  }, 30_000);

  it('re-creates a comment deleted between the look-up and the update', async () => {
    const sticky = github.state.addComment({ issue_number: 42, body: `${MARKER}\nold` });
    github.injectFaults([meanwhile({ operationId: 'issues/update-comment' }, (state) => state.deleteComment(sticky.id))]);
    const run = await action(await workspaceWith(failingJunit(1)));
    const left = github.state.commentsOn(42);
    expect(left).toHaveLength(1);
    expect(reportsIn(left[0]!.id)).toBe(true);
    expect(run.stdout).not.toContain('::warning::');
  }, 30_000);

  it('a 403 on the update does not lose the report: a new comment carries it, and the summary and report file are written', async () => {
    const sticky = github.state.addComment({ issue_number: 42, body: `${MARKER}\nold` });
    github.injectFaults([{ operationId: 'issues/update-comment', status: 403, times: Infinity }, { operationId: 'issues/delete-comment', status: 403, times: Infinity }]);
    const run = await action(await workspaceWith(failingJunit(1)));
    const created = github.state.commentsOn(42).filter((c) => c.id !== sticky.id);
    expect(created).toHaveLength(1);
    expect(reportsIn(created[0]!.id)).toBe(true);
    expect(run.outputs['comment-url']).toBe(created[0]!.html_url);
    expect(run.summary).toContain('## ❌ NO-GO');
    expect(run.outputs['report-path']).toBeTruthy();
  }, 30_000);
});

describe('check run', () => {
  it('delivers 180 annotations in 4 requests of at most 50, named after the report, failing on NO-GO', async () => {
    const run = await action(await workspaceWith(failingJunit(180)));
    expect(run.code).toBe(1);
    const checkRequests = github.requests.filter((r) => r.operationId === 'checks/create' || r.operationId === 'checks/update');
    expect(checkRequests.map((r) => (r.body as { output: { annotations: unknown[] } }).output.annotations.length)).toEqual([50, 50, 50, 30]);
    const [check] = github.state.checkRuns;
    expect(check).toMatchObject({ name: 'Verdict', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure' });
    expect(run.outputs['check-run-url']).toBe(`https://github.com/acme/shop/runs/${check!.id}`);
    const annotations = github.state.annotationsOf(check!.id);
    expect(annotations).toHaveLength(180);
    expect(annotations[0]).toMatchObject({ path: 'src/cart0.test.ts', start_line: 1, annotation_level: 'failure' });
  }, 30_000);

  it('caps annotations at max-annotations and says how many more there were', async () => {
    await action(await workspaceWith(failingJunit(30)), { 'max-annotations': '10' });
    const [check] = github.state.checkRuns;
    expect(github.state.annotationsOf(check!.id)).toHaveLength(10);
    // The note stands under the full report, the check run's text; the summary is the comment's first screen.
    expect(check!.output.text).toContain('20 more annotations not shown (max-annotations is 10)');
    expect(check!.output.summary).toContain('## ❌ NO-GO — Verdict');
  }, 30_000);
});

describe('permissions and faults', () => {
  it('a read-only token (fork PR) keeps the summary, warns what is missing, and keeps the verdict', async () => {
    github.state.permissions = { ...READ_ONLY };
    const run = await action(await workspaceWith(failingJunit(1)));
    expect(run.code).toBe(1); // the verdict, not the API
    expect(run.summary).toContain('## ❌ NO-GO');
    expect(run.stdout).toContain('::warning::Verdict could not comment on pull request #42: the token lacks pull-requests: write (403).');
    expect(run.stdout).toContain('::warning::Verdict could not create the check run: the token lacks checks: write (403).');
    expect(run.stdout).toContain('workflow_run');
    expect(run.outputs).toMatchObject({ verdict: 'NO-GO', 'comment-url': '', 'check-run-url': '' });
    expect(github.state.commentsOn(42)).toHaveLength(0);
  }, 30_000);

  it('retries a 502 and succeeds', async () => {
    github.injectFaults([serverError({ operationId: 'issues/create-comment' })]);
    const run = await action(await workspaceWith(failingJunit(1)));
    expect(run.stdout).not.toContain('::warning::');
    expect(github.requests.filter((r) => r.operationId === 'issues/create-comment').map((r) => r.status)).toEqual([502, 201]);
    expect(github.state.commentsOn(42)).toHaveLength(1);
  }, 30_000);

  it('honours retry-after on a secondary rate limit', async () => {
    github.injectFaults([secondaryRateLimit({ operationId: 'checks/create', retryAfter: 1 })]);
    await action(await workspaceWith(failingJunit(1)));
    const attempts = github.requests.filter((r) => r.operationId === 'checks/create');
    expect(attempts.map((r) => r.status)).toEqual([403, 201]);
    expect(attempts[1]!.timestamp - attempts[0]!.timestamp).toBeGreaterThanOrEqual(1000);
    expect(github.state.checkRuns).toHaveLength(1);
  }, 30_000);

  it.each([403, 429] as const)('does not wait out a primary rate limit (%i) that resets in an hour: it warns and publishes what it can', async (status) => {
    github.injectFaults([primaryRateLimit({ operationId: 'checks/create', resetIn: 3600, status, times: Infinity })]);
    const started = Date.now();
    const run = await action(await workspaceWith(failingJunit(1)));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.stdout).toContain('::warning::GitHub API rate limit hit on POST /repos/{owner}/{repo}/check-runs; it resets in about 60 min: not waiting');
    expect(run.stdout).toMatch(/::warning::Creating the check run failed: GitHub's API rate limit for this token is spent \(\d+: API rate limit exceeded/);
    expect(github.requests.filter((r) => r.operationId === 'checks/create')).toHaveLength(1);
    expect(run.summary).toContain('## ❌ NO-GO');
    expect(github.state.commentsOn(42)).toHaveLength(1);
    expect(run.code).toBe(1);
  }, 20_000);

  it('does not wait out a secondary rate limit that asks for a minute', async () => {
    github.injectFaults([secondaryRateLimit({ operationId: 'checks/create', retryAfter: 60, times: Infinity })]);
    const started = Date.now();
    const run = await action(await workspaceWith(failingJunit(1)));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.stdout).toContain('::warning::GitHub API secondary rate limit hit on POST /repos/{owner}/{repo}/check-runs; it asks for 60s: not waiting');
    expect(run.stdout).not.toContain('lacks checks: write');
    expect(github.state.commentsOn(42)).toHaveLength(1);
  }, 20_000);

  it('never loses the report: a 404 on every API call still writes the summary, outputs and report file', async () => {
    const run = await action(await workspaceWith(failingJunit(1)), {}, { GITHUB_REPOSITORY: 'acme/missing' });
    expect(run.summary).toContain('## ❌ NO-GO');
    expect(run.outputs['report-path']).toBeTruthy();
    expect(run.stdout).toMatch(/::warning::Creating the check run failed: not found \(404\)/);
  }, 30_000);
});

describe('size limits', () => {
  it('degrades an over-large report until it fits the comment and the check summary', async () => {
    // 2500 distinct failures (letters, not numbers, tell them apart: numbers would cluster them).
    const word = (i: number) => Array.from(String(i).padStart(4, '0'), (d) => 'abcdefghij'[Number(d)]).join('');
    const long = (i: number) => `assertion ${word(i)} failed: ${'the expected value was not what the test wanted to see; '.repeat(6)}`;
    const run = await action(await workspaceWith(failingJunit(2500, long)), { 'max-annotations': '50' });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('::warning::');
    const comment = github.state.commentsOn(42)[0]!;
    expect(comment.body.length).toBeLessThanOrEqual(65_536);
    // The comment stays a first screen whatever the size: the top blockers, the rest counted.
    expect(comment.body.length).toBeLessThanOrEqual(20_000);
    expect(comment.body).toContain('…and 2495 more (P1 2495): every one in the check run and the job summary.');
    const output = github.state.checkRuns[0]!.output;
    expect(output.summary!.length).toBeLessThanOrEqual(65_535);
    // The check run's text is the full report, degraded step by step to fit.
    expect(output.text!.length).toBeLessThanOrEqual(65_535);
    expect(output.text).toContain("Shortened to fit GitHub's size limit");
    expect(output.text).toMatch(/…and \d+ more P1 blockers/);
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024);
    // Nothing is lost: the report JSON keeps every blocker.
    const report = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(run.outputs['report-path']!, 'utf8')));
    expect(report.blockers).toHaveLength(2500);
  }, 60_000);
});

describe('the workflow_run pattern for pull requests from forks', () => {
  it('downloads the triggering run’s artifacts, finds the fork PR by head SHA, and comments there', async () => {
    const reports = zip({ 'results/junit.xml': failingJunit(3) });
    const triggering = github.state.addWorkflowRun({ head_sha: HEAD_SHA, head_branch: 'discounts', event: 'pull_request', pull_requests: [], artifacts: [{ name: 'test-results', data: reports }] });
    const event = path.join(await mkdtemp(path.join(tmpdir(), 'verdict-event-')), 'event.json');
    await writeFile(
      event,
      JSON.stringify({
        action: 'completed',
        workflow_run: { id: triggering.id, head_sha: HEAD_SHA, head_branch: 'discounts', event: 'pull_request', head_repository: { full_name: 'octocat/shop' }, pull_requests: [] },
        repository: { full_name: 'acme/shop', default_branch: 'main' },
      }),
    );
    const ws = await mkdtemp(path.join(tmpdir(), 'verdict-wr-'));
    const run = await runAction(ws, { 'github-token': TEST_TOKEN }, { GITHUB_API_URL: github.url, GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: event });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Downloaded 1 artifact(s) of run ${triggering.id}: test-results`);
    expect(run.outputs.p1).toBe('1');
    const [comment] = github.state.commentsOn(42);
    expect(comment!.body).toContain('3 tests fail with: expected true, got false');
    // Where a blocker was read from is in the check run, with its rule and id.
    expect(github.state.checkRuns[0]!.output.text).toContain('test-results/results/junit.xml');
    expect(github.state.checkRuns[0]).toMatchObject({ head_sha: HEAD_SHA, conclusion: 'failure' });
  }, 30_000);
});

describe('matrix aggregation', () => {
  it('downloads every leg’s artifact from the current run and reports once, with the legs named', async () => {
    const linux = zip({ 'junit.xml': failingJunit(1, () => 'path separator') });
    const windows = zip({ 'junit.xml': failingJunit(1, () => 'path separator') });
    const current = github.state.addWorkflowRun({ head_sha: HEAD_SHA, artifacts: [{ name: 'junit-ubuntu-node20', data: linux }, { name: 'junit-windows-node20', data: windows }, { name: 'screenshots', data: zip({ 'a.png': 'x' }) }] });
    const ws = await mkdtemp(path.join(tmpdir(), 'verdict-matrix-'));
    const run = await runAction(ws, { 'github-token': TEST_TOKEN, artifacts: 'junit-*', 'required-artifacts': 'junit-ubuntu-*\njunit-windows-*\njunit-macos-*' }, { GITHUB_API_URL: github.url, GITHUB_RUN_ID: String(current.id) });
    expect(run.stdout).toContain('Downloaded 2 artifact(s)');
    const report = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(run.outputs['report-path']!, 'utf8')));
    expect(report.tests).toMatchObject({ total: 2, failed: 2 });
    const failure = report.blockers.find((b: { category: string }) => b.category === 'test-failure');
    expect(failure.legs).toEqual(['junit-ubuntu-node20', 'junit-windows-node20']);
    expect(report.blockers.find((b: { category: string }) => b.category === 'missing-artifact').message).toBe("no report file or artifact matches the required pattern 'junit-macos-*'");
    expect(report.gates.find((g: { name: string }) => g.name === 'required-artifacts')).toMatchObject({ target: 3, actual: 2, passed: false });
  }, 30_000);
});

describe('events without a pull request', () => {
  it.each([
    ['push', { ref: 'refs/heads/main', after: HEAD_SHA }, HEAD_SHA],
    ['merge_group', { merge_group: { head_sha: 'ee11ee11', base_ref: 'refs/heads/main' } }, 'ee11ee11'],
    ['workflow_dispatch', { ref: 'refs/heads/main' }, HEAD_SHA],
  ])('%s: a check run on the commit, the summary, no comment', async (eventName, payload, sha) => {
    const event = path.join(await mkdtemp(path.join(tmpdir(), 'verdict-ev-')), 'event.json');
    await writeFile(event, JSON.stringify({ ...payload, repository: { full_name: 'acme/shop', default_branch: 'main' } }));
    const run = await action(await workspaceWith(failingJunit(1)), {}, { GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: event, GITHUB_SHA: HEAD_SHA });
    expect(run.code).toBe(1);
    expect(run.summary).toContain('## ❌ NO-GO');
    expect(github.state.checkRuns.map((c) => [c.name, c.head_sha, c.conclusion])).toEqual([['Verdict', sha, 'failure']]);
    expect(github.state.commentsOn(42)).toHaveLength(0);
  }, 30_000);
});
