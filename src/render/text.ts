import type { Report } from '../model/report.js';
import { plain } from './escape.js';
import { fmtGateValue, fmtPercent, fmtTarget, priorityCounts, where } from './format.js';

export interface TextOptions {
  /** Where the report JSON was written (--json), if it was: the blockers left out are there. */
  json?: string;
  maxBlockers?: number;
}

/**
 * Text of a report on one line: a name with a line break in it could start a line with `::`,
 * which the Actions runner reads as a workflow command when the CLI runs in a workflow.
 */
function oneLine(text: string): string {
  return plain(text).replace(/\s+/g, ' ');
}

/** The short verdict the CLI prints: enough to act on in a terminal, the rest is in the markdown/JSON. */
export function renderText(report: Report, { json, maxBlockers = 20 }: TextOptions = {}): string {
  const p = priorityCounts(report);
  const t = report.tests;
  const lines = [
    `Verdict: ${report.verdict}  (P0 ${p.P0} · P1 ${p.P1} · P2 ${p.P2} · P3 ${p.P3})`,
    `Tests: ${t.total} total — ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped, ${t.flaky} flaky, ${t.blocked} blocked · pass rate ${fmtPercent(report.passRate)}`,
    report.coverage
      ? `Coverage: ${fmtPercent(report.coverage.lines.percent)} of lines (${report.coverage.lines.covered}/${report.coverage.lines.total})${report.coverage.statements ? `, ${fmtPercent(report.coverage.statements.percent)} of statements (${report.coverage.statements.covered}/${report.coverage.statements.total})` : ''}`
      : 'Coverage: no coverage data',
  ];
  for (const g of report.gates) {
    lines.push(`  ${g.passed ? 'pass' : 'FAIL'}  ${g.metric}: ${fmtGateValue(g, g.actual)} (target ${fmtTarget(g)})`);
  }
  const shown = report.blockers.filter((b) => b.priority !== 'P3').slice(0, maxBlockers);
  for (const b of shown) {
    const loc = where(b.file, b.line);
    lines.push(`${b.priority}  ${oneLine(b.title)}${loc ? `  (${oneLine(loc)})` : ''}`);
  }
  const rest = report.blockers.length - shown.length;
  if (rest > 0) {
    const allOfThem = json ? ` in the full report, ${json}` : ': run with --json FILE for all of them';
    lines.push(`…and ${rest} more blocker${rest === 1 ? '' : 's'} (P3 and beyond the first ${maxBlockers})${allOfThem}`);
  }
  if (report.diagnostics.length > 0) {
    lines.push(`${report.diagnostics.length} file problem${report.diagnostics.length === 1 ? '' : 's'}:`);
    // Paths come from untrusted reports too: no escape sequence reaches the terminal.
    for (const d of report.diagnostics.slice(0, 10)) lines.push(`  ${oneLine(where(d.file, d.line) ?? '')}: ${oneLine(d.message)}`);
  }
  return lines.join('\n');
}
