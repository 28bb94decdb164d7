import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { HEAD_SHA, makeWorkspace, runAction, TEST_TOKEN } from '../helpers/action.js';
import type { FakeGitHub } from '../helpers/fake-github/index.js';
import { startFakeGitHub } from '../helpers/fake-github/index.js';

/*
 * Issue 20, item 3: a compiler message of 200 MB on one line was kept three times (1.7 GB at
 * 100 MB) and at 200 MB ended in `RangeError: Invalid string length` — no summary, no outputs,
 * no comment, no check run. Read at 64 KiB a line, it is one blocker like any other, published
 * everywhere.
 */

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.addPullRequest({ number: 42, head: { sha: HEAD_SHA, ref: 'huge' }, base: { ref: 'main' } });
});
afterEach(async () => {
  await github.close();
});

async function hugeLog(dir: string, mb: number): Promise<void> {
  const out = createWriteStream(path.join(dir, 'build.log'));
  out.write('src/a.c:1:1: error: ');
  const block = 'expected expression before token '.repeat(2048);
  for (let size = 0; size < mb * 1e6; size += block.length) if (!out.write(block)) await once(out, 'drain');
  out.end('\n');
  await once(out, 'finish');
}

describe('one line of 200 MB', () => {
  it('still yields the summary, the outputs, the comment and the check run', async () => {
    const ws = await makeWorkspace({});
    await hugeLog(ws, 200);
    const run = await runAction(ws, { 'github-token': TEST_TOKEN, files: 'build.log' }, { GITHUB_API_URL: github.url });
    expect(run.outputs.verdict).toBe('NO-GO');
    expect(run.outputs.p0).toBe('1');
    expect(run.summary).toContain('src does not build: expected expression before token');
    expect(github.state.checkRuns.map((c) => [c.conclusion, c.output.title?.slice(0, 6)])).toEqual([['failure', 'NO-GO ']]);
    const [comment] = github.state.commentsOn(42);
    expect(comment!.body).toContain('NO-GO');
    expect(comment!.body.length).toBeLessThan(65_536);
  }, 120_000);
});
