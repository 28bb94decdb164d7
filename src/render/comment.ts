import type { Blocker, Report, Subsystem } from '../model/report.js';
import { PRIORITIES } from '../model/report.js';
import { code, codeBlock, inline, plain } from './escape.js';
import { fileUrl, fmtGateValue, fmtPercent, fmtTarget, plural, priorityCounts, where } from './format.js';
import { baselineLine, changesSections, inputsSection, locationText } from './markdown.js';
import { trimStack } from './stack.js';

/*
 * The PR comment: what a reviewer reads in ten seconds. Its first screen is the decision — the
 * verdict, the gates that failed with actual against target, the top blockers one line each
 * (priority, what, file:line, tests) — and everything else is one click away in <details>: a
 * blocker's locations and trimmed stack, subsystems, changes, what was read. Rules, ids and
 * sources are in the check run and the job summary (the full report), never lost.
 * Tables have at most 6 short columns: GitHub's comment column is about 780 px wide.
 */

export interface CommentOptions {
  marker?: string;
  /** Blockers in the first screen's table. */
  top?: number;
  /** Blockers whose locations and stack are folded under the table. */
  detailed?: number;
  maxLocations?: number;
  maxDetailLines?: number;
  maxSubsystems?: number;
  maxItems?: number;
  /** Where the full list is, for "…and N more" (the check run, the job summary). */
  fullReportAt?: string;
}

const READINESS_ICON = { READY: '🟢', CAUTION: '🟡', 'NOT READY': '🔴', UNKNOWN: '⚪' } as const;
const PRIORITY_ICON = { P0: '⛔', P1: '🔴', P2: '🟡', P3: '⚪' } as const;

/**
 * A long name shortened in the middle, where paths and test names differ least: the start says
 * where, the end says which. `max` counts characters of the result.
 */
export function middle(text: string, max: number): string {
  const t = plain(text).replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const tail = Math.ceil((max - 1) * 0.6);
  const head = max - 1 - tail;
  return `${t.slice(0, head).replace(/[\uD800-\uDBFF]$/, '')}…${t.slice(t.length - tail).replace(/^[\uDC00-\uDFFF]/, '')}`;
}

