import type { Merged } from '../merge/merge.js';
import type { Blocker, CoverageEntry, Readiness, Subsystem, TestCounts } from '../model/report.js';
import { sumLineTotals, sumStatementTotals } from '../model/report.js';
import type { PathContext } from '../text/paths.js';
import { fromGoImportPath } from '../text/paths.js';
import type { Policy } from '../settings/table.js';
import type { BlockedTest } from './blocked.js';
import { inAny } from './match.js';
import { countStatus, emptyCounts, executed, passRate, percent } from './counts.js';

/*
 * Default subsystems: a Go package, a JUnit class's package, or a source directory — whatever
 * the test's `package` says. Coverage joins a subsystem when a covered file lives in its directory.
 */

export const NO_SUBSYSTEM = '(no package)';

/** The subsystem of a test, blocker or file: the first named one whose globs match, else its package or directory. */
export function subsystemFor(pkg: string | undefined, file: string | undefined, policy: Policy): string {
  const named = policy.subsystems.find((s) => inAny(s.paths, file, pkg));
  if (named) return named.name;
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
function* filesOf(name: string, coverage: Map<string, CoverageEntry>, paths: PathContext, policy: Policy): Iterable<CoverageEntry> {
  const named = policy.subsystems.find((s) => s.name === name);
  const dirs = named ? [] : directoriesOf(name, paths);
  for (const [file, entry] of coverage) {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    const belongs = named ? inAny(named.paths, file, undefined) : !policy.subsystems.some((s) => inAny(s.paths, file, undefined)) && dirs.some((d) => dir === d || dir.endsWith(`/${d}`));
    if (belongs) yield entry;
  }
}

function coverageOf(name: string, coverage: Map<string, CoverageEntry>, paths: PathContext, policy: Policy) {
  const files = [...filesOf(name, coverage, paths, policy)];
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

export function subsystems(merged: Pick<Merged, 'tests'>, neverRan: BlockedTest[], blockers: Blocker[], coverage: Map<string, CoverageEntry>, paths: PathContext, policy: Policy): Subsystem[] {
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
  merged.tests.tally((status, count, t) => countStatus(of(subsystemFor(t.package, t.file, policy)).counts, status, count));
  for (const t of neverRan) of(subsystemFor(t.package, undefined, policy)).counts.blocked += t.count ?? 1;
  for (const b of blockers) of(b.subsystem ?? NO_SUBSYSTEM).blockers[b.priority]++;

  return [...counts.keys()].sort().map((name) => {
    const c = counts.get(name)!;
    const b = blocked.get(name)!;
    const cov = name === NO_SUBSYSTEM ? undefined : coverageOf(name, coverage, paths, policy);
    return { name, tests: c, passRate: passRate(c), ...cov, blockers: b, readiness: readiness(c, b) };
  });
}
