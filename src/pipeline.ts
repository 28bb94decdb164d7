import { compareBlockers, fixedBlockers, missingTests } from './classify/baseline.js';
import type { BlockedTest } from './classify/blocked.js';
import { BINARY_DEATHS, blockedTests } from './classify/blocked.js';
import { classify } from './classify/blockers.js';
import { neverReported } from './classify/declared.js';
import { unreportedTestFiles } from './classify/unreported.js';
import type { TestFile } from './collect/test-files.js';
import { countStatus, emptyCounts, executed, passRate, percent } from './classify/counts.js';
import type { Changes } from './model/changes.js';
import { patchCoverage } from './classify/patch.js';
import { subsystems } from './classify/subsystems.js';
import { evaluateGates, verdictOf } from './gate/gates.js';
import type { Merged } from './merge/merge.js';
import { merge } from './merge/merge.js';
import type { BaselineInfo, Blocker, Diagnostic, Finding, HistoryPoint, Report, RunInfo } from './model/report.js';
import { ReportSchema, sumLineTotals, sumStatementTotals } from './model/report.js';
import type { Parsed } from './parse/index.js';
import type { PathContext } from './text/paths.js';
import { globMatch } from './text/match.js';
import { redactSecrets } from './text/secrets.js';
import type { Settings } from './settings/table.js';
import type { Layout } from './model/layout.js';

export interface PipelineContext {
  settings: Settings;
  paths: PathContext;
  run: RunInfo;
  now: Date;
  /** Problems found before parsing (unreadable files, size cap, unmatched patterns). */
  diagnostics: Diagnostic[];
  /** Blocking problems found before parsing (an artifact that could not be read whole). */
  findings?: readonly Finding[];
  /** Tests declared in source, for packages whose binary died (collect/inventory.ts). */
  inventory?: ReadonlyMap<string, readonly string[]>;
  /** The base branch's report, or why there is none. */
  baseline?: { report?: Report; info: BaselineInfo };
  /** Test files of the workspace, by the runners' conventions (collect/test-files.ts). */
  testFiles?: readonly TestFile[];
  /** Lines this change touches, when known (pull request files or git diff). */
  changes?: Changes;
  /** Names of the artifacts the reports were downloaded from. */
  artifactNames?: string[];
  /** The workspace's projects and top-level folders (collect/projects.ts): what subsystems are. */
  layout?: Layout;
}

/**
 * Test ids by package (or suite), in the order they were first seen: what a later run needs to
 * see tests that stopped running. Merged tests are one per id and leg, so only a run with matrix
 * legs can name a test twice.
 */
function inventoryOf(merged: Merged): Record<string, string[]> {
  const out = merged.tests.idsBy((t) => t.package ?? t.suite);
  if (merged.tests.some((t) => t.leg !== undefined)) for (const [key, ids] of out) out.set(key, [...new Set(ids)]);
  return Object.fromEntries(out);
}

/** A required pattern that matches no report file and no artifact is a P0: part of the run cannot be judged. */
function missingRequired(settings: Settings, parsed: readonly Parsed[], artifactNames: string[]): { findings: Finding[]; found: number } {
  const findings: Finding[] = [];
  let found = 0;
  for (const pattern of settings.requiredArtifacts) {
    if (parsed.some((p) => globMatch(pattern, p.path)) || artifactNames.some((a) => globMatch(pattern, a))) found++;
    else findings.push({ kind: 'missing-artifact', message: `no report file or artifact matches the required pattern '${pattern}'`, tests: [], origin: 'required-artifacts' });
  }
  return { findings, found };
}

function coverageOfLines(merged: Merged) {
  const { covered, total } = sumLineTotals(merged.coverage.values());
  return merged.coverage.size > 0 ? { covered, total, percent: percent(covered, total) } : null;
}

function coverageOfStatements(merged: Merged) {
  const sum = sumStatementTotals(merged.coverage.values());
  return sum ? { statements: { ...sum, percent: percent(sum.covered, sum.total) } } : {};
}

/**
 * Tests the blockers say they stopped (a failed hook's tests, a target that did not build, tests
 * declared but never reported), each once — a cause read from two files is one blocker — and
 * none already blocked by a dead package: named ones by name, counted ones as that many unnamed.
 */
