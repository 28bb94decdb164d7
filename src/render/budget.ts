import type { Report } from '../model/report.js';
import type { MarkdownOptions } from './markdown.js';
import { renderMarkdown } from './markdown.js';

/*
 * GitHub refuses a comment over 65,536 characters, a check-run summary over 65,535 and a job
 * summary over 1 MiB. A large report is degraded step by step — low priorities collapsed first,
 * then details, then long lists cut with "…and N more" — until it fits; the full report stays in
 * the job summary and the report artifact.
 */

export const LIMITS = {
  comment: 65_536,
  checkSummary: 65_535,
  jobSummaryBytes: 1024 * 1024,
} as const;

/** From the full rendering down to the most collapsed one. */
export const LADDER: readonly MarkdownOptions[] = [
  {},
  { collapse: ['P3'] },
  { collapse: ['P3', 'P2'] },
  { collapse: ['P3', 'P2'], maxDetailLines: 15, maxLocations: 25, maxDiagnostics: 50 },
  { collapse: ['P3', 'P2'], maxDetailLines: 0, maxLocations: 10, maxBlockersPerPriority: 100, maxSubsystems: 100, maxDiagnostics: 20 },
  { collapse: ['P3', 'P2', 'P1'], maxDetailLines: 0, maxLocations: 5, maxBlockersPerPriority: 30, maxSubsystems: 40, maxDiagnostics: 10 },
  { collapse: ['P3', 'P2', 'P1', 'P0'], maxDetailLines: 0, maxLocations: 3, maxBlockersPerPriority: 10, maxSubsystems: 15, maxDiagnostics: 5 },
];

export interface Fitted {
  markdown: string;
  /** 0 when the full report fits; the ladder step used otherwise. */
  step: number;
}

/**
 * The check run's text, beside annotations that carry each stack in full: stacks go first, so
 * that every blocker keeps its rule, id, sources and places as long as it can.
 */
export const CHECK_LADDER: readonly MarkdownOptions[] = [{}, { maxDetailLines: 10 }, { maxDetailLines: 0 }, { maxDetailLines: 0, maxLocations: 10, maxDiagnostics: 50 }, ...LADDER.slice(4)];

/** The fullest rendering whose `measure` is within `limit`. */
export function fitMarkdown(
  report: Report,
  limit: number,
  options: { marker?: string; measure?: (text: string) => number; fullReportAt?: string; ladder?: readonly MarkdownOptions[] } = {},
): Fitted {
  const measure = options.measure ?? ((t: string) => t.length);
  const where = options.fullReportAt ?? 'the job summary and the report JSON artifact';
  const ladder = options.ladder ?? LADDER;
  for (let step = 0; step < ladder.length; step++) {
    // Characters are never more than UTF-8 bytes: past `limit` characters a rendering cannot fit.
    let markdown = renderMarkdown(report, { ...ladder[step], marker: options.marker, stopAfter: limit });
    if (step > 0) markdown += `\n> Shortened to fit GitHub's size limit; the full report is in ${where}.\n`;
    if (measure(markdown) <= limit) return { markdown, step };
  }
  // Nothing on the ladder fits (a pathological report): cut at a line, and say so.
  const note = `\n\n> Cut to fit GitHub's size limit; the full report is in ${where}.\n`;
  const smallest = renderMarkdown(report, { ...ladder[ladder.length - 1], marker: options.marker });
  let end = smallest.length;
  while (end > 0 && measure(smallest.slice(0, end) + note) > limit) end = smallest.lastIndexOf('\n', end - 1);
  return { markdown: smallest.slice(0, Math.max(0, end)) + note, step: ladder.length };
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
