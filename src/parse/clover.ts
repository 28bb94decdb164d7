import type { LineHits } from '../model/report.js';
import { emptyOutput } from '../model/report.js';
import type { Parser } from './parser.js';
import { limited } from './parser.js';
import { attr, numberAttr, xmlRootName } from './xml/element.js';
import { forEachTag } from './xml/scanner.js';
import { scanReport } from './xml/report-scan.js';

/*
 * Clover XML as istanbul (nyc, jest, vitest), PHPUnit and OpenClover write it:
 * coverage/project/[package/]file[name, path]/line[num, type, count].
 *
 * Coverable lines are the `stmt` and `cond` lines. `method` lines are left out: PHPUnit and
 * OpenClover put one on each method's declaration, on top of its statement lines, and PHPUnit's
 * own `statements` metric (the lines it calls executable) does not count them. istanbul writes
 * none, and its `stmt` + `cond` lines are exactly the lines of the coverage-summary.json of the
 * same run.
 */

const CAPTURE = new Set(['file']);

export const cloverParser: Parser = {
  format: 'clover-xml',
  kind: 'coverage',
  detect(head) {
    if (xmlRootName(head) !== 'coverage') return false;
    return /<(?:\w+:)?coverage\s[^>]*\b(?:generated|clover)\s*=/.test(head) && /<(?:\w+:)?project[\s>]/.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    const files = new Map<string, LineHits>();
    const problems = limited(out, source.path, 'problems with <line> elements');
    const problem = (line: number, message: string) => problems.push(line, message);

    await scanReport(source, out, {
      capture: CAPTURE,
      onPiece: (piece) => {
        // OpenClover's <testproject> is the coverage of the test sources themselves.
        if (piece.ancestors.some((a) => a.name === 'testproject')) return;
        // istanbul and OpenClover: name is the base name, path the full path; PHPUnit: name is the path.
        const path = piece.attrs.path || piece.attrs.name || '';
        if (path === '') {
          problem(piece.line, '<file> has neither path nor name; its lines are skipped');
          return;
        }
        const lines: LineHits = files.get(path) ?? new Map();
        files.set(path, lines);
        if (piece.empty) return;
        forEachTag(piece, 'line', (el, at) => {
          if (attr(el, 'type') === 'method') return;
          const line = numberAttr(el, 'num');
          // OpenClover gives a condition its true and false counts but no count of its own.
          const count = numberAttr(el, 'count');
          const hits = count ?? (numberAttr(el, 'truecount') ?? NaN) + (numberAttr(el, 'falsecount') ?? NaN);
          if (line === undefined || !Number.isInteger(line) || line < 1 || !Number.isFinite(hits)) {
            problem(at, `bad <line num="${attr(el, 'num') ?? ''}" count="${attr(el, 'count') ?? ''}">; skipped`);
            return;
          }
          // A line listed twice (a statement and a condition on it) ran as often as its busiest entry.
          lines.set(line, Math.max(lines.get(line) ?? 0, Math.max(0, hits)));
        });
      },
    });

    problems.finish();
    for (const [path, lines] of files) out.coverage.push({ path, lines });
    return out;
  },
};
