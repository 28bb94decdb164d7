import { blockedTests } from './classify/blocked.js';
import { classify } from './classify/blockers.js';
import { countStatus, emptyCounts, executed, passRate, percent } from './classify/counts.js';
import { subsystems } from './classify/subsystems.js';
import { evaluateGates, verdictOf } from './gate.js';
import { merge } from './merge.js';
import type { Diagnostic, Report, RunInfo } from './model.js';
import { lineTotals, ReportSchema } from './model.js';
import type { Parsed } from './parse/index.js';
import type { PathContext } from './paths.js';
import type { Settings } from './settings.js';

export interface PipelineContext {
  settings: Settings;
  paths: PathContext;
  run: RunInfo;
  now: Date;
  /** Problems found before parsing (unreadable files, size cap, unmatched patterns). */
  diagnostics: Diagnostic[];
  /** Tests declared in source, for packages whose binary died (collect/inventory.ts). */
  inventory?: ReadonlyMap<string, readonly string[]>;
}

/** merge → classify → gate → report: a pure function of what was parsed. */
export function buildReport(parsed: readonly Parsed[], ctx: PipelineContext): Report {
  const merged = merge(parsed, ctx.paths);
  const blocked = blockedTests(merged, ctx.inventory ?? new Map());
  const blockers = classify(merged, ctx.settings.policy, ctx.now, blocked);

  const tests = emptyCounts();
  for (const t of merged.tests) countStatus(tests, t.status);
  tests.blocked = blocked.length;

  let covered = 0;
  let total = 0;
  for (const entry of merged.coverage.values()) {
    const t = lineTotals(entry);
    covered += t.covered;
    total += t.total;
  }
  const coverage = merged.coverage.size > 0 ? { lines: { covered, total, percent: percent(covered, total) } } : null;

  const byPriority = { P0: 0, P1: 0, P2: 0, P3: 0 };
  for (const b of blockers) byPriority[b.priority]++;
  const rate = passRate(tests);
  const gates = evaluateGates(ctx.settings.gates, {
    blockers: byPriority,
    passRate: rate,
    coverage: coverage?.lines.percent ?? null,
    testsRun: executed(tests),
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
    subsystems: subsystems(merged.tests, blocked, blockers, merged.coverage, ctx.paths, ctx.settings.policy),
    gates,
    artifacts: merged.artifacts,
    diagnostics: [...ctx.diagnostics, ...merged.diagnostics],
  };
  // The report is a contract: never hand out one that does not match its own schema.
  return ReportSchema.parse(report);
}
