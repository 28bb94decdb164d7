/*
 * Report files name source files in many ways (absolute runner paths, Windows paths, Go import
 * paths, `./` prefixes). Everything in the report is a repository-relative POSIX path, so coverage
 * from several formats merges per file and annotations land on real files.
 */

export function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

export interface GoModule {
  /** Module path from the `module` line of go.mod. */
  module: string;
  /** Directory of that go.mod, repository-relative ('' for the root). */
  dir: string;
}

export interface PathContext {
  /** Absolute workspace path on the machine that produced the report, POSIX form. */
  workspace?: string;
  goModules: GoModule[];
  /** Prefixes removed from every path before anything else (input `strip-prefix`). */
  stripPrefixes: string[];
  /** Prefix added to relative paths that do not name a known file (input `path-prefix`). */
  pathPrefix?: string;
  /** Repository files, when known: lets a guess be checked against what exists. */
  knownFiles?: ReadonlySet<string>;
}

export const emptyPathContext: PathContext = { goModules: [], stripPrefixes: [] };

// Checkout locations of the hosted and container runners, and of Windows runners.
const RUNNER_ROOTS = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//,
  /^\/__w\/[^/]+\/[^/]+\//,
  /^\/github\/workspace\//,
  /^[A-Za-z]:\/a\/[^/]+\/[^/]+\//,
  /^\/Users\/runner\/work\/[^/]+\/[^/]+\//,
];

function stripLeading(p: string, prefix: string): string | undefined {
  const pre = toPosix(prefix).replace(/\/+$/, '');
  if (pre === '') return undefined;
  if (p === pre) return '';
  if (p.startsWith(pre + '/')) return p.slice(pre.length + 1);
  return undefined;
}

function clean(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Maps a Go import path (`github.com/org/repo/pkg/file.go`) to a path inside the repository. */
export function fromGoImportPath(p: string, modules: readonly GoModule[]): string | undefined {
  let best: GoModule | undefined;
  for (const m of modules) {
    if ((p === m.module || p.startsWith(m.module + '/')) && (!best || m.module.length > best.module.length)) best = m;
  }
  if (!best) return undefined;
  const rest = p.slice(best.module.length).replace(/^\//, '');
  return clean(best.dir ? `${best.dir}/${rest}` : rest);
}

/** Whether a raw path can be placed in the repository without knowing its files: relative, or under a known checkout. */
export function placeable(raw: string, ctx: PathContext): boolean {
  const p = toPosix(raw.trim());
  if (!(p.startsWith('/') || /^[A-Za-z]:\//.test(p))) return true;
  return (ctx.workspace !== undefined && stripLeading(p, ctx.workspace) !== undefined) || RUNNER_ROOTS.some((r) => r.test(`${p}/`));
}

/**
 * Candidate repository paths for one raw path, most likely first. `base` is a directory the
 * raw path may be relative to (a Go package's directory, a Cobertura source root).
 */
export function candidates(raw: string, ctx: PathContext, base?: string): string[] {
  let p = toPosix(raw.trim()).replace(/^file:\/\//, '');
  for (const prefix of ctx.stripPrefixes) {
    const stripped = stripLeading(p, prefix);
    if (stripped !== undefined) {
      p = stripped;
      break;
    }
  }
  const out: string[] = [];
  const push = (c: string | undefined) => {
    if (c === undefined) return;
    const cleaned = clean(c);
    if (cleaned !== '' && !cleaned.startsWith('../') && !out.includes(cleaned)) out.push(cleaned);
  };
  const absolute = p.startsWith('/') || /^[A-Za-z]:\//.test(p);
  if (absolute) {
    if (ctx.workspace) push(stripLeading(p, ctx.workspace));
    for (const root of RUNNER_ROOTS) if (root.test(p)) push(p.replace(root, ''));
    // A checkout elsewhere: the longest suffix that names a known file.
    if (ctx.knownFiles) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) {
        const suffix = parts.slice(i).join('/');
        if (ctx.knownFiles.has(suffix)) {
          push(suffix);
          break;
        }
      }
    }
    return out.length > 0 ? out : [clean(p)];
  }
  push(fromGoImportPath(p, ctx.goModules));
  if (base !== undefined) {
    const baseRepo = base.startsWith('/') ? candidates(base, ctx)[0] : (fromGoImportPath(base, ctx.goModules) ?? base);
    push(`${baseRepo}/${p}`);
  }
  push(p);
  if (ctx.pathPrefix) push(`${ctx.pathPrefix}/${p}`);
  return out.length > 0 ? out : [clean(p)];
}

const byBaseName = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

/** Known files indexed by base name, built once per set. */
function baseNameIndex(known: ReadonlySet<string>): Map<string, string[]> {
  let index = byBaseName.get(known);
  if (!index) {
    index = new Map();
    for (const f of known) {
      const base = f.slice(f.lastIndexOf('/') + 1);
      const list = index.get(base);
      if (list) list.push(f);
      else index.set(base, [f]);
    }
    byBaseName.set(known, index);
  }
  return index;
}

/**
 * The one known file whose path ends with `/<relative>`: a report written in a sub-directory
 * (jest's rootDir, a Gradle module) names files relative to it. Ambiguous suffixes map to nothing.
 */
function bySuffix(relative: string, known: ReadonlySet<string>): string | undefined {
  const matches = (baseNameIndex(known).get(relative.slice(relative.lastIndexOf('/') + 1)) ?? []).filter((f) => f.endsWith(`/${relative}`));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The repository-relative POSIX path for a raw path: a known file when one matches, else the best guess. */
export function normalizePath(raw: string, ctx: PathContext, base?: string): string {
  const list = candidates(raw, ctx, base);
  if (ctx.knownFiles) {
    const known = list.find((c) => ctx.knownFiles!.has(c));
    if (known) return known;
    for (const c of list) {
      const found = bySuffix(c, ctx.knownFiles);
      if (found) return found;
    }
  }
  return list[0]!;
}
