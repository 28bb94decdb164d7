import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { throttling } from '@octokit/plugin-throttling';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { inflateRawSync } from 'node:zlib';
import type { FakeGitHub, FakeGitHubOptions } from '../helpers/fake-github/index.js';
import { meanwhile, primaryRateLimit, secondaryRateLimit, serverError, startFakeGitHub, zip } from '../helpers/fake-github/index.js';
import { contractKey, loadContracts } from '../helpers/fake-github/openapi.js';
import { ROUTES } from '../helpers/fake-github/routes.js';

const HEAD_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const TOKEN = 'ghs_testtoken000000000000000000000000';
const REPO = '/repos/acme/shop';

let fake: FakeGitHub;

/** Replaces the test's fake with one started with these options. */
async function restart(options: FakeGitHubOptions): Promise<void> {
  await fake.close();
  fake = await startFakeGitHub(options);
}

/** A request the way octokit sends it, against the current fake. */
function call(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${fake.url}${path}`, {
    method,
    headers: { authorization: `token ${TOKEN}`, accept: 'application/vnd.github+json', 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...init,
  });
}

async function callJson<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T; response: Response }> {
  const response = await call(method, path, body);
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : undefined) as T, response };
}

function annotations(count: number, from = 0) {
  return Array.from({ length: count }, (_, i) => ({ path: 'src/cart.ts', start_line: from + i + 1, end_line: from + i + 1, annotation_level: 'failure' as const, message: `failure ${from + i + 1}` }));
}

/** Reads back what zip() wrote, through the central directory, as an unzip tool would. */
function unzip(archive: Buffer): Record<string, string> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const files: Record<string, string> = {};
  let entry = archive.readUInt32LE(end + 16);
  for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
    const nameLength = archive.readUInt16LE(entry + 28);
    const name = archive.subarray(entry + 46, entry + 46 + nameLength).toString();
    const local = archive.readUInt32LE(entry + 42);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    files[name] = inflateRawSync(archive.subarray(start, start + archive.readUInt32LE(entry + 20))).toString();
    entry += 46 + nameLength + archive.readUInt16LE(entry + 30) + archive.readUInt16LE(entry + 32);
  }
  return files;
}

// The first start in a process reads GitHub's 70 MB OpenAPI description; later ones reuse it.
beforeAll(() => loadContracts(ROUTES), 60_000);

beforeEach(async () => {
  fake = await startFakeGitHub();
});

afterEach(() => fake.close());

describe('issue comments', () => {
  beforeEach(() => {
    fake.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA, ref: 'discounts' } });
  });

  it('pages 250 comments with Link headers written the way GitHub writes them', async () => {
    for (let i = 1; i <= 250; i++) fake.state.addComment({ issue_number: 42, body: `comment ${i}`, user: { login: 'octocat', id: 583231, type: 'User' } });
    const base = `${fake.url}/repositories/1296268/issues/42/comments`;

    const first = await callJson<{ body: string }[]>('GET', `${REPO}/issues/42/comments?per_page=100`);
    expect(first.data).toHaveLength(100);
    expect(first.response.headers.get('link')).toBe(`<${base}?per_page=100&page=2>; rel="next", <${base}?per_page=100&page=3>; rel="last"`);

    const second = await callJson<{ body: string }[]>('GET', `${base}?per_page=100&page=2`);
    expect(second.data[0]?.body).toBe('comment 101');
    expect(second.response.headers.get('link')).toBe(
      `<${base}?per_page=100&page=1>; rel="prev", <${base}?per_page=100&page=3>; rel="next", <${base}?per_page=100&page=3>; rel="last", <${base}?per_page=100&page=1>; rel="first"`,
    );

    const third = await callJson<{ body: string }[]>('GET', `${base}?per_page=100&page=3`);
    expect(third.data.map((c) => c.body)).toEqual(Array.from({ length: 50 }, (_, i) => `comment ${201 + i}`));
    expect(third.response.headers.get('link')).toBe(`<${base}?per_page=100&page=2>; rel="prev", <${base}?per_page=100&page=1>; rel="first"`);

    const byDefault = await callJson<unknown[]>('GET', `${REPO}/issues/42/comments`);
    expect(byDefault.data).toHaveLength(30);
    expect(byDefault.response.headers.get('link')).toContain(`<${base}?page=9>; rel="last"`);
    const capped = await callJson<unknown[]>('GET', `${REPO}/issues/42/comments?per_page=500`);
    expect(capped.data).toHaveLength(100);
  });

  it('sends no Link header when everything fits on one page', async () => {
    fake.state.addComment({ issue_number: 42, body: 'only' });
    const { data, response } = await callJson<unknown[]>('GET', `${REPO}/issues/42/comments`);
    expect(data).toHaveLength(1);
    expect(response.headers.get('link')).toBeNull();
  });

  it('is followed to the end by octokit.paginate', async () => {
    for (let i = 1; i <= 250; i++) fake.state.addComment({ issue_number: 42, body: `comment ${i}` });
    const octokit = getOctokit(TOKEN, { baseUrl: fake.url });
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: 'acme', repo: 'shop', issue_number: 42, per_page: 100 });
    expect(all.map((comment) => comment.body)).toEqual(Array.from({ length: 250 }, (_, i) => `comment ${i + 1}`));
    expect(fake.requests.map((request) => request.path)).toEqual([`${REPO}/issues/42/comments`, '/repositories/1296268/issues/42/comments', '/repositories/1296268/issues/42/comments']);
  });

  it('creates, updates and deletes comments in the state', async () => {
    let now = new Date('2024-05-01T10:00:00.123Z');
    await restart({ now: () => now });
    fake.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA } });

    const created = await callJson<{ id: number; body: string; user: { login: string; type: string }; html_url: string; created_at: string }>('POST', `${REPO}/issues/42/comments`, { body: 'first verdict' });
    expect(created.status).toBe(201);
    expect(created.response.headers.get('location')).toBe(`${fake.url}${REPO}/issues/comments/${created.data.id}`);
    expect(created.data).toMatchObject({ body: 'first verdict', user: { login: 'github-actions[bot]', type: 'Bot' }, created_at: '2024-05-01T10:00:00Z' });
    expect(created.data.html_url).toBe(`https://github.com/acme/shop/pull/42#issuecomment-${created.data.id}`);
    expect(fake.state.commentsOn(42)).toEqual([expect.objectContaining({ id: created.data.id, body: 'first verdict' })]);

    now = new Date('2024-05-01T10:05:00Z');
    const updated = await callJson('PATCH', `${REPO}/issues/comments/${created.data.id}`, { body: 'second verdict' });
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({ id: created.data.id, body: 'second verdict', created_at: '2024-05-01T10:00:00Z', updated_at: '2024-05-01T10:05:00Z' });
    expect(fake.state.comment(created.data.id)?.body).toBe('second verdict');

    const since = await callJson<unknown[]>('GET', `${REPO}/issues/42/comments?since=2024-05-01T10:01:00Z`);
    expect(since.data).toHaveLength(1);

    expect((await call('DELETE', `${REPO}/issues/comments/${created.data.id}`)).status).toBe(204);
    expect(fake.state.commentsOn(42)).toEqual([]);
    expect((await callJson('PATCH', `${REPO}/issues/comments/${created.data.id}`, { body: 'gone' })).status).toBe(404);
    expect((await callJson('POST', `${REPO}/issues/7/comments`, { body: 'no such pull request' })).status).toBe(404);
  });

  it('shows who wrote a comment: the bot and app of an installation token, or a person', async () => {
    fake.state.addPullRequest({ number: 7, head: { sha: HEAD_SHA } });
    await callJson('POST', `${REPO}/issues/7/comments`, { body: 'from GITHUB_TOKEN' });
    fake.state.actor = { login: 'verdict-app[bot]', id: 200, type: 'Bot' };
    await callJson('POST', `${REPO}/issues/7/comments`, { body: 'from an app' });
    fake.state.actor = { login: 'octocat', id: 583231, type: 'User' };
    await callJson('POST', `${REPO}/issues/7/comments`, { body: 'from a person' });
    const { data } = await callJson<{ user: { login: string; type: string }; performed_via_github_app: { slug: string } | null }[]>('GET', `${REPO}/issues/7/comments`);
    expect(data.map((c) => [c.user.login, c.user.type, c.performed_via_github_app?.slug ?? null])).toEqual([
      ['github-actions[bot]', 'Bot', 'github-actions'],
      ['verdict-app[bot]', 'Bot', 'verdict-app'],
      ['octocat', 'User', null],
    ]);
  });

  it('answers GET /user for a person’s token, 403 for an installation token; only an app creates check runs', async () => {
    expect((await callJson('GET', '/user')).status).toBe(403);
    expect((await callJson('POST', `${REPO}/check-runs`, { name: 'a', head_sha: HEAD_SHA })).data).toMatchObject({ app: { slug: 'github-actions' } });
    fake.state.actor = { login: 'verdict-app[bot]', id: 200, type: 'Bot' };
    expect((await callJson('POST', `${REPO}/check-runs`, { name: 'a', head_sha: HEAD_SHA })).data).toMatchObject({ app: { slug: 'verdict-app' } });
    fake.state.actor = { login: 'octocat', id: 583231, type: 'User' };
    expect((await callJson('GET', '/user')).data).toMatchObject({ login: 'octocat', type: 'User' });
    expect((await callJson('POST', `${REPO}/check-runs`, { name: 'a', head_sha: HEAD_SHA })).status).toBe(403);
  });

  it('refuses a body longer than 65536 characters with the error GitHub gives', async () => {
    const { status, data } = await callJson('POST', `${REPO}/issues/42/comments`, { body: 'x'.repeat(65537) });
    expect(status).toBe(422);
    expect(data).toEqual({
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }],
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '422',
    });
    expect((await callJson('POST', `${REPO}/issues/42/comments`, { body: 'x'.repeat(65536) })).status).toBe(201);
  });

  it('validates the body against the OpenAPI schema', async () => {
    const missing = await callJson<{ errors: unknown[] }>('POST', `${REPO}/issues/42/comments`, { text: 'wrong field' });
    expect(missing.status).toBe(422);
    expect(missing.data.errors).toEqual([{ resource: 'IssueComment', code: 'missing_field', field: 'body', message: 'body is missing' }]);
    const notJson = await call('POST', `${REPO}/issues/42/comments`, undefined, { body: '{"body": ' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ message: 'Problems parsing JSON' });
    expect(fake.state.comments).toEqual([]);
  });
});

