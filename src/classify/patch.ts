import { percent } from './counts.js';
import type { Changes } from '../model/changes.js';
import type { CoverageEntry, PatchCoverage } from '../model/report.js';
import { compareText } from '../text/order.js';


/** `[3,4,5,9]` → "3-5, 9". */
export function ranges(lines: number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i]! + 1) i++;
    out.push(start === sorted[i] ? String(start) : `${start}-${sorted[i]}`);
  }
  return out.join(', ');
}

const TEST_FILE = /(^|\/)(test_[^/]*\.py|[^/]*_test\.(go|py)|[^/]*\.(test|spec)\.[cm]?[jt]sx?|[^/]*Tests?\.(java|kt|cs))$|(^|\/)(__tests__|tests?)\//;

function extension(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.includes('.') ? base.slice(base.lastIndexOf('.')) : '';
}

/**
 * Coverage of the changed lines: changed lines a coverage report lists as coverable, and how
 * many of them ran. A changed source file that no report mentions — of a language the reports
 * do cover, and not a test file — is listed as missing: no data must not read as covered.
 */
export function patchCoverage(changes: Changes, coverage: ReadonlyMap<string, CoverageEntry>): PatchCoverage {
  const languages = new Set([...coverage.keys()].map(extension).filter(Boolean));
  const files: PatchCoverage['files'] = [];
  const missing: string[] = [];
  let covered = 0;
  let total = 0;
  for (const [path, changed] of [...changes.files].sort(([a], [b]) => compareText(a, b))) {
    const entry = coverage.get(path);
    if (!entry) {
      if (languages.has(extension(path)) && !TEST_FILE.test(path)) missing.push(path);
      continue;
    }
    const coverable = [...changed].filter((line) => entry.lines.has(line));
    if (coverable.length === 0) continue;
    const uncovered = coverable.filter((line) => (entry.lines.get(line) ?? 0) === 0);
    covered += coverable.length - uncovered.length;
    total += coverable.length;
    files.push({ path, covered: coverable.length - uncovered.length, total: coverable.length, uncovered: ranges(uncovered) });
  }
  return { covered, total, percent: percent(covered, total), files, missing, source: changes.source };
}
