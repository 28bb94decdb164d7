import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { glob } from 'tinyglobby';
import type { GoModule } from '../text/paths.js';
import { toPosix } from '../text/paths.js';

/** Facts about the checkout that let raw paths be mapped to repository files. */
export interface WorkspaceFacts {
  goModules: GoModule[];
  /** git's files: what paths in reports are checked against, when known. */
  knownFiles?: Set<string>;
  /** The workspace's files: git's, else a search that leaves dependencies and builds out. */
  files: readonly string[];
}

const NOT_OURS = ['**/node_modules/**', '**/vendor/**', '**/.git/**', '**/target/**'];

/**
 * The first `max` bytes of a workspace file as text. A link is not followed: a pull request's
 * link could lead out of the workspace, and what is read here may end up in the report.
 */
export async function readWorkspaceText(root: string, rel: string, max: number): Promise<string> {
  const handle = await open(path.join(root, rel), constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const buffer = Buffer.alloc(max);
    const { bytesRead } = await handle.read(buffer, 0, max, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
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
  const files = knownFiles ? [...knownFiles] : await glob('**/*', { cwd: root, ignore: NOT_OURS, followSymbolicLinks: false, deep: 16 });
  const goModules: GoModule[] = [];
  for (const rel of files.filter((f) => f === 'go.mod' || f.endsWith('/go.mod'))) {
    try {
      const module = goModuleOf(await readWorkspaceText(root, rel, 64 * 1024));
      if (module) goModules.push({ module, dir: toPosix(path.dirname(rel)).replace(/^\.$/, '') });
    } catch {
      // An unreadable go.mod only means Go import paths in that module stay unmapped.
    }
  }
  return { goModules, knownFiles, files };
}