describe('check runs', () => {
  const create = (body: Record<string, unknown>) => callJson<{ id: number; errors?: { field: string; message: string }[] }>('POST', `${REPO}/check-runs`, { name: 'Verdict', head_sha: HEAD_SHA, ...body });

  it('rejects what the OpenAPI schema rejects, and creates nothing', async () => {
    const maybe = await create({ conclusion: 'maybe' });
    expect(maybe.status).toBe(422);
    expect(maybe.data).toMatchObject({ message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest/reference/checks#create-a-check-run' });
    expect(maybe.data.errors).toEqual([
      {
        resource: 'CheckRun',
        code: 'invalid',
        field: 'conclusion',
        message: 'conclusion must be equal to one of the allowed values: action_required, cancelled, failure, neutral, success, skipped, stale, timed_out',
      },
    ]);

    const fatal = await create({ output: { title: 't', summary: 's', annotations: [{ ...annotations(1)[0], annotation_level: 'fatal' }] } });
    expect(fatal.status).toBe(422);
    expect(fatal.data.errors?.map((e) => e.field)).toEqual(['output.annotations[0].annotation_level']);

    const stringLine = await create({ output: { title: 't', summary: 's', annotations: [{ ...annotations(1)[0], start_line: '1' }] } });
    expect(stringLine.data.errors?.[0]?.message).toBe('output.annotations[0].start_line must be integer');

    expect((await callJson('POST', `${REPO}/check-runs`, { name: 'Verdict' })).status).toBe(422);
    expect((await create({ status: 'completed' })).status).toBe(422);
    expect((await create({ conclusion: 'stale' })).status).toBe(422);
    expect(fake.state.checkRuns).toEqual([]);
  });

  it('refuses 51 annotations and a summary over 65535 characters', async () => {
    const tooMany = await create({ output: { title: 't', summary: 's', annotations: annotations(51) } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.data.errors).toEqual([expect.objectContaining({ field: 'output.annotations', message: 'output.annotations must NOT have more than 50 items' })]);
    expect((await create({ output: { title: 't', summary: 's'.repeat(65536) } })).status).toBe(422);
    expect((await create({ output: { title: 't', summary: 's', text: 't'.repeat(65536) } })).status).toBe(422);

    const run = await create({ status: 'in_progress', output: { title: 't', summary: 's'.repeat(65535), annotations: annotations(50) } });
    expect(run.status).toBe(201);
    const update = await callJson('PATCH', `${REPO}/check-runs/${run.data.id}`, { output: { summary: 's', annotations: annotations(51) } });
    expect(update.status).toBe(422);
    expect(fake.state.annotationsOf(run.data.id)).toHaveLength(50);
  });

  it('accumulates annotations across updates, in the order received', async () => {
    const run = await create({ status: 'in_progress', output: { title: 'Verdict', summary: 'running', annotations: annotations(50) } });
    for (const from of [50, 100, 150]) {
      const batch = annotations(Math.min(50, 180 - from), from);
      expect((await callJson('PATCH', `${REPO}/check-runs/${run.data.id}`, { output: { summary: 'running', annotations: batch } })).status).toBe(200);
    }
    const done = await callJson<{ status: string; conclusion: string; completed_at: string; output: Record<string, unknown> }>('PATCH', `${REPO}/check-runs/${run.data.id}`, {
      conclusion: 'failure',
      output: { summary: 'NO-GO', text: 'details' },
    });
    expect(done.data).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      html_url: `https://github.com/acme/shop/runs/${run.data.id}`,
      output: { title: 'Verdict', summary: 'NO-GO', text: 'details', annotations_count: 180 },
    });
    expect(done.data.completed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const sent = fake.requests.filter((request) => request.operationId === 'checks/create' || request.operationId === 'checks/update');
    const batches = sent.map((request) => ((request.body as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length).filter((n) => n > 0);
    expect(batches).toEqual([50, 50, 50, 30]);
    expect(fake.state.annotationsOf(run.data.id).map((a) => a.start_line)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

    const listed = await callJson<{ start_line: number; blob_href: string; start_column: null }[]>('GET', `${REPO}/check-runs/${run.data.id}/annotations?per_page=100&page=2`);
    expect(listed.data.map((a) => a.start_line)).toEqual(Array.from({ length: 80 }, (_, i) => 101 + i));
    expect(listed.data[0]).toMatchObject({ start_column: null, blob_href: `https://github.com/acme/shop/blob/${HEAD_SHA}/src/cart.ts` });
  });
});

describe('permissions and credentials', () => {
  it('gives a read-only token 403 on every write and still lets it read', async () => {
    await restart({ permissions: 'read-only' });
    fake.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA } });
    const comment = fake.state.addComment({ issue_number: 42, body: 'old' });
    const forbidden = { message: 'Resource not accessible by integration', status: '403' };
    expect(await callJson('POST', `${REPO}/issues/42/comments`, { body: 'x' })).toMatchObject({ status: 403, data: forbidden });
    expect(await callJson('PATCH', `${REPO}/issues/comments/${comment.id}`, { body: 'x' })).toMatchObject({ status: 403, data: forbidden });
    expect((await call('DELETE', `${REPO}/issues/comments/${comment.id}`)).status).toBe(403);
    expect(await callJson('POST', `${REPO}/check-runs`, { name: 'Verdict', head_sha: HEAD_SHA })).toMatchObject({ status: 403, data: forbidden });
    expect((await callJson('GET', `${REPO}/issues/42/comments`)).status).toBe(200);
    expect(fake.state.comment(comment.id)?.body).toBe('old');
  });

  it('checks each scope on its own, and can change mid-test', async () => {
    fake.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA } });
    fake.state.permissions = { ...fake.state.permissions, checks: 'none', issues: 'none' };
    expect((await callJson('POST', `${REPO}/check-runs`, { name: 'Verdict', head_sha: HEAD_SHA })).status).toBe(403);
    // pull-requests: write is enough to comment on a pull request.
    expect((await callJson('POST', `${REPO}/issues/42/comments`, { body: 'x' })).status).toBe(201);
  });

  it('requires a token, and records it whichever scheme carries it', async () => {
    expect((await call('GET', `${REPO}/pulls`)).status).toBe(200);
    const anonymous = await fetch(`${fake.url}${REPO}/pulls`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: 'Requires authentication' });
    await fetch(`${fake.url}${REPO}/pulls`, { headers: { authorization: 'Bearer ghs_bearer' } });
    expect(fake.requests.map((request) => request.token)).toEqual([TOKEN, undefined, 'ghs_bearer']);
  });

  it('answers 404 in GitHub shape for unknown paths and other repositories', async () => {
    for (const path of ['/repos/acme/shop/nonsense', '/repos/other/repo/pulls', '/repositories/1/pulls', `${REPO}/pulls/abc`]) {
      const { status, data } = await callJson('GET', path);
      expect({ path, status }).toEqual({ path, status: 404 });
      expect(data).toMatchObject({ message: 'Not Found', documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\/rest/) });
    }
    expect((await callJson('PUT', `${REPO}/check-runs`)).status).toBe(404);
  });

  it('sends realistic rate-limit headers and enforces the budget', async () => {
    await restart({ rateLimit: 2 });
    const first = await call('GET', `${REPO}/pulls`);
    expect(Object.fromEntries([...first.headers].filter(([name]) => name.startsWith('x-ratelimit-')))).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '1',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': expect.stringMatching(/^\d{10}$/),
      'x-ratelimit-resource': 'core',
    });
    await call('GET', `${REPO}/pulls`);
    const third = await callJson('GET', `${REPO}/pulls`);
    expect(third.status).toBe(403);
    expect(third.response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(third.data).toMatchObject({ message: expect.stringMatching(/^API rate limit exceeded/) });
  });
});

