import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { glob } from 'tinyglobby';
import type { GoModule } from '../text/paths.js';
import { toPosix } from '../text/paths.js';

/** Facts about the checkout that let raw paths be mapped to repository files. */
export interface WorkspaceFacts {
  goModules: GoModule[];
  knownFiles?: Set<string>;
}

export function goModuleOf(goMod: string): string | undefined {
  const m = /^\s*module\s+("?)([^\s"]+)\1\s*$/m.exec(goMod);
  return m?.[2];
}

async function gitFiles(root: string): Promise<Set<string> | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      maxBuffer: 512 * 1024 * 1024,
    });
    const files = stdout.split('\0').filter(Boolean);
    return files.length > 0 ? new Set(files) : undefined;
  } catch {
    return undefined;
  }
}

/** The top directory of the git checkout `dir` is in; undefined outside one (or without git). */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', '--show-toplevel'], { cwd: dir });
    return stdout.trim() ? path.resolve(stdout.trim()) : undefined;
  } catch {
    return undefined;
  }
}

export async function describeWorkspace(root: string): Promise<WorkspaceFacts> {
  const knownFiles = await gitFiles(root);
  const goMods = knownFiles
    ? [...knownFiles].filter((f) => f === 'go.mod' || f.endsWith('/go.mod'))
    : await glob('**/go.mod', { cwd: root, ignore: ['**/node_modules/**', '**/vendor/**', '**/.git/**'], followSymbolicLinks: false });
  const goModules: GoModule[] = [];
  for (const rel of goMods) {
    try {
      const module = goModuleOf(await readFile(path.join(root, rel), 'utf8'));
      if (module) goModules.push({ module, dir: toPosix(path.dirname(rel)).replace(/^\.$/, '') });
    } catch {
      // An unreadable go.mod only means Go import paths in that module stay unmapped.
    }
  }
  return { goModules, knownFiles };
}
