import type { Blocker, Priority, Report } from '../model/report.js';
import { PRIORITIES } from '../model/report.js';
import { code, codeBlock, inline } from './escape.js';
import { trimStack } from './stack.js';
import { fileUrl, fmtGateValue, fmtPercent, fmtTarget, plural, PRIORITY_HEADINGS, priorityCounts, where } from './format.js';

/*
 * The report as markdown: verdict first, then what decided it (gates), then what to fix
 * (blockers by priority, each with file:line and the rule that placed it), then per-subsystem
 * readiness, then what was read and what could not be.
 */

export interface MarkdownOptions {
  /** Hidden marker that finds a sticky comment again. */
  marker?: string;
  /** Blockers listed per priority before "…and N more". */
  maxBlockersPerPriority?: number;
  /** Locations listed per blocker before "…and N more". */
  maxLocations?: number;
  /** Priorities whose details (messages, code) are left out to save room. */
  collapse?: Priority[];
  maxDetailLines?: number;
  maxSubsystems?: number;
  maxDiagnostics?: number;
  /**
   * Stop listing blockers once the text is surely longer than this many characters. The result
   * is then only good for learning that it is too long: what fitMarkdown asks before it tries a
   * shorter rendering, without building a long one in full (15,000 blockers with details).
   */
  stopAfter?: number;
}

const READINESS_ICON = { READY: '🟢', CAUTION: '🟡', 'NOT READY': '🔴', UNKNOWN: '⚪' } as const;

export function verdictLine(report: Report): string {
  const icon = report.verdict === 'GO' ? '✅' : '❌';
  const failed = report.gates.filter((g) => !g.passed);
  const why = failed.length === 0 ? 'every gate holds' : `${plural(failed.length, 'gate')} failed: ${failed.map((g) => g.metric).join(', ')}`;
  return `## ${icon} ${report.verdict} — ${inline(report.name)}: ${why}`;
}

export function headline(report: Report): string {
  const p = priorityCounts(report);
  const t = report.tests;
  const parts = [
    `**P0 ${p.P0} · P1 ${p.P1} · P2 ${p.P2} · P3 ${p.P3}**`,
    `${plural(t.total, 'test')}: ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped, ${t.flaky} flaky${t.blocked ? `, ${t.blocked} blocked` : ''}`,
    `pass rate ${fmtPercent(report.passRate)}`,
    report.coverage
      ? `line coverage ${fmtPercent(report.coverage.lines.percent)} (${report.coverage.lines.covered}/${report.coverage.lines.total})${report.coverage.statements ? ` (stmts ${fmtPercent(report.coverage.statements.percent)}, ${report.coverage.statements.covered}/${report.coverage.statements.total})` : ''}`
      : 'no coverage data',
  ];
  return parts.join(' · ');
}

const CATEGORY_WORDS: Record<string, [string, string]> = {
  compile: ['package does not build', 'packages do not build'],
  dependency: ['package cannot resolve its dependencies', 'packages cannot resolve their dependencies'],
  race: ['data race', 'data races'],
  panic: ['panic', 'panics'],
  timeout: ['test binary timed out', 'test binaries timed out'],
  crash: ['test binary crashed', 'test binaries crashed'],
  collection: ['test file could not load', 'test files could not load'],
  'missing-artifact': ['required report is missing', 'required reports are missing'],
  'test-failure': ['distinct failure', 'distinct failures'],
  'test-error': ['distinct error', 'distinct errors'],
};