/** One line of at most `max` characters, cut with an ellipsis: a table cell, not a report. */
function clip(text: string, max: number): string {
  const t = plain(text).replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/**
 * A link title (shown on hover): the full name. Markdown reads escapes and entities in a title,
 * so inline()'s escaping shows the text as written; a `"` would end the title, so it is escaped too.
 */
function linkTitle(text: string): string {
  return ` "${inline(text, 300).replace(/"/g, '\\"')}"`;
}

/** `file:line`, middle-shortened, linked to the line with the full path in the link's title. */
function shortLocation(report: Report, file: string, line?: number): string {
  const full = where(file, line)!;
  const label = code(middle(full, 32), 60, true);
  const url = fileUrl(report, file, line)?.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return url ? `[${label}](${url}${full.length > 32 ? linkTitle(full) : ''})` : label;
}

/** Tests a blocker concerns: the ones that failed, and the ones it kept from running. */
function testCount(b: Blocker): string {
  const failed = b.tests.length;
  const blocked = b.blocked.length + (b.blockedUnnamed ?? 0);
  return [failed ? String(failed) : '', blocked ? `${blocked} blocked` : ''].filter(Boolean).join(' + ') || '—';
}

function failedGates(report: Report): string[] {
  const failed = report.gates.filter((g) => !g.passed);
  if (report.gates.length === 0) return ['_No gates configured._'];
  if (failed.length === 0) return [`✅ All ${plural(report.gates.length, 'gate')} hold.`];
  return [
    '| Gate that failed | Actual | Target |',
    '|---|---:|---:|',
    ...failed.map((g) => `| ❌ ${inline(g.metric, 60)} | **${fmtGateValue(g, g.actual)}** | ${fmtTarget(g)} |`),
  ];
}

function topBlockers(report: Report, top: number, fullAt: string): string[] {
  if (report.blockers.length === 0) return ['No blockers. 🎉'];
  const shown = report.blockers.slice(0, top);
  const rows = shown.map((b) => {
    const status = b.status === 'new' ? ' 🆕' : '';
    return `| ${PRIORITY_ICON[b.priority]} ${b.priority} | ${inline(clip(b.title, 90))}${status} | ${b.file ? shortLocation(report, b.file, b.line) : '—'} | ${testCount(b)} |`;
  });
  const rest = report.blockers.length - shown.length;
  return [
    '| | Blocker | Where | Tests |',
    '|---|---|---|---:|',
    ...rows,
    ...(rest > 0 ? ['', `…and ${rest} more (${PRIORITIES.map((p) => [p, report.blockers.slice(top).filter((b) => b.priority === p).length] as const).filter(([, n]) => n > 0).map(([p, n]) => `${p} ${n}`).join(' · ')}): every one in ${fullAt}.`] : []),
  ];
}

/** One blocker unfolded: where else it shows up, which tests never ran, its stack without runner frames. */
function blockerDetail(report: Report, b: Blocker, opts: Required<CommentOptions>): string[] {
  const out = [`**${b.priority} · ${inline(b.title, 200)}**`, ''];
  for (const l of b.locations.slice(0, opts.maxLocations)) {
    const msg = l.message && (!l.test || l.message !== b.message) ? ` — ${inline(l.message, 160)}` : '';
    out.push(`- ${locationText(report, l.file, l.line, l.column)}${l.test ? ` ${code(l.test, 120)}` : ''}${msg}`);
  }
  if (b.locations.length > opts.maxLocations) out.push(`- …and ${b.locations.length - opts.maxLocations} more places`);
  const blocked = b.blocked.length + (b.blockedUnnamed ?? 0);
  if (blocked > 0) out.push(`- Never ran: ${blocked}${b.blocked.length ? ` (${b.blocked.slice(0, opts.maxLocations).map((t) => code(t, 80)).join(', ')}${b.blocked.length > opts.maxLocations ? ', …' : ''})` : ''}`);
  if (b.details && opts.maxDetailLines > 0) out.push('', codeBlock(trimStack(b.details).text, opts.maxDetailLines));
  return [...out, ''];
}

/** A bar of ten cells: coverage against the target the gates set (`┃` marks the target). */
export function coverageBar(percent: number | null | undefined, target: number | undefined): string {
  if (percent === null || percent === undefined) return '—';
  const filled = Math.round(percent / 10);
  const cells = [...'▰'.repeat(filled) + '▱'.repeat(10 - filled)];
  const mark = target === undefined ? '' : percent >= target ? ' ✅' : ` ⚠️ < ${fmtPercent(target)}`;
  return `${cells.join('')} ${fmtPercent(percent)}${mark}`;
}

function coverageTarget(report: Report, s: Subsystem): number | undefined {
  return (report.gates.find((g) => g.name === `min-coverage:${s.name}`) ?? report.gates.find((g) => g.name === 'min-coverage'))?.target;
}

/** Six short columns: name, readiness, tests, failed, coverage as a bar against its target, blockers. */
export function subsystemRows(report: Report, max: number): string[] {
  if (report.subsystems.length === 0) return [];
  // The subsystems that need a look first: not ready, then by failures, then by name.
  const order = { 'NOT READY': 0, CAUTION: 1, UNKNOWN: 2, READY: 3 } as const;
  const sorted = [...report.subsystems].sort((a, b) => order[a.readiness] - order[b.readiness] || b.tests.failed + b.tests.errored - (a.tests.failed + a.tests.errored) || a.name.localeCompare(b.name));
  const rows = sorted.slice(0, max).map((s) => {
    const blockers = PRIORITIES.filter((p) => s.blockers[p] > 0).map((p) => `${p}×${s.blockers[p]}`).join(' ') || '—';
    const failed = s.tests.failed + s.tests.errored;
    return `| ${code(middle(s.name, 28), 60, true)} | ${READINESS_ICON[s.readiness]} | ${s.tests.total}${s.tests.blocked ? ` (+${s.tests.blocked} blocked)` : ''} | ${failed || '—'} | ${coverageBar(s.coverage?.percent, coverageTarget(report, s))} | ${blockers} |`;
  });
  return [
    '| Subsystem | | Tests | Failed | Line coverage | Blockers |',
    '|---|---|---:|---:|---|---|',
    ...rows,
    ...(report.subsystems.length > max ? ['', `…and ${report.subsystems.length - max} more subsystems`] : []),
  ];
}

/**
 * Pass rate and line coverage over the base branch's last reports and this change, as a Mermaid
 * chart GitHub draws: a drop shows at a glance. A series with a missing figure is left out.
 */
export function trendChart(report: Report): string[] {
  if (report.history.length === 0) return [];
  const points = [...report.history, { sha: undefined, generatedAt: report.generatedAt, passRate: report.passRate, coverage: report.coverage?.lines.percent ?? null }];
  const labels = points.map((p, i) => (i === points.length - 1 ? 'this change' : p.sha ? p.sha.slice(0, 7).replace(/[^0-9a-f]/gi, '') : p.generatedAt.slice(0, 10)));
  const series = (['passRate', 'coverage'] as const).filter((k) => points.every((p) => p[k] !== null));
  if (series.length === 0) return [];
  const names = { passRate: 'pass rate', coverage: 'line coverage' };
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${series.map((k) => names[k]).join(' and ')}, %: base branch, then this change"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    '  y-axis "percent" 0 --> 100',
    ...series.map((k) => `  line [${points.map((p) => p[k]).join(', ')}]`),
    '```',
    '',
    series.map((k, i) => `${i === 0 ? 'First line' : 'Second line'}: ${names[k]} (${points.map((p) => fmtPercent(p[k])).join(' → ')})`).join(' · '),
  ];
}

