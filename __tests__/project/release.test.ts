import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, symlink, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/fixtures.js';

/* A release a user can reference as OWNER/verdict@v1: what the README shows, and what `npm run release` makes. */

const IDENTITY = { GIT_AUTHOR_NAME: 'Release Test', GIT_AUTHOR_EMAIL: 'release@example.com', GIT_COMMITTER_NAME: 'Release Test', GIT_COMMITTER_EMAIL: 'release@example.com' };

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function release(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/release.mjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });
}

/** A clone of the committed project, with the installed packages beside it as after `npm ci`. */
async function clone(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'verdict-release-')), 'verdict');
  git(ROOT, 'clone', '--quiet', ROOT, dir);
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  await appendFile(path.join(dir, '.git/info/exclude'), 'node_modules\n');
  return dir;
}

describe('releases', () => {
  it('every workflow example in the README uses OWNER/verdict@v1', async () => {
    const uses = [...(await readFile(path.join(ROOT, 'README.md'), 'utf8')).matchAll(/uses: (\S*verdict\S*)/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThanOrEqual(3);
    expect(new Set(uses)).toEqual(new Set(['OWNER/verdict@v1']));
  });

  it('npm run release bumps the version, commits the rebuilt dist, tags vX.Y.Z and moves the major tag', async () => {
    const dir = await clone();
    git(dir, 'tag', 'v7', 'HEAD');
    const r = release(dir, '7.3.0');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Released v7.3.0; v7 now points at it.');
    expect(JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')).version).toBe('7.3.0');
    expect(JSON.parse(await readFile(path.join(dir, 'package-lock.json'), 'utf8')).version).toBe('7.3.0');
    expect(git(dir, 'log', '-1', '--format=%s')).toBe('Release v7.3.0');
    const head = git(dir, 'rev-parse', 'HEAD');
    expect(git(dir, 'rev-parse', 'v7.3.0^{commit}')).toBe(head);
    expect(git(dir, 'rev-parse', 'v7^{commit}')).toBe(head);
    expect(git(dir, 'status', '--porcelain')).toBe('');

    const again = release(dir, 'patch');
    expect(again.status).toBe(0);
    expect(git(dir, 'rev-parse', 'v7^{commit}')).toBe(git(dir, 'rev-parse', 'v7.3.1^{commit}'));
    expect(git(dir, 'rev-parse', 'v7.3.0^{commit}')).toBe(head);
  }, 60_000);

  it('refuses a working tree with changes, and a version that exists', async () => {
    const dir = await clone();
    git(dir, 'tag', 'v3.0.0', 'HEAD');
    expect(release(dir, '3.0.0')).toMatchObject({ status: 2, stderr: 'release: v3.0.0 exists already\n' });
    await writeFile(path.join(dir, 'README.md'), 'changed\n');
    expect(release(dir, 'minor')).toMatchObject({ status: 2, stderr: 'release: the working tree has changes: commit or stash them first\n' });
    expect(release(dir)).toMatchObject({ status: 2 });
  }, 60_000);
});
