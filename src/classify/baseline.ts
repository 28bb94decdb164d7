import type { Blocker, Report } from '../model/report.js';
import type { BlockedTest } from './blocked.js';

/*
 * A gate that only sees this run cannot tell "this change broke it" from "it was already
 * broken", nor see tests that silently stopped running. The baseline — the report of the base
 * branch — answers both.
 */

const FAILURES = new Set(['test-failure', 'test-error']);

function failingTestsOf(report: Report): Set<string> {
  return new Set(report.blockers.filter((b) => FAILURES.has(b.category)).flatMap((b) => b.tests.map((t) => `${b.package ?? ''}::${t}`)));
}

/**
 * Marks each blocker new or existing. A failure that already failed on the baseline is P2 —
 * not caused by this change — unless a critical path or a config rule placed it.
 */
export function compareBlockers(blockers: Blocker[], baseline: Report): void {
  const before = new Set(baseline.blockers.map((b) => b.id));
  const failedBefore = failingTestsOf(baseline);
  for (const b of blockers) {
    const existing = before.has(b.id) || (FAILURES.has(b.category) && b.tests.length > 0 && b.tests.every((t) => failedBefore.has(`${b.package ?? ''}::${t}`)));
    b.status = existing ? 'existing' : 'new';
    if (existing && FAILURES.has(b.category) && b.priority === 'P1') {
      b.priority = 'P2';
      b.rule = `P2: already failing on the baseline${baseline.run.sha ? ` (${baseline.run.sha.slice(0, 7)})` : ''}, so not caused by this change; still worth fixing.`;
    }
  }
}

/** Blockers of the baseline that are gone. Skips are not "fixed" by disappearing, so they are left out. */
export function fixedBlockers(blockers: Blocker[], baseline: Report): Report['fixed'] {
  const now = new Set(blockers.map((b) => b.id));
  return baseline.blockers
    .filter((b) => !now.has(b.id) && b.category !== 'skipped')
    .map((b) => ({ id: b.id, priority: b.priority, category: b.category, title: b.title, tests: b.tests }));
}

/**
 * Tests the baseline ran that did not run now: blocked when their package no longer builds or
 * its binary died (`dead`), removed otherwise. Ids are `<package-or-suite>::<name>`.
 */
export function missingTests(
  inventoryNow: Record<string, string[]>,
  baseline: Report,
  dead: ReadonlySet<string>,
): { blocked: BlockedTest[]; removed: Report['removedTests'] } {
  const blocked: BlockedTest[] = [];
  const removed: Report['removedTests'] = [];
  for (const [pkg, ids] of Object.entries(baseline.inventory)) {
    const present = new Set(inventoryNow[pkg] ?? []);
    // Sorted, whatever order the baseline's run saw them in: lists a reader can scan.
    for (const id of ids.filter((id) => !present.has(id)).sort()) {
      const test = id.slice(id.lastIndexOf('::') + 2) || id;
      if (dead.has(pkg)) blocked.push({ name: test, package: pkg });
      else removed.push({ package: pkg, test });
    }
  }
  return { blocked, removed };
}
