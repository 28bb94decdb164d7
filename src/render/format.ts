import type { Gate, Report } from '../model/report.js';

export function fmtPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(2).replace(/\.?0+$/, '')}%`;
}

export function fmtGateValue(gate: Gate, value: number | null): string {
  if (value === null) return gate.note ?? 'no data';
  if (gate.unit === 'percent') return fmtPercent(value);
  if (gate.unit === 'points') return `${value.toFixed(2).replace(/\.?0+$/, '')} points`;
  return String(value);
}

export function fmtTarget(gate: Gate): string {
  return `${gate.comparator === '<=' ? '≤' : '≥'} ${fmtGateValue(gate, gate.target)}`;
}

export function priorityCounts(report: Report): Record<'P0' | 'P1' | 'P2' | 'P3', number> {
  const counts = { P0: 0, P1: 0, P2: 0, P3: 0 };
  for (const b of report.blockers) counts[b.priority]++;
  return counts;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function where(file: string | undefined, line?: number, column?: number): string | undefined {
  if (!file) return undefined;
  return `${file}${line ? `:${line}` : ''}${line && column ? `:${column}` : ''}`;
}

/** A link to a file at the commit the report is about, or undefined when the run does not say which. */
export function fileUrl(report: Report, file: string, line?: number): string | undefined {
  const { serverUrl, repository, sha } = report.run;
  if (!serverUrl || !repository || !sha) return undefined;
  // Only a file of this repository: `../../other/repo/issues/new` from a report would link elsewhere.
  if (file.split('/').some((part) => part === '..' || part === '.' || part === '') || /^[A-Za-z]:/.test(file)) return undefined;
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  return `${serverUrl}/${repository}/blob/${sha}/${encoded}${line ? `#L${line}` : ''}`;
}

export const PRIORITY_HEADINGS = {
  P0: 'P0 — build or run broken: tests gave no answer',
  P1: 'P1 — must fix before merge',
  P2: 'P2 — should fix',
  P3: 'P3 — low',
} as const;

/** A report name as it appears in file names, artifact names and the comment marker. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'verdict';
}