describe('fault injection', () => {
  beforeEach(() => {
    fake.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA } });
  });

  it('answers with a fault `times` times, then serves the route again', async () => {
    fake.injectFaults([serverError({ method: 'POST', path: `${REPO}/issues/42/comments`, times: 2 })]);
    expect((await callJson('GET', `${REPO}/issues/42/comments`)).status).toBe(200);
    expect(await callJson('POST', `${REPO}/issues/42/comments`, { body: 'a' })).toMatchObject({ status: 502, data: { message: 'Server Error' } });
    expect((await callJson('POST', `${REPO}/issues/42/comments`, { body: 'b' })).status).toBe(502);
    expect(fake.pendingFaults()).toBe(0);
    expect((await callJson('POST', `${REPO}/issues/42/comments`, { body: 'c' })).status).toBe(201);
    expect(fake.state.commentsOn(42).map((comment) => comment.body)).toEqual(['c']);
    expect(fake.requests.map((request) => request.status)).toEqual([200, 502, 502, 201]);
  });

  it('matches by operation id or RegExp, with any status, headers and body', async () => {
    fake.injectFaults([
      { operationId: 'pulls/get', status: 500, body: { message: 'boom' }, headers: { 'x-custom': 'yes' } },
      { path: /\/pulls$/, status: 503, times: Infinity },
    ]);
    const viaLink = await callJson('GET', '/repositories/1296268/pulls/42');
    expect(viaLink).toMatchObject({ status: 500, data: { message: 'boom' } });
    expect(viaLink.response.headers.get('x-custom')).toBe('yes');
    expect((await callJson('GET', `${REPO}/pulls/42`)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await callJson('GET', `${REPO}/pulls`)).status).toBe(503);
  });

  it('lets another client act just before a request: a comment deleted between list and update is a 404', async () => {
    fake.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA } });
    const comment = fake.state.addComment({ issue_number: 42, body: 'sticky' });
    fake.injectFaults([meanwhile({ operationId: 'issues/update-comment' }, (state) => state.deleteComment(comment.id))]);
    expect((await callJson('PATCH', `${REPO}/issues/comments/${comment.id}`, { body: 'new' })).status).toBe(404);
    expect(fake.state.commentsOn(42)).toEqual([]);
    expect(fake.pendingFaults()).toBe(0);
  });

  it('imitates a secondary rate limit, which octokit waits out and retries', async () => {
    fake.injectFaults([secondaryRateLimit({ operationId: 'issues/create-comment' })]);
    const raw = await callJson('POST', `${REPO}/issues/42/comments`, { body: 'x' });
    expect(raw.status).toBe(403);
    expect(raw.response.headers.get('retry-after')).toBe('1');
    expect(raw.data).toMatchObject({ message: expect.stringMatching(/^You have exceeded a secondary rate limit/) });

    fake.injectFaults([secondaryRateLimit({ operationId: 'issues/create-comment' })]);
    const waits: number[] = [];
    const octokit = getOctokit(
      TOKEN,
      {
        baseUrl: fake.url,
        throttle: {
          onRateLimit: () => false,
          onSecondaryRateLimit: (retryAfter: number) => {
            waits.push(retryAfter);
            return true;
          },
        },
      },
      throttling,
    );
    const { status } = await octokit.rest.issues.createComment({ owner: 'acme', repo: 'shop', issue_number: 42, body: 'after the wait' });
    expect(status).toBe(201);
    expect(waits).toEqual([1]);
    expect(fake.state.commentsOn(42).map((comment) => comment.body)).toEqual(['after the wait']);
  }, 15_000);

  it('imitates the primary rate limit with 403 or 429', async () => {
    fake.injectFaults([primaryRateLimit({ resetIn: 30 }), primaryRateLimit({ status: 429 })]);
    const first = await call('GET', `${REPO}/pulls`);
    expect(first.status).toBe(403);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 29);
    expect((await call('GET', `${REPO}/pulls`)).status).toBe(429);
    expect((await call('GET', `${REPO}/pulls`)).status).toBe(200);
  });
});

