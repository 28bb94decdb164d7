import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic } from '../model.js';
import { toPosix } from '../paths.js';

export interface CollectedFile {
  /** Absolute path on disk. */
  absolute: string;
  /** Path relative to the workspace, POSIX separators; what the report shows. */
  path: string;
  size: number;
}

export interface Collected {
  files: CollectedFile[];
  diagnostics: Diagnostic[];
  /** Patterns (without exclusions) that matched nothing: said in the report, never silently ignored. */
  unmatched: string[];
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** Splits the `files` input: one glob per line, `!` for exclusions, `#` comments and blanks ignored. */
export function splitPatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Finds the report files the patterns name. Files outside the workspace (through `..` or a
 * symlink) are refused with a diagnostic: on a pull request the artifacts are untrusted.
 */
export async function findFiles(patterns: string[], workspace: string, maxFileSize: number): Promise<Collected> {
  const root = await realpath(workspace);
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const diagnostics: Diagnostic[] = [];
  const unmatched: string[] = [];
  const seen = new Map<string, CollectedFile>();

  for (const pattern of include) {
    const relPattern = path.isAbsolute(pattern) ? path.relative(root, pattern) : pattern;
    const posixPattern = toPosix(relPattern);
    const matches = isDynamicPattern(posixPattern)
      ? await glob(posixPattern, {
          cwd: root,
          ignore: [...ALWAYS_IGNORED, ...exclude],
          dot: true,
          onlyFiles: true,
          followSymbolicLinks: false,
          expandDirectories: false,
        })
      : [posixPattern];
    let found = 0;
    for (const rel of matches.sort()) {
      const absolute = path.resolve(root, rel);
      const shown = isInside(root, absolute) ? toPosix(path.relative(root, absolute)) : toPosix(absolute);
      if (seen.has(shown)) {
        found++;
        continue;
      }
      const checked = await checkFile(absolute, shown, root, maxFileSize, !isDynamicPattern(posixPattern));
      if ('diagnostic' in checked) {
        if (checked.diagnostic) diagnostics.push(checked.diagnostic);
        found++;
        continue;
      }
      found++;
      seen.set(shown, checked.file);
    }
    if (found === 0) unmatched.push(pattern);
  }
  return { files: [...seen.values()], diagnostics, unmatched };
}

async function checkFile(
  absolute: string,
  shown: string,
  root: string,
  maxFileSize: number,
  named: boolean,
): Promise<{ file: CollectedFile } | { diagnostic: Diagnostic | null }> {
  let info;
  try {
    info = await lstat(absolute);
  } catch {
    // A literal path that does not exist is an unmatched pattern, reported by the caller.
    return named ? { diagnostic: null } : { diagnostic: { file: shown, message: 'file vanished while collecting' } };
  }
  if (info.isDirectory()) return { diagnostic: null };
  if (info.isSymbolicLink()) {
    let target: string;
    try {
      target = await realpath(absolute);
    } catch {
      return { diagnostic: { file: shown, message: 'symbolic link whose target does not exist; skipped' } };
    }
    // Globs walk untrusted artifacts; only a path the user typed may lead outside the workspace.
    if (!named && !isInside(root, target)) {
      return { diagnostic: { file: shown, message: 'symbolic link points outside the workspace; not followed' } };
    }
    info = await stat(target);
  }
  if (!info.isFile()) return { diagnostic: { file: shown, message: 'not a regular file; skipped' } };
  if (info.size > maxFileSize) {
    return {
      diagnostic: {
        file: shown,
        message: `file is ${formatBytes(info.size)}, over the max-file-size limit of ${formatBytes(maxFileSize)}; skipped`,
      },
    };
  }
  return { file: { absolute, path: shown, size: info.size } };
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
