import type { Artifact, CoverageEntry, FileCoverage, Diagnostic, Finding, PassedTests, TestCase, TestStatus } from '../model/report.js';
import { allTests, inFileOrder, passedTests, testCount, TestSet } from '../model/test-set.js';
import type { Parsed } from '../parse/index.js';
import type { PathContext } from '../text/paths.js';
import { normalizePath, placeable, toPosix } from '../text/paths.js';
import { compareText } from '../text/order.js';

/**
 * A test after merging every file that reported it (shards, matrix legs, retries). A test one
 * file reported, whose file needed no normalizing, is the parser's own object: half a million
 * passing tests are not copied.
 */
export interface MergedTest extends TestCase {
  /** Every report file the test appeared in; absent when that is only `origin`. */
  origins?: string[];
  /** The matrix leg it ran on: the same test on two legs is two runs, not a retry. */
  leg?: string;
}

/** Passing tests one file reported as a group (PassedTests), with their files made repository paths. */
export interface MergedPassed extends PassedTests {
  leg?: string;
}

export interface Merged {
  tests: TestSet<MergedTest, MergedPassed>;
  findings: Finding[];
  coverage: Map<string, CoverageEntry>;
  diagnostics: Diagnostic[];
  artifacts: Artifact[];
}

const FAILING: ReadonlySet<TestStatus> = new Set(['failed', 'errored']);

/** The outcome of one test seen several times: failed then passed is flaky, not passed. */
function combine(a: TestStatus, b: TestStatus): TestStatus {
  if (a === b) return a;
  if (a === 'skipped') return b;
  if (b === 'skipped') return a;
  if (a === 'flaky' || b === 'flaky') return 'flaky';
  if (FAILING.has(a) && FAILING.has(b)) return a;
  return 'flaky';
}

function mergeTest(into: MergedTest, next: TestCase): void {
  const status = combine(into.status, next.status);
  // Keep the failure of a failing attempt: a flaky test still shows how it failed.
  if (!into.failure && next.failure) into.failure = next.failure;
  if (!into.file && next.file) {
    into.file = next.file;
    into.line = next.line;
  }
  into.status = status;
  into.attempts += next.attempts;
  into.durationMs = into.durationMs !== undefined || next.durationMs !== undefined ? (into.durationMs ?? 0) + (next.durationMs ?? 0) : undefined;
  // Copied, never pushed to: tests seen once share one origins array per file.
  const origins = into.origins ?? [into.origin];
  if (!origins.includes(next.origin)) into.origins = [...origins, next.origin];
}

/**
 * One file may list the same test more than once: retries (web-test-runner, playwright) or
 * separate invocations (TestNG data providers, parameterized runs with one name). Retries stop
 * at the first pass and never follow a skip; any other sequence is distinct invocations.
 */
function looksLikeRetries(runs: TestCase[]): boolean {
  return runs.slice(0, -1).every((t) => FAILING.has(t.status));
}

/** Gives each invocation of a repeated non-retry test its own id: `id #2`, `id #3`, … */
function withinFile(tests: TestCase[]): TestCase[] {
  // Nearly every file names each test once: then there is nothing to regroup.
  const ids = new Set<string>();
  for (const t of tests) ids.add(t.id);
  if (ids.size === tests.length) return tests;
  const byId = new Map<string, TestCase[]>();
  for (const t of tests) {
    const runs = byId.get(t.id);
    if (runs) runs.push(t);
    else byId.set(t.id, [t]);
  }
  const out: TestCase[] = [];
  for (const [id, runs] of byId) {
    if (runs.length === 1 || looksLikeRetries(runs)) out.push(...runs);
    else runs.forEach((t, i) => out.push(i === 0 ? t : { ...t, id: `${id} #${i + 1}` }));
  }
  return out;
}

function findingKey(f: Finding): string {
  return [f.kind, f.package, f.file, f.line, f.column, f.message].join('\u0000');
}

function directoryOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/** A coverage path relative to one of its report's roots, when that names a known file. */
function coveragePath(c: FileCoverage, paths: PathContext): string {
  for (const root of c.roots ?? []) {
    const found = normalizePath(c.path, paths, root);
    // Without the repository's file list, only a root known to lie in the checkout can be trusted.
    if (paths.knownFiles ? paths.knownFiles.has(found) : placeable(root, paths)) return found;
  }
  return normalizePath(c.path, paths);
}

/**
 * The tests of one matrix leg, by id, to their place in `tests`. Tests of a file that knows its
 * ids to be distinct are added unindexed (`pending`) and indexed only once another file of the
 * same leg needs them: a run's one big report costs no lookup per test.
 */