describe('pull requests', () => {
  beforeEach(() => {
    fake.state.addPullRequest({ number: 1, head: { sha: 'a'.repeat(40), ref: 'old' }, state: 'closed', merged: true, created_at: '2024-01-01T00:00:00Z', merge_commit_sha: 'b'.repeat(40) });
    fake.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA, ref: 'discounts', repo: 'octocat/shop' }, created_at: '2024-02-01T00:00:00Z' });
    fake.state.addPullRequest({ number: 43, head: { sha: 'c'.repeat(40), ref: 'release' }, base: { ref: 'stable' }, created_at: '2024-03-01T00:00:00Z' });
  });

  const numbers = async (path: string) => (await callJson<{ number: number }[]>('GET', path)).data.map((pull) => pull.number);

  it('lists by state, head and base, newest first', async () => {
    expect(await numbers(`${REPO}/pulls`)).toEqual([43, 42]);
    expect(await numbers(`${REPO}/pulls?state=all&direction=asc`)).toEqual([1, 42, 43]);
    expect(await numbers(`${REPO}/pulls?state=closed`)).toEqual([1]);
    expect(await numbers(`${REPO}/pulls?head=octocat:discounts`)).toEqual([42]);
    expect(await numbers(`${REPO}/pulls?head=acme:discounts`)).toEqual([]);
    expect(await numbers(`${REPO}/pulls?head=acme`)).toEqual([43]);
    expect(await numbers(`${REPO}/pulls?base=stable`)).toEqual([43]);
    expect((await callJson('GET', `${REPO}/pulls?state=bogus`)).data).toMatchObject({ message: 'Validation Failed', errors: [expect.objectContaining({ field: 'state' })] });
  });

  it('finds the pull requests of a commit, and serves one pull request with its fork head', async () => {
    expect(await numbers(`${REPO}/commits/${HEAD_SHA}/pulls`)).toEqual([42]);
    expect(await numbers(`${REPO}/commits/${'b'.repeat(40)}/pulls`)).toEqual([1]);
    const { data } = await callJson<{ head: { sha: string; ref: string; label: string; repo: { full_name: string; fork: boolean } }; base: { ref: string } }>('GET', `${REPO}/pulls/42`);
    expect(data.head).toMatchObject({ sha: HEAD_SHA, ref: 'discounts', label: 'octocat:discounts', repo: { full_name: 'octocat/shop', fork: true } });
    expect(data.base.ref).toBe('main');
    expect((await callJson('GET', `${REPO}/pulls/99`)).status).toBe(404);
  });

  it('pages the changed files, counting additions and deletions from each patch', async () => {
    fake.state.setPullRequestFiles(
      42,
      Array.from({ length: 35 }, (_, i) => ({ filename: `src/file${i}.ts`, patch: '@@ -1,2 +1,2 @@\n-old\n+new\n+more' })),
    );
    const page = await callJson<{ filename: string; additions: number; deletions: number; patch: string }[]>('GET', `${REPO}/pulls/42/files`);
    expect(page.data).toHaveLength(30);
    expect(page.data[0]).toMatchObject({ filename: 'src/file0.ts', status: 'modified', additions: 2, deletions: 1, changes: 3 });
    expect(page.response.headers.get('link')).toBe(`<${fake.url}/repositories/1296268/pulls/42/files?page=2>; rel="next", <${fake.url}/repositories/1296268/pulls/42/files?page=2>; rel="last"`);
    expect((await callJson<{ changed_files: number; additions: number }>('GET', `${REPO}/pulls/42`)).data).toMatchObject({ changed_files: 35, additions: 70 });
  });
});

