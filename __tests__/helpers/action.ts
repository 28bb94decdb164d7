import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Runner } from '../../src/action.js';
import { run } from '../../src/action.js';
import { github } from '../../src/github/client.js';
import { escapeCommandData } from '../../src/publish/log.js';
import { artifactClientFor } from './artifact-client.js';
import { ROOT } from './fixtures.js';

/** A commit of the tests' runs: the head of the pull request in the default event (fixtures/events/pull_request.json). */
export const HEAD_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
/** A token of GitHub's shape, for runs against the fake API: it must never reach what is posted. */
export const TEST_TOKEN = 'ghs_fakeTokenForTests0123456789abcdef';
/** A real JUnit report (jest-junit) where every test passes. */
export const ALL_PASS = path.join(ROOT, '__tests__/fixtures/reports/all-pass.junit.xml');

export interface ActionRun {
  code: number;
  /** The step's log: what the runner would show, workflow commands (::error::, ::add-mask::…) included. */
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/** Parses $GITHUB_OUTPUT as the runner writes it: `name<<DELIMITER`, value lines, `DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (m) {
      const end = lines.indexOf(m[2]!, i + 1);
      out[m[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) {
      const [k, ...v] = lines[i]!.split('=');
      out[k!] = v.join('=');
    }
  }
  return out;
}

/** A workspace with the given files copied in (map of workspace path → source path). */
export async function makeWorkspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verdict-ws-'));
  for (const [rel, source] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await cp(source, path.join(dir, rel));
  }
  return dir;
}

/** The variables the runner gives a step: INPUT_*, the event file, output and summary files, a temporary directory of its own. */
async function runnerEnv(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string>): Promise<Record<string, string>> {
  const temp = await mkdtemp(path.join(tmpdir(), 'verdict-runner-'));
  await writeFile(path.join(temp, 'output.txt'), '');
  await writeFile(path.join(temp, 'summary.md'), '');
  return {
    PATH: process.env.PATH ?? '',
    HOME: temp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(ROOT, '__tests__/fixtures/events/pull_request.json'),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: 'e5bd3914e2e596debea16f433f57875b5b90bcd6',
    GITHUB_REF: 'refs/pull/42/merge',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '1234567',
    GITHUB_OUTPUT: path.join(temp, 'output.txt'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary.md'),
    RUNNER_TEMP: temp,
    // No token unless a test gives one (with a fake GitHub behind GITHUB_API_URL): the runner
    // would pass github.token, but these runs must never reach the network.
    'INPUT_GITHUB-TOKEN': '',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv,
  };
}

/**
 * plugin-throttling spaces a client's writes a second apart (comments three) to spare GitHub's
 * secondary rate limits, and keeps its spacing for the whole process. The fake has nothing to
 * spare, and the spacing would be most of these tests' time: its write and notification limiters
 * are replaced by ones that run each request at once. Retries (retry-after, 5xx) are untouched.
 */
const AT_ONCE = { key: () => ({ schedule: <T>(_options: unknown, request: () => T) => request() }) };

/**
 * Runs the Action in this process, as the runner would run its bundle: `env` holds the runner's
 * variables and is passed to run() as it is, never put in process.env. The runner's functions
 * are recorded, the log as the runner would show it; what the libraries print meanwhile (the
 * artifact client logs its steps) goes in the log too.
 */
export async function runAction(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<ActionRun> {
  const env = await runnerEnv(workspace, inputs, extraEnv);
  let log = '';
  let code = 0;
  const outputs: Record<string, string> = {};
  const runner: Runner = {
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    setSecret: (secret) => (log += `::add-mask::${escapeCommandData(secret)}\n`),
    setOutput: (name, value) => (outputs[name] = value),
    info: (message) => (log += `${message}\n`),
    warning: (message) => (log += `::warning::${escapeCommandData(message)}\n`),
    setFailed: (message) => {
      code = 1;
      log += `::error::${escapeCommandData(message)}\n`;
    },
  };
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    log += chunk.toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    await run(env, {
      runner,
      github: (token) => github(token, { baseUrl: env.GITHUB_API_URL, warning: runner.warning, throttle: { write: AT_ONCE, notifications: AT_ONCE } }),
      artifacts: artifactClientFor(env),
      now: () => new Date(),
      cwd: workspace,
    });
  } finally {
    process.stdout.write = write;
  }
  return { code, stdout: log, outputs, summary: await readFile(env.GITHUB_STEP_SUMMARY!, 'utf8'), workspace };
}

/** Runs the bundled action (dist/index.js) as the runner does: a process of its own, with these variables. */
export async function runBundledAction(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<ActionRun & { stderr: string }> {
  const env = await runnerEnv(workspace, inputs, extraEnv);
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js')], { cwd: workspace, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(env.GITHUB_OUTPUT!, 'utf8')),
    summary: await readFile(env.GITHUB_STEP_SUMMARY!, 'utf8'),
    workspace,
  };
}
