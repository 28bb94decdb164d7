import path from 'node:path';
import type { Layout, Project, ProjectKind } from '../model/layout.js';
import { TEST_DIRS } from '../model/layout.js';
import { readWorkspaceText } from './workspace.js';

/*
 * The workspace's projects, from their manifests: npm/pnpm/yarn packages (package.json), Python
 * projects (pyproject.toml, setup.py, setup.cfg) and packages (__init__.py), Cargo crates, Maven
 * and Gradle modules, CMake directories, Go modules. Their names become subsystems, so that a test
 * and the code it tests fall into one, whatever folder each sits in.
 */

const MANIFESTS: Record<string, ProjectKind> = {
  'package.json': 'npm',
  'pyproject.toml': 'python',
  'setup.py': 'python',
  'setup.cfg': 'python',
  'Cargo.toml': 'cargo',
  'pom.xml': 'maven',
  'build.gradle': 'gradle',
  'build.gradle.kts': 'gradle',
  'CMakeLists.txt': 'cmake',
  'go.mod': 'go',
  '__init__.py': 'python-package',
};

const SKIP = /(^|\/)(node_modules|vendor|\.git|\.venv|venv|site-packages|target|build|dist)\//;
// A monorepo has hundreds of manifests; past this many, the rest are directories.
const MAX_MANIFESTS = 2000;
const SOURCE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|scala|groovy|cs|fs|vb|c|cc|cpp|cxx|h|hpp|rb|php|swift)$/;

/** The name a manifest gives its project, or undefined (then the directory names it). */
export function manifestName(file: string, text: string): string | undefined {
  const base = path.posix.basename(file);
  if (base === 'package.json') {
    try {
      const name = (JSON.parse(text) as { name?: unknown }).name;
      return typeof name === 'string' && name.trim() ? name.trim() : undefined;
    } catch {
      return undefined;
    }
  }
  // pyproject ([project] or [tool.poetry]), Cargo ([package]): the first `name = "…"` of such a table.
  if (base === 'pyproject.toml' || base === 'Cargo.toml') {
    const table = /^\[(?:project|package|tool\.poetry)\]\s*$([^]*?)(?=^\[|(?![^]))/m.exec(text)?.[1] ?? '';
    return /^\s*name\s*=\s*["']([^"'\n]+)["']/m.exec(table)?.[1];
  }
  if (base === 'setup.cfg') return /^\s*name\s*=\s*(\S+)/m.exec(/^\[metadata\]([^]*?)(?=^\[|(?![^]))/m.exec(text)?.[1] ?? '')?.[1];
  if (base === 'setup.py') return /\bname\s*=\s*["']([^"'\n]+)["']/.exec(text)?.[1];
  // Maven: the module's own artifactId, not its parent's.
  if (base === 'pom.xml') return /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(text.replace(/<parent>[^]*?<\/parent>/, ''))?.[1];
  if (base === 'CMakeLists.txt') return /\b(?:add_library|add_executable)\s*\(\s*([\w.+-]+)/i.exec(text)?.[1];
  if (base === 'go.mod') return /^\s*module\s+"?([^\s"]+)/m.exec(text)?.[1];
  return undefined;
}

/** A manifest names its project near its top. */
const MAX_MANIFEST = 256 * 1024;

export async function describeProjects(root: string, files: readonly string[]): Promise<Layout> {
  const manifests = files.filter((f) => MANIFESTS[path.posix.basename(f)] !== undefined && !SKIP.test(f)).slice(0, MAX_MANIFESTS);
  const inits = new Set(manifests.filter((f) => f.endsWith('__init__.py')).map((f) => path.posix.dirname(f)));
  const projects: Project[] = [];
  for (const file of manifests) {
    const kind = MANIFESTS[path.posix.basename(file)]!;
    const dir = path.posix.dirname(file).replace(/^\.$/, '');
    if (kind === 'python-package') {
      // The top package of a tree: its parent is no package.
      if (!inits.has(path.posix.dirname(dir))) projects.push({ dir, name: path.posix.basename(dir), kind });
      continue;
    }
    let text = '';
    try {
      text = await readWorkspaceText(root, file, MAX_MANIFEST);
    } catch {
      // Unreadable: the directory names it.
    }
    // A Cargo workspace root has no [package]: its members are the crates.
    if (kind === 'cargo' && !/^\[package\]/m.test(text)) continue;
    projects.push({ dir, name: manifestName(file, text) ?? (path.posix.basename(dir) || path.posix.basename(root)), kind });
  }
  // One project per directory: the first manifest listed above wins (package.json over CMakeLists.txt).
  const order = Object.values(MANIFESTS);
  projects.sort((a, b) => a.dir.localeCompare(b.dir) || order.indexOf(a.kind) - order.indexOf(b.kind));
  const unique = projects.filter((p, i) => i === 0 || projects[i - 1]!.dir !== p.dir);
  const topDirs = [...new Set(files.filter((f) => f.includes('/') && SOURCE.test(f) && !SKIP.test(f)).map((f) => f.slice(0, f.indexOf('/'))))].filter((d) => !d.startsWith('.')).sort();
  return { projects: unique, topDirs: topDirs.filter((d) => !TEST_DIRS.has(d)).concat(topDirs.filter((d) => TEST_DIRS.has(d))) };
}
