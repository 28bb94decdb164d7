import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './fixtures.js';

/** Runs the bundled CLI; `user` runs it as another user (uid and gid), which only root may ask. */
export function runCli(args: string[], cwd: string, user?: { uid: number; gid: number }) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, ...user });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
