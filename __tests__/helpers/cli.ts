import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './fixtures.js';

export function runCli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
