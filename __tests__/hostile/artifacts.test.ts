import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HEAD_SHA, runAction } from '../helpers/action.js';
import type { FakeGitHub } from '../helpers/fake-github/index.js';
import { startFakeGitHub, zip } from '../helpers/fake-github/index.js';

/*
 * Artifacts a pull request's workflow uploaded, built to hurt: a bomb, an encrypted or cut
 * archive, more files than anyone reads, two names that make one folder. Each is a P0 "artifact
 * unreadable" (never GO with a leg missing), found at once (no retry of what will fail again),
 * and nothing of a broken archive is read.
 */

const TOKEN = 'ghs_artifactLimitsTestToken0123456789ab';
const junit = (name: string) => `<testsuites><testsuite name="${name}"><testcase classname="c" name="${name}-a"/><testcase classname="c" name="${name}-b"/></testsuite></testsuites>`;

/** Sets the "encrypted" flag of every entry, local header and central directory alike. */
function encrypted(archive: Buffer): Buffer {
  const out = Buffer.from(archive);
  for (const [signature, flagsAt] of [[0x04034b50, 6], [0x02014b50, 8]] as const) {
    for (let at = out.indexOf(Buffer.from(new Uint32Array([signature]).buffer)); at >= 0; at = out.indexOf(Buffer.from(new Uint32Array([signature]).buffer), at + 4)) {
      out.writeUInt16LE(out.readUInt16LE(at + flagsAt) | 1, at + flagsAt);
    }
  }
  return out;
}

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
});
afterEach(async () => {
  await github.close();
});

async function judge(artifacts: { name: string; data: Buffer }[], inputs: Record<string, string> = {}) {
  const run = github.state.addWorkflowRun({ head_sha: HEAD_SHA, artifacts });
  const runner = await mkdtemp(path.join(tmpdir(), 'verdict-artifact-limits-'));
  const ws = await mkdtemp(path.join(tmpdir(), 'verdict-artifact-ws-'));
  const started = Date.now();
  const result = await runAction(ws, { 'github-token': TOKEN, artifacts: '*', comment: 'never', 'check-run': 'false', ...inputs }, { GITHUB_API_URL: github.url, GITHUB_RUN_ID: String(run.id), RUNNER_TEMP: runner });
  const report = JSON.parse(await readFile(result.outputs['report-path']!, 'utf8'));
  const unreadable = report.blockers.filter((b: { category: string }) => b.category === 'missing-artifact').map((b: { priority: string; title: string }) => `${b.priority} ${b.title}`);
  const folder = (await readdir(runner)).find((n) => n.startsWith('verdict-artifacts-'))!;
  return { report, unreadable, seconds: (Date.now() - started) / 1000, folders: (await readdir(path.join(runner, folder))).sort() };
}

describe('artifact archives are read within limits', () => {
  it('a zip bomb is unreadable, said at once, and the good artifact beside it still counts', async () => {
    const bomb = zip({ 'junit.xml': junit('bomb'), 'padding.bin': Buffer.alloc(64 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const { report, unreadable, folders } = await judge([{ name: 'bomb', data: bomb }, { name: 'good', data: zip({ 'junit.xml': junit('good') }) }]);
    expect(unreadable).toEqual([expect.stringMatching(/^P0 artifact 'bomb' is unreadable: padding\.bin unpacks to more than 200 times its packed size \(a zip bomb\?/)]);
    expect(folders).toEqual(['good']);
    expect(report.tests.total).toBe(2);
    expect(report.verdict).toBe('NO-GO');
  });

  it('an encrypted archive is unreadable, without a retry', async () => {
    const { unreadable, seconds, folders } = await judge([{ name: 'secret', data: encrypted(zip({ 'junit.xml': junit('secret') })) }]);
    expect(unreadable).toEqual(["P0 artifact 'secret' is unreadable: junit.xml is encrypted; Verdict reads no encrypted archive"]);
    expect(folders).toEqual([]);
    expect(seconds).toBeLessThan(5);
  });

  it('a cut or corrupt archive is unreadable, and nothing of it is read', async () => {
    const whole = zip({ 'a/junit.xml': junit('a'), 'b/junit.xml': junit('b') });
    const damaged = Buffer.from(whole);
    damaged[48] = (damaged[48]! + 1) % 256; // inside the first entry's deflated bytes (after 30 + 11 bytes of header)
    const { report, unreadable, seconds, folders } = await judge([
      { name: 'cut', data: whole.subarray(0, Math.floor(whole.length * 0.6)) },
      { name: 'corrupt', data: damaged },
    ]);
    expect(unreadable).toEqual([
      expect.stringMatching(/^P0 artifact 'corrupt' is unreadable: a\/junit\.xml (does not match its checksum or size|could not be unpacked .*): corrupt archive$/),
      "P0 artifact 'cut' is unreadable: not a zip archive (no end of central directory): cut or corrupt",
    ]);
    expect(folders).toEqual([]);
    expect(report.tests.total).toBe(0);
    expect(seconds).toBeLessThan(5);
  });

  it('more files, or more bytes, than the limits is unreadable before anything is written', async () => {
    const many = zip(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`r${i}/junit.xml`, junit(`r${i}`)])));
    const big = zip({ 'junit.xml': `${junit('big')}\n${'<!-- padding -->'.repeat(1000)}` });
    const { unreadable, folders } = await judge([{ name: 'many', data: many }, { name: 'big', data: big }], { 'max-artifact-files': '3', 'max-artifact-size': '4KB' });
    expect(unreadable).toEqual([
      expect.stringMatching(/^P0 artifact 'big' is unreadable: the archive unpacks to more than the limit of 4096 bytes \(input max-artifact-size\)$/),
      "P0 artifact 'many' is unreadable: 5 entries, more than the limit of 3 (input max-artifact-files)",
    ]);
    expect(folders).toEqual([]);
  });

  it('two artifact names that make one folder name keep a folder each, and both legs count', async () => {
    const { report, unreadable, folders } = await judge([
      { name: 'junit linux', data: zip({ 'junit.xml': junit('space') }) },
      { name: 'junit_linux', data: zip({ 'junit.xml': junit('underscore') }) },
    ]);
    expect(unreadable).toEqual([]);
    expect(folders).toHaveLength(2);
    expect(folders.every((f) => /^junit_linux-\d+$/.test(f))).toBe(true);
    expect(report.tests.total).toBe(4);
  });
});
