import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildReport } from '../../src/pipeline.js';
import { renderAnnotations } from '../../src/render/annotations.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { HEAD_SHA, runBundledAction } from '../helpers/action.js';
import type { Fault, FakeGitHub } from '../helpers/fake-github/index.js';
import { serverError, startFakeGitHub } from '../helpers/fake-github/index.js';
import { context, parsed, test } from '../helpers/model.js';

/*
 * The token must not show up anywhere Verdict writes — log, job summary, outputs, report file,
 * comment, check run — whatever the API answers. Verdict registers it with the runner
 * (::add-mask::) and never prints it itself. Values the runner masks (its secrets, and what
 * steps masked) are replaced in the log and the summary only where they appear verbatim, so
 * escaping must not rewrite them. The runs are of the bundle, a process of its own: its log is
 * everything it prints, stderr and the libraries' output included.
 */

const TOKEN = 'ghs_S3cretTokenForHostileTests0123456789';

type BundledRun = Awaited<ReturnType<typeof runBundledAction>>;

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA, ref: 'feature', repo: 'octocat/shop' }, base: { ref: 'main' } });
});
afterEach(async () => {
  await github.close();
});

async function failingRun(faults: Fault[] = [], message = 'expected 1, got 2', env: Record<string, string> = {}): Promise<{ run: BundledRun; report: string }> {
  github.injectFaults(faults);
  const ws = await mkdtemp(path.join(tmpdir(), 'verdict-secrets-'));
  await writeFile(path.join(ws, 'junit.xml'), `<testsuites><testsuite name="s"><testcase classname="c" name="t" file="t.ts" line="1"><failure message="${message}"/></testcase></testsuite></testsuites>`);
  const run = await runBundledAction(ws, { files: '*.xml', 'github-token': TOKEN }, { GITHUB_API_URL: github.url, ...env });
  return { run, report: await readFile(run.outputs['report-path']!, 'utf8') };
}

/** Everything the action left behind that a person or a later step could read. */
function everything({ run, report }: { run: BundledRun; report: string }): Record<string, string> {
  return {
    // The one line where the token must be: the runner reads it and masks the value from then on.
    stdout: run.stdout
      .split('\n')
      .filter((l) => l !== `::add-mask::${TOKEN}`)
      .join('\n'),
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    report,
    comments: JSON.stringify(github.state.commentsOn(42)),
    checks: JSON.stringify(github.state.checkRuns),
  };
}

function expectNoToken(where: Record<string, string>): void {
  for (const [name, text] of Object.entries(where)) expect([name, text.includes(TOKEN)]).toEqual([name, false]);
}

describe('the token', () => {
  it('is registered with the runner before anything else is printed, and never printed otherwise', async () => {
    const result = await failingRun();
    const lines = result.run.stdout.split('\n');
    expect(lines[0]).toBe(`::add-mask::${TOKEN}`);
    expect(lines.filter((l) => l.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);
    expect(github.state.commentsOn(42)).toHaveLength(1);
    expectNoToken(everything(result));
  }, 30_000);

  it('stays out of everything when GitHub refuses it (401 on every call)', async () => {
    const result = await failingRun([{ status: 401, times: Infinity, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } }]);
    expect(result.run.stdout).toContain('the token was refused (401). Check the github-token input.');
    expectNoToken(everything(result));
  }, 30_000);

  it('stays out of everything when nothing is found (404 on every call) or a write is rejected (422)', async () => {
    const missing = await failingRun([], undefined, { GITHUB_REPOSITORY: 'acme/missing' });
    expect(missing.run.stdout).toMatch(/::warning::Creating the check run failed: not found \(404\)/);
    expectNoToken(everything(missing));
    const rejected = await failingRun([{ operationId: 'issues/create-comment', status: 422, body: { message: 'Validation Failed' } }, serverError({ operationId: 'checks/create', times: 1 })]);
    expect(rejected.run.stdout).toContain('::warning::Commenting on pull request #42 failed: GitHub rejected the request (422: Validation Failed).');
    expectNoToken(everything(rejected));
  }, 30_000);

  // API error messages go into the report (the baseline's reason) as they come: the Action takes
  // the token out of the report before it writes or posts it.
  it('stays out of the report and the comment when an error message quotes it back', async () => {
    // A proxy in front of GitHub Enterprise that echoes the request's credentials in its error.
    const echo = { message: `upstream rejected Authorization: token ${TOKEN}` };
    const result = await failingRun([{ operationId: 'actions/list-artifacts-for-repo', status: 400, times: Infinity, body: echo }]);
    // The log may carry it: the runner masks what ::add-mask:: registered. Nothing else may.
    const { stdout: _log, ...written } = everything(result);
    expectNoToken(written);
  }, 30_000);
});