describe('workflow runs and artifacts', () => {
  const reports = zip({ 'junit.xml': '<testsuites tests="1"/>', 'coverage/lcov.info': 'TN:\nend_of_record\n' });

  beforeEach(() => {
    fake.state.addWorkflowRun({ id: 11, head_sha: HEAD_SHA, head_branch: 'discounts', event: 'pull_request', pull_requests: [42], artifacts: [{ name: 'reports', data: reports }] });
    fake.state.addWorkflowRun({ id: 12, head_sha: 'd'.repeat(40), head_branch: 'main', event: 'push', conclusion: 'failure' });
    fake.state.addWorkflowRun({ id: 13, head_sha: HEAD_SHA, head_branch: 'discounts', event: 'pull_request', status: 'in_progress' });
  });

  it('filters workflow runs the way GitHub does', async () => {
    const ids = async (query: string) => (await callJson<{ total_count: number; workflow_runs: { id: number }[] }>('GET', `${REPO}/actions/runs${query}`)).data.workflow_runs.map((run) => run.id);
    expect(await ids('')).toEqual([13, 12, 11]);
    expect(await ids('?branch=discounts')).toEqual([13, 11]);
    expect(await ids('?event=push')).toEqual([12]);
    expect(await ids(`?head_sha=${HEAD_SHA}&status=completed`)).toEqual([11]);
    expect(await ids('?status=failure')).toEqual([12]);
    expect(await ids('?status=in_progress')).toEqual([13]);
  });

  it('lists artifacts per run and by name, and downloads the zip through a signed redirect', async () => {
    const byRun = await callJson<{ total_count: number; artifacts: { id: number; name: string; size_in_bytes: number; archive_download_url: string }[] }>('GET', `${REPO}/actions/runs/11/artifacts`);
    expect(byRun.data.total_count).toBe(1);
    const [artifact] = byRun.data.artifacts;
    expect(artifact).toMatchObject({ name: 'reports', size_in_bytes: reports.length });
    expect((await callJson<{ total_count: number }>('GET', `${REPO}/actions/artifacts?name=reports`)).data.total_count).toBe(1);
    expect((await callJson<{ total_count: number }>('GET', `${REPO}/actions/artifacts?name=other`)).data.total_count).toBe(0);
    expect((await callJson('GET', `${REPO}/actions/runs/99/artifacts`)).status).toBe(404);

    const redirect = await call('GET', artifact!.archive_download_url, undefined, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${fake.url}/_blob/actions-results/${artifact!.id}/reports\\.zip\\?se=.+&sp=r&sig=.+`));

    const blob = await fetch(location);
    expect(blob.status).toBe(200);
    expect(blob.headers.get('content-type')).toBe('application/zip');
    expect(blob.headers.get('content-disposition')).toBe('attachment; filename="reports.zip"');
    const body = Buffer.from(await blob.arrayBuffer());
    expect(body.equals(reports)).toBe(true);
    expect(unzip(body)).toEqual({ 'junit.xml': '<testsuites tests="1"/>', 'coverage/lcov.info': 'TN:\nend_of_record\n' });

    const followed = await call('GET', artifact!.archive_download_url);
    expect(Buffer.from(await followed.arrayBuffer()).equals(reports)).toBe(true);
    expect((await fetch(location.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
  });

  it('serves one run with its head repository, a fork’s too, and says it in the run’s artifacts', async () => {
    const fork = fake.state.addWorkflowRun({ head_sha: 'f'.repeat(40), head_branch: 'main', event: 'pull_request', head_repository: 'mallory/shop', artifacts: [{ name: 'verdict-report', data: reports }] });
    const { data } = await callJson<{ event: string; head_branch: string; head_repository: { full_name: string; id: number }; repository: { full_name: string; id: number } }>('GET', `${REPO}/actions/runs/${fork.id}`);
    expect(data).toMatchObject({ event: 'pull_request', head_branch: 'main', head_repository: { full_name: 'mallory/shop' }, repository: { full_name: 'acme/shop' } });
    expect(data.head_repository.id).not.toBe(data.repository.id);
    const listed = await callJson<{ artifacts: { workflow_run: { head_repository_id: number; repository_id: number } }[] }>('GET', `${REPO}/actions/artifacts?name=verdict-report`);
    expect(listed.data.artifacts[0]!.workflow_run).toMatchObject({ head_repository_id: data.head_repository.id, repository_id: data.repository.id });
    expect((await callJson<{ head_repository: { full_name: string } }>('GET', `${REPO}/actions/runs/12`)).data.head_repository.full_name).toBe('acme/shop');
    expect((await callJson('GET', `${REPO}/actions/runs/99`)).status).toBe(404);
  });

  it('answers 410 for an expired artifact', async () => {
    const expired = fake.state.addArtifact(12, { name: 'old', data: reports, expired: true });
    const { status, data } = await callJson('GET', `${REPO}/actions/artifacts/${expired.id}/zip`);
    expect(status).toBe(410);
    expect(data).toMatchObject({ message: 'Artifact has expired' });
  });
});

describe("responses match GitHub's OpenAPI description", () => {
  it('for every operation served', async () => {
    const contracts = await loadContracts(ROUTES);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    fake.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA, repo: 'octocat/shop' }, body: 'text' });
    fake.state.addPullRequest({ number: 43, head: { sha: 'c'.repeat(40) }, state: 'closed', merged: true });
    fake.state.setPullRequestFiles(42, [{ filename: 'a.ts', patch: '@@ -0,0 +1 @@\n+a', status: 'added' }, { filename: 'b.ts', status: 'renamed', previous_filename: 'c.ts' }]);
    const run = fake.state.addWorkflowRun({ head_sha: HEAD_SHA, pull_requests: [42], artifacts: [{ name: 'reports', data: zip({ a: 'b' }) }] });
    const fork = fake.state.addWorkflowRun({ head_sha: HEAD_SHA, head_branch: 'main', head_repository: 'octocat/shop' });
    fake.state.addComment({ issue_number: 42, body: 'by a person', user: { login: 'octocat', id: 583231, type: 'User' } });
    const artifactId = fake.state.artifacts[0]!.id;

    const comment = await callJson<{ id: number }>('POST', `${REPO}/issues/42/comments`, { body: 'hello' });
    const check = await callJson<{ id: number }>('POST', `${REPO}/check-runs`, { name: 'Verdict', head_sha: 'c'.repeat(40), output: { title: 't', summary: 's', annotations: annotations(2) } });
    const calls: [method: string, path: string, status: number][] = [
      ['GET', `${REPO}/issues/42/comments`, 200],
      ['GET', `${REPO}/issues/comments/${comment.data.id}`, 200],
      ['PATCH', `${REPO}/issues/comments/${comment.data.id}`, 200],
      ['GET', `${REPO}/pulls?state=all`, 200],
      ['GET', `${REPO}/pulls/42`, 200],
      ['GET', `${REPO}/pulls/43`, 200],
      ['GET', `${REPO}/pulls/42/files`, 200],
      ['GET', `${REPO}/commits/${HEAD_SHA}/pulls`, 200],
      ['GET', `${REPO}/check-runs/${check.data.id}`, 200],
      ['PATCH', `${REPO}/check-runs/${check.data.id}`, 200],
      ['GET', `${REPO}/check-runs/${check.data.id}/annotations`, 200],
      ['GET', `${REPO}/actions/runs`, 200],
      ['GET', `${REPO}/actions/runs/${run.id}`, 200],
      ['GET', `${REPO}/actions/runs/${fork.id}`, 200],
      ['GET', `${REPO}/actions/runs/${run.id}/artifacts`, 200],
      ['GET', `${REPO}/actions/artifacts`, 200],
      ['GET', `${REPO}/actions/artifacts/${artifactId}/zip`, 302],
      ['DELETE', `${REPO}/issues/comments/${comment.data.id}`, 204],
      ['GET', '/user', 403],
    ];
    const bodies: Record<string, unknown> = { PATCH: { body: 'edited', conclusion: 'success', output: { summary: 'done', annotations: annotations(1) } } };
    const responses: { status: number; data: unknown }[] = [comment, check];
    for (const [method, path, status] of calls) {
      const response = await call(method, path, bodies[method], { redirect: 'manual' });
      const text = await response.text();
      expect({ path, status: response.status }).toEqual({ path, status });
      responses.push({ status: response.status, data: text ? (JSON.parse(text) as unknown) : undefined });
    }
    fake.state.actor = { login: 'octocat', id: 583231, type: 'User' };
    responses.push(await callJson('GET', '/user'));
    expect(responses.at(-1)!.status).toBe(200);

    const served = new Set<string>();
    const problems: string[] = [];
    for (const [i, { status, data }] of responses.entries()) {
      const operationId = fake.requests[i]?.operationId ?? '';
      served.add(operationId);
      const route = ROUTES.find((candidate) => contracts.get(contractKey(candidate))?.operationId === operationId);
      const schema = route && contracts.get(contractKey(route))?.responseSchema(status);
      if (!schema) {
        // GitHub describes no body for 204 and 302.
        expect(data).toBeUndefined();
        continue;
      }
      const validate = ajv.compile(schema);
      if (!validate(data)) problems.push(`${operationId} ${status}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(problems).toEqual([]);
    expect([...served].sort()).toEqual([...new Set(ROUTES.map((route) => contracts.get(contractKey(route))?.operationId))].sort());
  });
});