function details(summary: string, body: string[]): string[] {
  return body.length === 0 ? [] : ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

export function renderComment(report: Report, options: CommentOptions = {}): string {
  const opts: Required<CommentOptions> = {
    marker: '',
    top: 5,
    detailed: 10,
    maxLocations: 5,
    maxDetailLines: 25,
    maxSubsystems: 30,
    maxItems: 10,
    fullReportAt: 'the check run and the job summary',
    ...options,
  };
  const p = priorityCounts(report);
  const t = report.tests;
  const failed = report.gates.filter((g) => !g.passed).length;
  const icon = report.verdict === 'GO' ? '✅' : '❌';
  const facts = [
    failed > 0 ? `**${failed} of ${plural(report.gates.length, 'gate')} failed**` : '',
    `${plural(t.total, 'test')}, ${t.failed + t.errored} failed${t.blocked ? `, ${t.blocked} never ran` : ''}`,
    report.coverage ? `line coverage ${fmtPercent(report.coverage.lines.percent)}` : '',
    report.blockers.length > 0 ? PRIORITIES.filter((x) => p[x] > 0).map((x) => `${x} ${p[x]}`).join(' · ') : '',
  ].filter(Boolean);
  const detailed = report.blockers.slice(0, opts.detailed);
  const lines = [
    ...(opts.marker ? [opts.marker] : []),
    `## ${icon} ${report.verdict} — ${inline(report.name, 120)}`,
    '',
    facts.join(' · '),
    '',
    ...failedGates(report),
    '',
    ...topBlockers(report, opts.top, opts.fullReportAt),
    '',
    ...details(`Where and why: ${detailed.length === report.blockers.length ? `all ${plural(detailed.length, 'blocker')}` : `the first ${detailed.length} blockers`} (places, tests, stacks)`, detailed.flatMap((b) => blockerDetail(report, b, opts))),
    ...details(`Subsystems (${report.subsystems.length})`, subsystemRows(report, opts.maxSubsystems)),
    ...details(`Trend over the last ${plural(report.history.length, 'base-branch report')}`, trendChart(report)),
    ...(report.baseline.found || report.fixed.length > 0 || report.patchCoverage ? details('Changes against the baseline', [baselineLine(report), '', ...changesSections(report, opts.maxItems)]) : []),
    // The section's own heading is the summary here.
    ...details(`What was read (${plural(report.artifacts.length, 'file')}${report.diagnostics.length ? `, ${report.diagnostics.length} with problems` : ''})`, inputsSection(report, opts.maxItems).slice(2)),
    `<sub>Every blocker with its rule, id and sources: ${opts.fullReportAt}.</sub>`,
    '',
  ];
  return lines.filter((line, i) => !(line === '' && lines[i - 1] === '')).join('\n');
}

/** A shorter comment each step, for GitHub's 65,536-character limit. */
const STEPS: readonly CommentOptions[] = [{}, { detailed: 5, maxDetailLines: 12 }, { detailed: 3, maxDetailLines: 0, maxSubsystems: 15, maxItems: 5 }, { detailed: 0, maxSubsystems: 10, maxItems: 3, maxLocations: 0 }];

export function fitComment(report: Report, limit: number, options: CommentOptions = {}): string {
  let last = '';
  for (const step of STEPS) {
    last = renderComment(report, { ...step, ...options });
    if (last.length <= limit) return last;
  }
  // Untrusted input can make even one line huge (a report name, a gate metric): cut at a line.
  const note = `\n> Cut to fit GitHub's size limit; the full report is in ${options.fullReportAt ?? 'the check run and the job summary'}.\n`;
  let end = last.length;
  while (end > 0 && last.slice(0, end).length + note.length > limit) end = last.lastIndexOf('\n', end - 1);
  return last.slice(0, Math.max(0, end)) + note;
}