describe('values the runner masks', () => {
  // A GitHub token a test printed, registered with ::add-mask:: by the step that used it.
  const MASKED = 'ghp_Masked_V4lue_0123456789abcdefABCDEF';
  const mask = (text: string) => text.split(MASKED).join('***');

  it('appear verbatim in the rendered markdown, so the runner’s masking still matches them', () => {
    const report = buildReport(
      [parsed('r.xml', 'junit-xml', { tests: [test('TestLogin', 'failed', { failure: { message: `login with ${MASKED} refused`, details: `token=${MASKED}` }, file: 'login_test.go', line: 3 })] })],
      context(),
    );
    const md = renderMarkdown(report);
    expect(md).toContain(MASKED);
    expect(mask(md)).not.toMatch(/Masked|V4lue/);
  });

  it('stay masked in the log and the job summary of a real run', async () => {
    const result = await failingRun([], `login with ${MASKED} refused`);
    expect(mask(result.run.summary)).not.toMatch(/Masked|V4lue/);
    expect(mask(result.run.stdout)).not.toMatch(/Masked|V4lue/);
  }, 30_000);
});

describe('credentials a test printed', () => {
  // Made up, in each provider's shape: what a failing test or a debug print puts in a message.
  const KEY_BODY = 'MIIEowIBAAKCAQEA7bq9fKqLfY8cZ2lH8kE5n3rXq2a1GZpY0mJqL3Ue4hXo5S0p\nq1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C2v3B4n5M6q7W8e9R0t1Y2';
  const SHAPES: [string, string][] = [
    ['AWS access key', 'AKIAIOSFODNN7EXAMPLQ'],
    ['AWS secret key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['GitHub token', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
    ['GitHub token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTU'],
    ['private key', `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----`],
    ['private key', `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}`],
    ['Slack token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
    ['Google API key', 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'],
    ['Stripe key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc4eC39HqL'],
    ['npm token', 'npm_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['JSON web token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['bearer token', 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789'],
    ['password in a URL', 'postgres://app:hunter2hunter2@db.internal:5432/shop'],
  ];

  it.each(SHAPES)('a %s is cut from the report, the comment, the annotations and the text output', (kind, secret) => {
    const secretPart = kind === 'password in a URL' ? 'hunter2hunter2' : secret.split('\n')[1] ?? secret.slice(-20);
    const report = buildReport(
      [
        parsed('r.xml', 'junit-xml', {
          tests: [test('connects', 'failed', { file: 'db.test.ts', line: 3, failure: { message: `login failed with ${secret}`, details: `Error: login failed with ${secret}\n    at db.test.ts:3:5` } }), test('skips', 'skipped', { skipReason: `no ${secret}` })],
          findings: [],
        }),
      ],
      context(),
    );
    const everything = [JSON.stringify(report), renderMarkdown(report), renderText(report), JSON.stringify(renderAnnotations(report, 50).annotations)].join('\n');
    expect(everything).not.toContain(secretPart);
    expect(everything).toContain(`[redacted ${kind === 'password in a URL' ? 'password' : kind}]`);
  });

  it('leaves ordinary text alone', () => {
    const report = buildReport([parsed('r.xml', 'junit-xml', { tests: [test('t', 'failed', { failure: { message: 'unexpected token Identifier at 3:4; secret santa list is empty; see https://example.com/a@b' } })] })], context());
    expect(report.blockers[0]!.message).toBe('unexpected token Identifier at 3:4; secret santa list is empty; see https://example.com/a@b');
  });
});
