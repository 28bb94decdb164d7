import type { Priority, Report } from '../model/report.js';
import { plain } from './escape.js';

/** A check-run annotation, in the shape the Checks API takes. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
  raw_details?: string;
}

const LEVEL: Record<Priority, Annotation['annotation_level']> = { P0: 'failure', P1: 'failure', P2: 'warning', P3: 'notice' };
// The Checks API's own limits for one annotation.
const MAX_TITLE = 255;
const MAX_MESSAGE = 64 * 1024 - 1;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Notices on changed lines no test ran, one per uncovered range, at most `max`. */
function uncoveredChanges(report: Report, max: number): Annotation[] {
  const out: Annotation[] = [];
  if (max <= 0) return out;
  for (const f of report.patchCoverage?.files ?? []) {
    for (const range of f.uncovered.split(', ').filter(Boolean)) {
      const [start, end = start] = range.split('-').map(Number) as [number, number?];
      out.push({
        path: f.path,
        start_line: start,
        end_line: end,
        annotation_level: 'notice',
        title: 'Changed lines not covered',
        message: `Line${start === end ? ` ${start} was` : `s ${range} were`} changed and no test ran ${start === end ? 'it' : 'them'}.`,
      });
      if (out.length >= max) return out;
    }
  }
  return out;
}

/**
 * One annotation per place a blocker shows up (each failing test's file:line, each compile
 * error), most important first, at most `max`; `omitted` says how many more there were. Then,
 * when asked, notices on uncovered changed lines (at most `maxUncovered`).
 */
export function renderAnnotations(report: Report, max: number, maxUncovered = 0): { annotations: Annotation[]; omitted: number } {
  const all: Annotation[] = [];
  for (const b of report.blockers) {
    const places = b.locations.length > 0 ? b.locations : b.file ? [{ file: b.file, line: b.line, test: undefined, message: b.message }] : [];
    for (const l of places) {
      const line = l.line ?? 1;
      const what = l.test ? ` ${l.test}` : '';
      all.push({
        path: l.file,
        start_line: line,
        end_line: line,
        annotation_level: LEVEL[b.priority],
        title: cut(plain(`${b.priority} ${b.category}:${what}`).replace(/\s+/g, ' '), MAX_TITLE),
        message: cut(plain([l.message ?? b.message ?? b.title, b.rule].filter(Boolean).join('\n\n')), MAX_MESSAGE),
        ...(b.details ? { raw_details: cut(plain(b.details), MAX_MESSAGE) } : {}),
      });
    }
  }
  const shown = all.slice(0, max);
  return { annotations: [...shown, ...uncoveredChanges(report, Math.min(maxUncovered, max - shown.length))], omitted: Math.max(0, all.length - max) };
}