interface LegTests {
  index: Map<string, number>;
  /** The leg's first file, when it was added so: its tests at [from, to), and its passing groups. */
  pending?: { from: number; to: number; passed: MergedPassed[] };
}

export function merge(parsed: readonly Parsed[], paths: PathContext): Merged {
  const byLeg = new Map<string, LegTests>();
  // Every test, in the order first seen.
  const tests: MergedTest[] = [];
  const passed: MergedPassed[] = [];
  const expanded = new Set<MergedPassed>();

  /**
   * Indexes the pending first file of a leg, as another file of the leg arrived: its passing
   * groups become tests, put where the file lists them (tests after it move along, and so do
   * their places in the other legs' indexes).
   */
  const index = (legTests: LegTests, pending: NonNullable<LegTests['pending']>, leg: string | undefined) => {
    legTests.pending = undefined;
    const { from, to } = pending;
    if (pending.passed.length > 0) {
      const own = tests.slice(from, to);
      const made = (group: PassedTests): MergedTest[] => {
        expanded.add(group);
        // New objects, not the parser's: a later merge changes them without copying.
        return passedTests(group).map((t) => Object.assign(t, { origins: [t.origin] }, leg ? { leg } : {}));
      };
      const segment = inFileOrder(own, pending.passed, made);
      const after = tests.splice(to);
      tests.length = from;
      for (const t of segment) tests.push(t);
      for (const t of after) tests.push(t);
      const moved = segment.length - own.length;
      if (after.length > 0) {
        for (const other of byLeg.values()) {
          if (other === legTests) continue;
          for (const [id, at] of other.index) if (at >= to) other.index.set(id, at + moved);
          if (other.pending && other.pending.from >= to) other.pending = { ...other.pending, from: other.pending.from + moved, to: other.pending.to + moved };
        }
      }
      for (let i = from; i < from + segment.length; i++) legTests.index.set(tests[i]!.id, i);
      return;
    }
    for (let i = from; i < to; i++) legTests.index.set(tests[i]!.id, i);
  };
  const findings = new Map<string, Finding>();
  const coverage = new Map<string, CoverageEntry>();
  const diagnostics: Diagnostic[] = [];
  const artifacts: Artifact[] = [];
  // Thousands of tests name the same few files: each distinct path is normalized once.
  const normalized = new Map<string, string>();
  const norm = (p: string | undefined) => {
    if (p === undefined || p === '') return undefined;
    let found = normalized.get(p);
    if (found === undefined) normalized.set(p, (found = normalizePath(p, paths)));
    return found;
  };
  const borrowed = new Set<CoverageEntry>();

  for (const file of [...parsed].sort((a, b) => compareText(a.path, b.path))) {
    const { output } = file;
    const count = testCount(output);
    artifacts.push({
      path: file.path,
      format: file.format,
      ...(output.runner ? { runner: output.runner } : {}),
      ...(output.declared?.length ? { declared: output.declared } : {}),
      ...(count > 0 ? { tests: count } : {}),
      ...(output.coverage.length > 0 ? { coverageFiles: output.coverage.length } : {}),
      ...(output.findings.length > 0 ? { findings: output.findings.length } : {}),
    });
    diagnostics.push(...output.diagnostics);
    const leg = file.leg;
    let legTests = byLeg.get(leg ?? '');
    if (!legTests) byLeg.set(leg ?? '', (legTests = { index: new Map() }));
    const firstInLeg = legTests.index.size === 0 && !legTests.pending;
    if (legTests.pending) index(legTests, legTests.pending, leg);
    const ofLeg = legTests.index;
    // The parser's own test when nothing about it changes; else a copy, made field by field (a
    // spread or Object.assign of half a million tests costs several times more).
    const make = (t: TestCase, borrow: boolean): MergedTest => {
      const file = norm(t.file);
      if (borrow && file === t.file) return t;
      const test: MergedTest = {
        id: t.id,
        name: t.name,
        suite: t.suite,
        package: t.package,
        file,
        line: t.line,
        status: t.status,
        durationMs: t.durationMs,
        attempts: t.attempts,
        failure: t.failure,
        skipReason: t.skipReason,
        origin: t.origin,
        origins: [t.origin],
      };
      if (leg) test.leg = leg;
      return test;
    };
    // Adds the file's tests to its leg's. `firstInLeg`: no other file has added to the leg (a run's
    // one big report), so one set per test does, and a set that does not grow the map is a test
    // this file names twice; then nothing is added and false returned, and the file goes through
    // withinFile. That spares a lookup, and a second set of half a million ids, per test.
    const add = (list: TestCase[], firstInLeg: boolean): boolean => {
      const start = tests.length;
      for (const t of list) {
        if (firstInLeg) {
          ofLeg.set(t.id, tests.length);
          tests.push(make(t, !leg));
          if (ofLeg.size === tests.length - start) continue;
          ofLeg.clear();
          tests.length = start;
          return false;
        }
        const at = ofLeg.get(t.id);
        if (at === undefined) {
          ofLeg.set(t.id, tests.length);
          tests.push(make(t, !leg));
          continue;
        }
        // Seen in another file: a test still borrowed from its parser is copied before it changes.
        let seen = tests[at]!;
        if (!seen.origins) tests[at] = seen = make(seen, false);
        mergeTest(seen, { ...t, file: norm(t.file) });
      }
      return true;
    };
    if (firstInLeg && output.distinctIds) {
      const from = tests.length;
      for (const t of output.tests) tests.push(make(t, !leg));
      // A file whose tests alternate could hold a group per test: pushed one by one, not spread.
      const groups: MergedPassed[] = [];
      for (const group of output.passed ?? []) {
        const file = norm(group.file);
        const into: MergedPassed = file === group.file && !leg ? group : { ...group, file, ...(leg ? { leg } : {}) };
        groups.push(into);
        passed.push(into);
      }
      legTests.pending = { from, to: tests.length, passed: groups };
    } else {
      const list = allTests(output);
      if (!firstInLeg || !add(list, true)) add(withinFile(list), false);
    }
    for (const f of output.findings) {
      const file = norm(f.file);
      // A package that is just the absolute directory of its file (a Python traceback) follows the
      // file into the repository, so ids and subsystems do not depend on where the checkout was.
      const raw = f.file ? toPosix(f.file) : undefined;
      const absolute = raw !== undefined && (raw.startsWith('/') || /^[A-Za-z]:\//.test(raw));
      const pkg = absolute && file && f.package === directoryOf(raw) ? directoryOf(file) : f.package;
      const finding: Finding = { ...f, file, package: pkg };
      // One file's repeats fold; another file's stay, for classify to join with both sources.
      const key = `${findingKey(finding)}\u0000${f.origin}`;
      const seen = findings.get(key);
      if (!seen) findings.set(key, finding);
      else {
        for (const t of finding.tests) if (!seen.tests.includes(t)) seen.tests.push(t);
        if (finding.origin !== seen.origin && !seen.alsoFrom?.includes(finding.origin)) seen.alsoFrom = [...(seen.alsoFrom ?? []), finding.origin];
        // One cause reported once per test it stopped (each CTest test of an executable not built, a JUnit case per cancelled test): it stopped them all.
        for (const b of finding.blocks ?? []) if (!(seen.blocks ??= []).includes(b)) seen.blocks.push(b);
        if (finding.blockedCount) seen.blockedCount = Math.max(seen.blockedCount ?? 0, finding.blockedCount);
      }
    }
    for (const c of output.coverage) {
      const path = coveragePath(c, paths);
      const into = coverage.get(path);
      if (!into) {
        // The report's own lines, copied only if another report adds to them: most files are
        // covered by one report, and a copy of every file's lines is a copy of the whole report.
        const entry: CoverageEntry = { lines: c.lines, ...(c.summary ? { summary: { ...c.summary } } : {}), ...(c.statements ? { statements: c.statements } : {}) };
        borrowed.add(entry);
        coverage.set(path, entry);
        continue;
      }
      if (borrowed.delete(into)) {
        into.lines = new Map(into.lines);
        if (into.statements) into.statements = new Map(into.statements);
      }
      for (const [line, hits] of c.lines) into.lines.set(line, (into.lines.get(line) ?? 0) + hits);
      if (c.statements) {
        into.statements ??= new Map();
        for (const [span, b] of c.statements) into.statements.set(span, { statements: b.statements, hits: (into.statements.get(span)?.hits ?? 0) + b.hits });
      }
      // Counts alone cannot be added up line by line; the better-covered shard is the closer guess.
      if (c.summary && (!into.summary || c.summary.covered > into.summary.covered)) into.summary = { ...c.summary };
    }
  }
  return { tests: new TestSet(tests, expanded.size > 0 ? passed.filter((g) => !expanded.has(g)) : passed), findings: [...findings.values()], coverage, diagnostics, artifacts };
}
