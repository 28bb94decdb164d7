import type { Report } from '../model/report.js';
import { priorityCounts } from './format.js';

/**
 * Step outputs: small values a later step can branch on. Numbers are plain (no `%`, no `+`: the
 * expression language reads a string as a number only in JSON's syntax); '' when unknown.
 */
export function renderOutputs(report: Report, reportPath: string): Record<string, string> {
  const p = priorityCounts(report);
  return {
    verdict: report.verdict,
    tests: String(report.tests.total),
    // Blocked tests never ran: they are counted on the blocker that stopped them, not as failed.
    failed: String(report.tests.failed + report.tests.errored),
    'pass-rate': numberOrEmpty(report.passRate),
    coverage: numberOrEmpty(report.coverage?.lines.percent),
    'coverage-delta': numberOrEmpty(report.coverage?.delta),
    'patch-coverage': numberOrEmpty(report.patchCoverage?.percent),
    p0: String(p.P0),
    p1: String(p.P1),
    p2: String(p.P2),
    p3: String(p.P3),
    'report-path': reportPath,
  };
}

function numberOrEmpty(value: number | null | undefined): string {
  return value == null ? '' : String(value);
}