/** What to fix first, in one line: the P0 and P1 blockers by kind, with where and what they cost. */
export function triageLine(report: Report): string | undefined {
  const urgent = report.blockers.filter((b) => b.priority === 'P0' || b.priority === 'P1');
  if (urgent.length === 0) return undefined;
  const parts: string[] = [];
  for (const [category, [one, many]] of Object.entries(CATEGORY_WORDS)) {
    const list = urgent.filter((b) => b.category === category);
    if (list.length === 0) continue;
    // Each name once before it is shortened: 15,000 failures share a handful of subsystems.
    const where = [...new Set([...new Set(list.map((b) => b.subsystem ?? b.package ?? ''))].map((name) => name.replace(/^.*\//, '')).filter(Boolean))];
    const blocked = list.reduce((n, b) => n + b.blocked.length + (b.blockedUnnamed ?? 0), 0);
    const tests = category.startsWith('test-') ? list.reduce((n, b) => n + b.tests.length, 0) : 0;
    const detail = [where.length > 0 && where.length <= 5 ? where.map((w) => code(w, 60)).join(', ') : '', blocked ? `${plural(blocked, 'test')} never ran` : '', tests ? plural(tests, 'test') : '']
      .filter(Boolean)
      .join('; ');
    parts.push(`${list.length} ${list.length === 1 ? one : many}${detail ? ` (${detail})` : ''}`);
  }
  return `**Fix first:** ${parts.join(' · ')}`;
}

function gatesTable(report: Report): string[] {
  if (report.gates.length === 0) return ['_No gates configured._'];
  const rows = report.gates.map(
    (g) => `| ${g.metric} (\`${g.name}\`) | ${fmtTarget(g)} | ${fmtGateValue(g, g.actual)} | ${g.passed ? '✅ pass' : '❌ fail'} |`,
  );
  return ['| Metric | Target | Actual | Status |', '|---|---|---|---|', ...rows];
}

export function locationText(report: Report, file: string, line?: number, column?: number): string {
  const label = code(where(file, line, column)!);
  // encodeURIComponent leaves parentheses, and an unbalanced `)` from a path would end the link.
  const url = fileUrl(report, file, line)?.replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return url ? `[${label}](${url})` : label;
}

function blockerItem(report: Report, b: Blocker, opts: Required<MarkdownOptions>, collapsed: boolean, previous?: Blocker): string[] {
  const loc = b.file ? ` — ${locationText(report, b.file, b.line)}` : '';
  const status = b.status === 'new' ? ' 🆕' : b.status === 'existing' ? ' _(already on the baseline)_' : '';
  const legs = b.legs?.length ? ` · on ${b.legs.map((l) => code(l, 60)).join(', ')}` : '';
  const out = [`- **${inline(b.title)}**${status}${loc}${legs}`];
  if (collapsed) return out;
  const sub: string[] = [];
  if (b.locations.length > 1) {
    const shown = b.locations.slice(0, opts.maxLocations);
    for (const l of shown) {
      const what = l.test ? ` ${code(l.test, 120)}` : '';
      // A cluster's tests share the blocker's message; a build's errors each have their own.
      const msg = l.message && (!l.test || l.message !== b.message) ? ` — ${inline(l.message, 160)}` : '';
      sub.push(`  - ${locationText(report, l.file, l.line, l.column)}${what}${msg}`);
    }
    if (b.locations.length > shown.length) sub.push(`  - …and ${b.locations.length - shown.length} more`);
  }
  const unlocated = b.tests.filter((t) => !b.locations.some((l) => l.test === t));
  if (unlocated.length > 0 && (b.tests.length > 1 || b.locations.length === 0)) {
    const shown = unlocated.slice(0, opts.maxLocations);
    sub.push(`  - ${b.category === 'compile' || b.category === 'dependency' ? 'Blocked' : 'Tests'}: ${shown.map((t) => code(t, 120)).join(', ')}${unlocated.length > shown.length ? `, …and ${unlocated.length - shown.length} more` : ''}`);
  }
  if (b.blocked.length > 0) {
    const shown = b.blocked.slice(0, opts.maxLocations);
    const all = b.blocked.length + (b.blockedUnnamed ?? 0);
    sub.push(`  - Never ran (${all} blocked): ${shown.map((t) => code(t, 120)).join(', ')}${all > shown.length ? `, …and ${all - shown.length} more` : ''}`);
  } else if (b.blockedUnnamed) {
    sub.push(`  - Never ran: ${plural(b.blockedUnnamed, 'test')} (counted, not named)`);
  }
  // 200 failures share one rule: it is said once, then referred to, so that every blocker fits the check run.
  const rule = previous?.rule === b.rule ? 'same rule as above' : inline(b.rule);
  sub.push(`  - _${rule}_ · id ${code(b.id)} · from ${b.sources.map((s) => code(s)).join(', ')}`);
  if (b.details && opts.maxDetailLines > 0) {
    sub.push('', '  <details><summary>Details</summary>', '', indent(codeBlock(trimStack(b.details).text, opts.maxDetailLines), '  '), '', '  </details>', '');
  }
  return [...out, ...sub];
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

/** Characters of `lines` that the rendering keeps whatever else it does: fewer than it has. */
function lengthOf(lines: readonly string[]): number {
  let n = 0;
  for (const line of lines) n += line.length;
  return n;
}

function blockerSections(report: Report, opts: Required<MarkdownOptions>, room: number): string[] {
  if (report.blockers.length === 0) return ['### Blockers', '', 'None. 🎉'];
  const out = ['### Blockers'];
  let left = room;
  for (const p of PRIORITIES) {
    const list = report.blockers.filter((b) => b.priority === p);
    if (list.length === 0) continue;
    const collapsed = opts.collapse.includes(p);
    out.push('', `#### ${PRIORITY_HEADINGS[p]} (${list.length})`, '');
    const shown = list.slice(0, opts.maxBlockersPerPriority);
    for (const [i, b] of shown.entries()) {
      const item = blockerItem(report, b, opts, collapsed, shown[i - 1]);
      out.push(...item);
      left -= lengthOf(item);
      if (left < 0) return out;
    }
    if (list.length > shown.length) out.push(`- …and ${list.length - shown.length} more ${p} blockers (full list in the job summary and the report JSON)`);
  }
  return out;
}

function subsystemTable(report: Report, max: number): string[] {
  if (report.subsystems.length === 0) return [];
  const rows = report.subsystems.slice(0, max).map((s) => {
    const t = s.tests;
    const blockers = PRIORITIES.filter((p) => s.blockers[p] > 0).map((p) => `${p}×${s.blockers[p]}`).join(' ') || '—';
    return `| ${code(s.name, 120, true)} | ${READINESS_ICON[s.readiness]} ${s.readiness} | ${t.total} | ${t.passed} | ${t.failed + t.errored} | ${t.skipped} | ${t.flaky} | ${fmtPercent(s.passRate)} | ${fmtPercent(s.coverage?.percent)}${s.statements ? ` (stmts ${fmtPercent(s.statements.percent)})` : ''}${s.coverageDelta !== undefined ? ` (${fmtDelta(s.coverageDelta)})` : ''} | ${blockers} |`;
  });
  const more = report.subsystems.length > max ? [``, `…and ${report.subsystems.length - max} more subsystems`] : [];
  return [
    '### Subsystems',
    '',
    '| Subsystem | Readiness | Tests | Passed | Failed | Skipped | Flaky | Pass rate | Coverage | Blockers |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    ...more,
  ];
}

/** Where this run stands against the base branch, in one line. */
export function baselineLine(report: Report): string {
  const b = report.baseline;
  if (!b.found) return `_No baseline: ${inline(b.reason ?? 'none given')}. Every failure counts as new._`;
  const fresh = report.blockers.filter((x) => x.status === 'new').length;
  const existing = report.blockers.filter((x) => x.status === 'existing').length;
  const delta = report.coverage?.delta;
  return [
    `Against the baseline (${inline(b.source ?? 'given report')}${b.sha ? `, ${code(b.sha.slice(0, 7))}` : ''}): **${fresh} new**, ${existing} already there, ${report.fixed.length} fixed`,
    delta !== undefined && delta !== null ? `line coverage ${fmtDelta(delta)}` : '',
    report.tests.blocked ? `${plural(report.tests.blocked, 'test')} blocked` : '',
    report.removedTests.length ? `${plural(report.removedTests.length, 'test')} removed` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function fmtDelta(points: number): string {
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points).toFixed(2).replace(/\.?0+$/, '')} points`;
}

export function changesSections(report: Report, maxItems: number): string[] {
  const out: string[] = [];
  if (report.fixed.length > 0) {
    out.push('### Fixed since the baseline', '');
    for (const f of report.fixed.slice(0, maxItems)) out.push(`- ✅ ${f.priority} ${inline(f.title)}`);
    if (report.fixed.length > maxItems) out.push(`- …and ${report.fixed.length - maxItems} more`);
    out.push('');
  }
  if (report.removedTests.length > 0) {
    out.push('### Tests the baseline ran that are gone', '');
    const shown = report.removedTests.slice(0, maxItems);
    out.push(`${shown.map((t) => code(`${t.package} › ${t.test}`, 160)).join(', ')}${report.removedTests.length > shown.length ? `, …and ${report.removedTests.length - shown.length} more` : ''}`, '');
  }
  const p = report.patchCoverage;
  if (p) {
    out.push('### Coverage of changed lines', '');
    out.push(p.total > 0 ? `**${fmtPercent(p.percent)}** of changed coverable lines ran (${p.covered}/${p.total}), from the ${inline(p.source)}.` : `No coverable line changed (${inline(p.source)}).`);
    const uncovered = p.files.filter((f) => f.uncovered !== '');
    if (uncovered.length > 0) {
      out.push('', '| File | Changed lines covered | Not covered |', '|---|---:|---|');
      for (const f of uncovered.slice(0, maxItems)) out.push(`| ${code(f.path, 160, true)} | ${f.covered}/${f.total} | ${inline(f.uncovered, 200)} |`);
      if (uncovered.length > maxItems) out.push(`| …and ${uncovered.length - maxItems} more files | | |`);
    }
    if (p.missing.length > 0) {
      out.push('', `⚠️ **No coverage data** for ${plural(p.missing.length, 'changed file')} — not counted as covered: ${p.missing.slice(0, maxItems).map((f) => code(f, 160)).join(', ')}${p.missing.length > maxItems ? `, …and ${p.missing.length - maxItems} more` : ''}`);
    }
    out.push('');
  }
  return out;
}

export function inputsSection(report: Report, maxDiagnostics: number): string[] {
  const out = ['### What was read', ''];
  const parsed = report.artifacts.filter((a) => a.format !== 'unknown');
  if (parsed.length === 0) out.push('No file could be read.');
  else {
    const byFormat = new Map<string, number>();
    for (const a of parsed) byFormat.set(a.format, (byFormat.get(a.format) ?? 0) + 1);
    out.push(`Parsed ${plural(parsed.length, 'file')}: ${[...byFormat].map(([f, n]) => `${n} ${f}`).join(', ')}.`);
  }
  if (report.diagnostics.length > 0) {
    out.push('', `**Could not be read or had problems (${report.diagnostics.length}):**`, '');
    for (const d of report.diagnostics.slice(0, maxDiagnostics)) out.push(`- ${code(where(d.file, d.line) ?? '')}: ${inline(d.message)}`);
    if (report.diagnostics.length > maxDiagnostics) out.push(`- …and ${report.diagnostics.length - maxDiagnostics} more`);
  }
  return [...out, ...testFilesLines(report, maxDiagnostics)];
}

/** The workspace's test files against the reports: the ones no report names, blocked ones first. */
function testFilesLines(report: Report, max: number): string[] {
  const info = report.testFiles;
  if (!info || info.unreported.length === 0) return [];
  const missing = info.unreported.length + (info.more ?? 0);
  const blocked = info.unreported.filter((f) => f.blocked).length;
  const out = ['', `**Test files in no report: ${missing} of ${info.found}**${blocked ? ` (${blocked} blocked: their project's other test files are reported)` : ''}`, '', '<details><summary>Files</summary>', ''];
  for (const f of info.unreported.slice(0, max)) out.push(`- ${code(f.file)} (${f.ecosystem}, ${plural(f.tests, 'test')})${f.blocked ? ' — blocked' : ''}`);
  const rest = missing - Math.min(max, info.unreported.length);
  if (rest > 0) out.push(`- …and ${rest} more`);
  return [...out, '', '</details>'];
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const opts: Required<MarkdownOptions> = {
    marker: '',
    maxBlockersPerPriority: 1000,
    maxLocations: 1000,
    collapse: [],
    maxDetailLines: 40,
    maxSubsystems: 1000,
    maxDiagnostics: 1000,
    stopAfter: Infinity,
    ...options,
  };
  const triage = triageLine(report);
  const head = [
    ...(opts.marker ? [opts.marker] : []),
    verdictLine(report),
    '',
    headline(report),
    '',
    ...(triage ? [triage, ''] : []),
    baselineLine(report),
    '',
    '### Gates',
    '',
    ...gatesTable(report),
    '',
  ];
  const parts = [
    ...head,
    ...blockerSections(report, opts, opts.stopAfter - lengthOf(head)),
    '',
    ...changesSections(report, opts.maxLocations),
    ...subsystemTable(report, opts.maxSubsystems),
    '',
    ...inputsSection(report, opts.maxDiagnostics),
    '',
  ];
  return parts.filter((line, i) => !(line === '' && parts[i - 1] === '')).join('\n');
}
