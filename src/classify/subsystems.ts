import type { Merged } from '../merge/merge.js';
import type { Layout, Project } from '../model/layout.js';
import { TEST_DIRS } from '../model/layout.js';
import type { Blocker, CoverageEntry, Readiness, Subsystem, TestCounts } from '../model/report.js';
import { sumLineTotals, sumStatementTotals } from '../model/report.js';
import type { PathContext } from '../text/paths.js';
import { fromGoImportPath } from '../text/paths.js';
import type { Policy } from '../settings/table.js';
import type { BlockedTest } from './blocked.js';
import { inAny } from '../text/match.js';
import { countStatus, emptyCounts, executed, passRate, percent } from './counts.js';

/*
 * Default subsystems: a Go package or a JUnit class's package when the report names one; else the
 * project the file belongs to (the nearest package.json, Python project or package, crate, Maven
 * or Gradle module, CMake directory); else its top-level source folder, a tests folder counting
 * for the code it tests. A test and the code under test so fall into one subsystem, whether its
 * file:line is the test's or a frame in the code. The `subsystems` setting names others by globs.
 * Coverage joins a subsystem when a covered file belongs to it.
 */

export const NO_SUBSYSTEM = '(no package)';

/** A package that is only the directory of its file says nothing a project would not say better. */
function isDirectory(pkg: string, file: string | undefined): boolean {
  return pkg.includes('/') && !/\.[a-z]{2,}\//i.test(`${pkg}/`) && (file === undefined || file.startsWith(`${pkg}/`));
}

/** The project holding `file`: the deepest one, a Python package only where no Python project holds it. */
function projectOf(file: string, layout: Layout): Project | undefined {
  let best: Project | undefined;
  let python: Project | undefined;
  for (const p of layout.projects) {
    if (p.kind === 'go') continue;
    if (p.dir !== '' && !file.startsWith(`${p.dir}/`)) continue;
    if (p.kind === 'python-package') {
      if (!python || p.dir.length > python.dir.length) python = p;
    } else if (!best || p.dir.length > best.dir.length) best = p;
  }
  if (python && !(best?.kind === 'python')) return python.dir.length > (best?.dir.length ?? -1) ? python : best;
  return best;
}

/** A top-level folder; a tests folder stands for the one folder of code beside it, or the folder it names. */
function folderOf(file: string, layout: Layout): string | undefined {
  const parts = file.split('/');
  if (parts.length < 2) return undefined;
  const top = parts[0]!;
  if (!TEST_DIRS.has(top)) return top;
  const code = layout.topDirs.filter((d) => !TEST_DIRS.has(d));
  if (parts.length > 2 && code.includes(parts[1]!)) return parts[1];
  return code.length === 1 ? code[0] : top;
}

/** The subsystem of a test, blocker or file: the first named one whose globs match, else its package, project or folder. */
export function subsystemFor(pkg: string | undefined, file: string | undefined, policy: Policy, layout?: Layout): string {
  const named = policy.subsystems.find((s) => inAny(s.paths, file, pkg));
  if (named) return named.name;
  if (layout && file && (!pkg || isDirectory(pkg, file))) {
    const project = projectOf(file, layout);
    // A root manifest holds everything: it names the subsystem only of a repository with no other.
    if (project && (project.dir !== '' || layout.projects.filter((p) => p.kind !== 'go').length === 1)) return project.name;
    const folder = folderOf(file, layout);
    if (folder) return folder;
  }
  if (pkg) return pkg;
  if (file && file.includes('/')) return file.slice(0, file.lastIndexOf('/'));
  return NO_SUBSYSTEM;
}

/** Directories a subsystem's name may stand for in the repository. */
function directoriesOf(name: string, paths: PathContext): string[] {
  const dirs = new Set<string>();
  const go = fromGoImportPath(name, paths.goModules);
  if (go !== undefined) dirs.add(go);
  if (/^[\w$]+(\.[\w$]+)+$/.test(name)) dirs.add(name.replace(/\./g, '/'));
  dirs.add(name);
  return [...dirs];
}

/** The coverage of the files that belong to a subsystem. */
function* filesOf(name: string, coverage: Map<string, CoverageEntry>, paths: PathContext, policy: Policy, layout?: Layout): Iterable<CoverageEntry> {
  const named = policy.subsystems.find((s) => s.name === name);
  const dirs = named ? [] : directoriesOf(name, paths);
  for (const [file, entry] of coverage) {
    // A project or folder subsystem: the files that fall into it the way tests do.
    if (layout && !named && subsystemFor(undefined, file, policy, layout) === name) {
      yield entry;
      continue;
    }
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    const belongs = named ? inAny(named.paths, file, undefined) : !policy.subsystems.some((s) => inAny(s.paths, file, undefined)) && dirs.some((d) => dir === d || dir.endsWith(`/${d}`));
    if (belongs) yield entry;
  }
}

function coverageOf(name: string, coverage: Map<string, CoverageEntry>, paths: PathContext, policy: Policy, layout?: Layout) {
  const files = [...filesOf(name, coverage, paths, policy, layout)];
  const { covered, total } = sumLineTotals(files);
  if (total === 0) return undefined;
  const statements = sumStatementTotals(files);
  return { coverage: { covered, total, percent: percent(covered, total) }, ...(statements ? { statements: { ...statements, percent: percent(statements.covered, statements.total) } } : {}) };
}

export function readiness(counts: TestCounts, blockers: Subsystem['blockers']): Readiness {
  if (executed(counts) === 0) return 'UNKNOWN';
  if (blockers.P0 > 0 || blockers.P1 > 0 || counts.failed > 0 || counts.errored > 0) return 'NOT READY';
  if (blockers.P2 > 0 || blockers.P3 > 0) return 'CAUTION';
  return 'READY';
}

export function subsystems(
  merged: Pick<Merged, 'tests'>,
  neverRan: BlockedTest[],
  blockers: Blocker[],
  coverage: Map<string, CoverageEntry>,
  paths: PathContext,
  policy: Policy,
  layout?: Layout,
): Subsystem[] {
  const counts = new Map<string, TestCounts>();
  const blocked = new Map<string, Subsystem['blockers']>();
  const of = (name: string) => {
    if (!counts.has(name)) {
      counts.set(name, emptyCounts());
      blocked.set(name, { P0: 0, P1: 0, P2: 0, P3: 0 });
    }
    return { counts: counts.get(name)!, blockers: blocked.get(name)! };
  };
  for (const s of policy.subsystems) of(s.name);
  merged.tests.tally((status, count, t) => countStatus(of(subsystemFor(t.package, t.file, policy, layout)).counts, status, count));
  for (const t of neverRan) of(subsystemFor(t.package, undefined, policy, layout)).counts.blocked += t.count ?? 1;
  for (const b of blockers) of(b.subsystem ?? NO_SUBSYSTEM).blockers[b.priority]++;

  return [...counts.keys()].sort().map((name) => {
    const c = counts.get(name)!;
    const b = blocked.get(name)!;
    const cov = name === NO_SUBSYSTEM ? undefined : coverageOf(name, coverage, paths, policy, layout);
    return { name, tests: c, passRate: passRate(c), ...cov, blockers: b, readiness: readiness(c, b) };
  });
}