function stoppedByBlockers(blockers: readonly Blocker[], seen: Set<string>): BlockedTest[] {
  const out: BlockedTest[] = [];
  for (const b of blockers) {
    const pkg = b.package ?? b.file ?? '';
    for (const name of b.blocked) {
      const key = `${pkg}::${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name, package: pkg });
    }
    if (b.blockedUnnamed) out.push({ name: '', package: pkg, count: b.blockedUnnamed });
  }
  return out;
}

/** Before anything is cut into a title, so that no part of a key survives the cut. */
function credentialsOutOfEvidence(merged: Merged): void {
  for (const t of merged.tests.notPassed()) {
    if (t.failure) t.failure = { ...t.failure, message: redactSecrets(t.failure.message), ...(t.failure.details ? { details: redactSecrets(t.failure.details) } : {}) };
    if (t.skipReason) t.skipReason = redactSecrets(t.skipReason);
  }
  for (const f of merged.findings) {
    f.message = redactSecrets(f.message);
    if (f.excerpt) f.excerpt = redactSecrets(f.excerpt);
  }
}

/**
 * Credentials a test printed are cut from everything the report says in words: blockers,
 * diagnostics, what the baseline had. Test names and ids are left as written.
 */
function withoutCredentials(report: Report): void {
  for (const b of report.blockers) {
    b.title = redactSecrets(b.title);
    if (b.message) b.message = redactSecrets(b.message);
    if (b.details) b.details = redactSecrets(b.details);
    for (const l of b.locations) if (l.message) l.message = redactSecrets(l.message);
  }
  for (const d of report.diagnostics) d.message = redactSecrets(d.message);
  for (const f of report.fixed) f.title = redactSecrets(f.title);
  if (report.baseline.reason) report.baseline.reason = redactSecrets(report.baseline.reason);
}

const HISTORY = 10;

/** The baseline's own history and the baseline itself: each base-branch report carries the trend on. */
function historyOf(baseline: Report): HistoryPoint[] {
  const point = { ...(baseline.run.sha ? { sha: baseline.run.sha } : {}), generatedAt: baseline.generatedAt, passRate: baseline.passRate, coverage: baseline.coverage?.lines.percent ?? null };
  return [...baseline.history, point].slice(-HISTORY);
}

/** merge → classify → compare → gate → report: a pure function of what was parsed. */
export function buildReport(parsed: readonly Parsed[], ctx: PipelineContext): Report {
  const merged = merge(parsed, ctx.paths);
  credentialsOutOfEvidence(merged);
  const required = missingRequired(ctx.settings, parsed, ctx.artifactNames ?? []);
  merged.findings.push(...(ctx.findings ?? []), ...required.findings, ...neverReported(merged.artifacts, merged.findings));
  const testFiles = unreportedTestFiles(ctx.testFiles ?? [], merged, ctx.settings.testFiles.some((g) => !g.startsWith('!')));
  merged.findings.push(...testFiles.findings);
  const baseline = ctx.baseline?.report;
  const inventory = inventoryOf(merged);

  const dead = new Set(merged.findings.filter((f) => BINARY_DEATHS.has(f.kind) && f.package).map((f) => f.package!));
  const fromSource = blockedTests(merged, ctx.inventory ?? new Map());
  const fromBaseline = baseline ? missingTests(inventory, baseline, dead) : { blocked: [], removed: [] };
  const seen = new Set(fromSource.map((t) => `${t.package}::${t.name}`));
  const blocked = [...fromSource, ...fromBaseline.blocked.filter((t) => !seen.has(`${t.package}::${t.name}`))];
  for (const t of blocked) seen.add(`${t.package}::${t.name}`);

  const tests = emptyCounts();
  merged.tests.tally((status, count) => countStatus(tests, status, count));
  // Zero tests where the baseline had tests: the suite did not run at all.
  if (baseline && baseline.tests.total > 0 && tests.total === 0) {
    merged.findings.push({ kind: 'missing-artifact', message: `no test ran, where the baseline ran ${baseline.tests.total}`, tests: [], origin: 'baseline' });
  }

  const blockers = classify(merged, ctx.settings, ctx.now, blocked, ctx.layout);
  if (baseline) compareBlockers(blockers, baseline);
  const stopped = stoppedByBlockers(blockers, seen);
  tests.blocked = blocked.length + stopped.reduce((sum, t) => sum + (t.count ?? 1), 0);

  const lines = coverageOfLines(merged);
  const baselineCoverage = baseline?.coverage?.lines.percent ?? null;
  const delta = lines?.percent != null && baselineCoverage !== null ? Math.round((lines.percent - baselineCoverage) * 100) / 100 : null;
  const coverage = lines ? { lines, ...coverageOfStatements(merged), ...(baseline ? { delta } : {}) } : null;

  const systems = subsystems(merged, [...blocked, ...stopped], blockers, merged.coverage, ctx.paths, ctx.settings, ctx.layout);
  if (baseline) {
    for (const s of systems) {
      const before = baseline.subsystems.find((b) => b.name === s.name)?.coverage?.percent;
      if (before != null && s.coverage?.percent != null) s.coverageDelta = Math.round((s.coverage.percent - before) * 100) / 100;
    }
  }
  const patch = ctx.changes ? patchCoverage(ctx.changes, merged.coverage) : null;

  const byPriority = { P0: 0, P1: 0, P2: 0, P3: 0 };
  for (const b of blockers) byPriority[b.priority]++;
  const rate = passRate(tests);
  const gates = evaluateGates(ctx.settings, {
    blockers: byPriority,
    passRate: rate,
    coverage: lines?.percent ?? null,
    testsRun: executed(tests),
    coverageDrop: delta === null ? null : Math.max(0, -delta),
    patch,
    subsystems: systems,
    requiredFound: required.found,
  });

  const report: Report = {
    schemaVersion: 1,
    name: ctx.settings.name,
    verdict: verdictOf(gates),
    generatedAt: ctx.now.toISOString(),
    run: ctx.run,
    tests,
    passRate: rate,
    coverage,
    blockers,
    subsystems: systems,
    gates,
    artifacts: merged.artifacts,
    diagnostics: [...ctx.diagnostics, ...merged.diagnostics],
    inventory,
    baseline: ctx.baseline?.info ?? { found: false, reason: 'no baseline was given' },
    fixed: baseline ? fixedBlockers(blockers, baseline) : [],
    removedTests: fromBaseline.removed,
    patchCoverage: patch,
    testFiles: testFiles.info,
    history: baseline ? historyOf(baseline) : [],
  };
  withoutCredentials(report);
  // The report is a contract: never hand out one that does not match its own schema. The
  // inventory is left out of that check: it is built above from the tests' ids and keys (strings
  // by their types), and checking half a million ids one by one cost more than all the rest.
  const checked = ReportSchema.parse({ ...report, inventory: {} });
  checked.inventory = inventory;
  return checked;
}
