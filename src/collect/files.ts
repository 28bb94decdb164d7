import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic } from '../model/report.js';
import { toPosix } from '../text/paths.js';

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
const IGNORED_DIRECTORIES = new Set(['node_modules', '.git']);
const OUTSIDE = 'symbolic link points outside the workspace; not followed';

/**
 * A path that means itself in a glob, whatever characters its names hold. Each special character
 * goes in a class of its own: a backslash escape would read as a Windows separator here.
 */
function literal(posixPath: string): string {
  return posixPath.replace(/[*?[\]{}()]/g, '[$&]');
}

/** Patterns as typed in `dir` (a CLI's current directory), as the same patterns from `root`. */
export function patternsFrom(dir: string, root: string, patterns: string[]): string[] {
  const prefix = toPosix(path.relative(root, dir));
  if (prefix === '') return patterns;
  return patterns.map((pattern) => {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    return path.isAbsolute(body) ? pattern : `${negated ? '!' : ''}${path.posix.join(literal(prefix), body)}`;
  });
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
  // Real paths already taken, so that a link to a file the globs found too is not read twice.
  const taken = new Set<string>();
  const links = new Map<string, Promise<string[]>>();

  for (const pattern of include) {
    const relPattern = path.isAbsolute(pattern) ? path.relative(root, pattern) : pattern;
    const posixPattern = toPosix(relPattern);
    let matches = [posixPattern];
    if (isDynamicPattern(posixPattern)) {
      // The glob walks its base directory whatever that is: a link there would take it anywhere.
      const { base, glob: rest } = picomatch.scan(posixPattern);
      if (await leadsOutside(root, base)) {
        diagnostics.push({ file: base, message: OUTSIDE });
        continue;
      }
      const ignore = [...ALWAYS_IGNORED, ...exclude];
      const files = await glob(posixPattern, { cwd: root, ignore, dot: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false });
      const depth = rest.includes('**') ? Infinity : rest.split('/').length;
      const walk = `${base}\0${depth}`;
      if (!links.has(walk)) links.set(walk, linksUnder(root, base, depth));
      const match = picomatch(posixPattern, { dot: true, ignore });
      matches = [...files.sort(), ...(await links.get(walk)!).filter((l) => match(l))];
    }
    let found = 0;
    for (const rel of matches) {
      const absolute = path.resolve(root, rel);
      const shown = isInside(root, absolute) ? toPosix(path.relative(root, absolute)) : toPosix(absolute);
      found++;
      if (seen.has(shown)) continue;
      const checked = await checkFile(absolute, shown, root, maxFileSize, !isDynamicPattern(posixPattern));
      if ('diagnostic' in checked) {
        if (checked.diagnostic) diagnostics.push(checked.diagnostic);
        continue;
      }
      if (taken.has(checked.real)) continue;
      taken.add(checked.real);
      seen.set(shown, checked.file);
    }
    if (found === 0) unmatched.push(pattern);
  }
  return { files: [...seen.values()], diagnostics, unmatched };
}

/** True when `rel`, a path inside the workspace as written, resolves to a place outside it. */
async function leadsOutside(root: string, rel: string): Promise<boolean> {
  const absolute = path.resolve(root, rel);
  if (!isInside(root, absolute)) return false;
  try {
    return !isInside(root, await realpath(absolute));
  } catch {
    return false;
  }
}

/**
 * Symbolic links under `base`, down to `depth` levels: globs skip links without a word, and a
 * link a pattern matches must be named, not silently left out.
 */
async function linksUnder(root: string, base: string, depth: number): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, level: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) out.push(rel);
      else if (entry.isDirectory() && level < depth && !IGNORED_DIRECTORIES.has(entry.name)) await walk(rel, level + 1);
    }
  };
  await walk(base, 1);
  return out.sort();
}

async function checkFile(
  absolute: string,
  shown: string,
  root: string,
  maxFileSize: number,
  named: boolean,
): Promise<{ file: CollectedFile; real: string } | { diagnostic: Diagnostic | null }> {
  let info;
  try {
    info = await lstat(absolute);
  } catch {
    // A literal path that does not exist is an unmatched pattern, reported by the caller.
    return named ? { diagnostic: null } : { diagnostic: { file: shown, message: 'file vanished while collecting' } };
  }
  if (info.isDirectory()) return { diagnostic: null };
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
    return { diagnostic: { file: shown, message: loop ? 'symbolic link that loops back on itself; skipped' : 'symbolic link whose target does not exist; skipped' } };
  }
  // A path typed to lead outside the workspace may; one inside it that a link (the file's or a
  // directory's on the way) turns outside may not: the link could be the pull request's.
  if (isInside(root, absolute) && !isInside(root, real)) {
    return { diagnostic: { file: shown, message: info.isSymbolicLink() ? OUTSIDE : 'reached through a symbolic link that points outside the workspace; not followed' } };
  }
  if (info.isSymbolicLink()) {
    info = await stat(real);
    if (info.isDirectory()) return { diagnostic: null };
  }
  if (!info.isFile()) return { diagnostic: { file: shown, message: 'not a regular file; skipped' } };
  if (info.size > maxFileSize) {
    // Rounded alike ("1.0 MiB, over … 1.0 MiB"), the sizes would not say why: then give the bytes.
    const [size, cap] = formatBytes(info.size) === formatBytes(maxFileSize) ? [`${info.size} bytes`, `${maxFileSize} bytes`] : [formatBytes(info.size), formatBytes(maxFileSize)];
    return { diagnostic: { file: shown, message: `file is ${size}, over the max-file-size limit of ${cap}; skipped` } };
  }
  return { file: { absolute, path: shown, size: info.size }, real };
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
