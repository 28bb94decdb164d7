import type { Report } from '../model.js';
import { priorityCounts } from './format.js';

/** Step outputs: small values a later step can branch on. Percentages are plain numbers; '' when unknown. */
export function renderOutputs(report: Report, reportPath: string): Record<string, string> {
  const p = priorityCounts(report);
  return {
    verdict: report.verdict,
    'pass-rate': report.passRate === null ? '' : String(report.passRate),
    coverage: report.coverage?.lines.percent == null ? '' : String(report.coverage.lines.percent),
    p0: String(p.P0),
    p1: String(p.P1),
    p2: String(p.P2),
    p3: String(p.P3),
    'report-path': reportPath,
  };
}
