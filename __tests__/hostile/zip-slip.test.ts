import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HEAD_SHA, runAction } from '../helpers/action.js';
import type { FakeGitHub } from '../helpers/fake-github/index.js';
import { startFakeGitHub, zip } from '../helpers/fake-github/index.js';

/*
 * An artifact is a zip the pull request's own workflow uploaded. Its entry names can climb out of
 * the target directory (`../../x`, absolute paths, backslashes) or plant a symbolic link to write
 * through. The action downloads such artifacts from a fake GitHub; nothing may land
 * outside the directory each artifact is unpacked in, and the good report inside still counts.
 */

const TOKEN = 'ghs_zipSlipTestToken0123456789abcdefgh';
const JUNIT = '<testsuites><testsuite name="slip"><testcase classname="c" name="good"/><testcase classname="c" name="also-good"/></testsuite></testsuites>';

/** Marks an entry of a zip() archive as a Unix symbolic link (its content is the target), as `zip --symlinks` writes it. */
function asSymlink(archive: Buffer, name: string): Buffer {
  const out = Buffer.from(archive);
  const entryName = Buffer.from(name);
  const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(central); at >= 0; at = out.indexOf(central, at + 4)) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.subarray(at + 46, at + 46 + nameLength).equals(entryName)) {
      out.writeUInt16LE((3 << 8) | 20, at + 4); // made by: Unix
      out.writeUInt32LE((0o120777 << 16) >>> 0, at + 38); // external attributes: S_IFLNK | 0777
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

async function filesUnder(dir: string): Promise<{ path: string; link: boolean }[]> {
  const out: { path: string; link: boolean }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push({ path: full, link: (await lstat(full)).isSymbolicLink() });
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

describe('artifact zips cannot write outside their directory', () => {
  it('climbing, absolute and backslash entry names and a planted symlink all stay inside; the good report counts', async () => {
    // base/outside-target is where a link would point; base/runner is RUNNER_TEMP, the artifacts go under it.
    const base = await realpath(await mkdtemp(path.join(tmpdir(), 'verdict-slip-')));
    const runner = path.join(base, 'runner');
    const target = path.join(base, 'outside-target');
    await mkdir(runner);
    await mkdir(target);
    const slip = zip({
      '../../evil-climb.txt': 'climb',
      '../../../../../../../../../../tmp/evil-deep.txt': 'deep',
      [path.join(base, 'evil-absolute.txt')]: 'absolute',
      '..\\..\\evil-backslash.txt': 'backslash',
      'a/../../evil-inner.txt': 'inner',
      'reports/junit.xml': JUNIT,
    });
    // A link entry is not written at all, so nothing can be written through it.
    const link = asSymlink(zip({ planted: target, 'junit.xml': JUNIT.replace('slip', 'link') }), 'planted');
    const run = github.state.addWorkflowRun({
      head_sha: HEAD_SHA,
      artifacts: [
        { name: 'hostile-slip', data: slip },
        { name: 'hostile-link', data: link },
      ],
    });
    const ws = await mkdtemp(path.join(tmpdir(), 'verdict-slip-ws-'));
    const result = await runAction(ws, { 'github-token': TOKEN, artifacts: 'hostile-*', comment: 'never', 'check-run': 'false' }, { GITHUB_API_URL: github.url, GITHUB_RUN_ID: String(run.id), RUNNER_TEMP: runner });

    const written = await filesUnder(base);
    const artifactDirs = (await readdir(runner)).filter((n) => n.startsWith('verdict-artifacts-')).map((n) => path.join(runner, n));
    expect(artifactDirs).toHaveLength(1);
    // Everything any entry wrote is inside the artifacts directory, under its own artifact's name.
    for (const file of written.filter((f) => /evil|junit|planted/.test(path.basename(f.path)))) {
      expect(file.path.startsWith(path.join(artifactDirs[0]!, 'hostile-'))).toBe(true);
      expect(file.link).toBe(false);
    }
    expect(await readdir(target)).toEqual([]);
    await expect(lstat('/tmp/evil-deep.txt')).rejects.toThrow();
    const inside = written.filter((f) => f.path.startsWith(artifactDirs[0]!)).map((f) => path.relative(artifactDirs[0]!, f.path)).sort();
    expect(written.filter((f) => !f.path.startsWith(artifactDirs[0]!)).map((f) => path.relative(base, f.path))).toEqual(['runner/verdict-report.json']);
    // Entries that climb, or are absolute, or are links are left out, each said in a diagnostic.
    expect(inside).toEqual(['hostile-link/junit.xml', 'hostile-slip/reports/junit.xml']);

    const report = JSON.parse(await readFile(result.outputs['report-path']!, 'utf8'));
    expect(report.tests.total).toBe(4);
    expect(report.diagnostics.map((d: { file: string; message: string }) => `${d.file}: ${d.message}`).sort()).toEqual([
      'artifact hostile-link: entry left out: planted: a symbolic link',
      `artifact hostile-slip: entry left out: ${path.join(base, 'evil-absolute.txt')}: an absolute path`,
      "artifact hostile-slip: entry left out: ../../../../../../../../../../tmp/evil-deep.txt: a path with '..'",
      "artifact hostile-slip: entry left out: ../../evil-climb.txt: a path with '..'",
      "artifact hostile-slip: entry left out: ..\\..\\evil-backslash.txt: a path with '..'",
      "artifact hostile-slip: entry left out: a/../../evil-inner.txt: a path with '..'",
    ].sort());
    const parsed = report.artifacts.filter((a: { format: string }) => a.format !== 'unknown').map((a: { path: string }) => a.path);
    expect(parsed.sort()).toEqual(['hostile-link/junit.xml', 'hostile-slip/reports/junit.xml']);
  }, 30_000);
});
