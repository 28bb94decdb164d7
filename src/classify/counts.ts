import type { TestCounts, TestStatus } from '../model/report.js';

export function emptyCounts(): TestCounts {
  return { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0, blocked: 0 };
}

export function countStatus(counts: TestCounts, status: TestStatus, tests = 1): void {
  counts.total += tests;
  counts[status] += tests;
}

/** Percent of (passed + flaky) over everything that should have run, blocked tests included; null when nothing did. */
export function passRate(c: TestCounts): number | null {
  const denominator = c.passed + c.flaky + c.failed + c.errored + c.blocked;
  return denominator === 0 ? null : percent(c.passed + c.flaky, denominator);
}

/**
 * A percentage rounded *down* to two decimals: 99.996% must never be shown (or gated) as 100%.
 */
export function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((part / whole) * 10000 + 1e-9) / 100;
}

export function executed(c: TestCounts): number {
  return c.passed + c.flaky + c.failed + c.errored;
}
