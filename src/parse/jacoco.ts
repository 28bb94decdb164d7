import type { LineHits } from '../model/report.js';
import { emptyOutput } from '../model/report.js';
import type { Parser } from './parser.js';
import { limited } from './parser.js';
import type { XmlElement } from './xml/element.js';
import { attr, numberAttr, xmlRootName } from './xml/element.js';
import { forEachTag } from './xml/scanner.js';
import { scanReport } from './xml/report-scan.js';

/*
 * JaCoCo XML (Maven and Gradle jacoco plugins, Kover's JaCoCo-compatible report):
 * report/[group/]package[name]/sourcefile[name]/line[nr, mi, ci, mb, cb]. A line's hits are its
 * covered instructions (ci); as in JaCoCo's own LINE counter, a line with no instructions at all
 * is not coverable. Paths are relative to a source directory (src/main/java), which the report
 * does not name: the merge stage finds the file by its path suffix.
 */

const CAPTURE = new Set(['sourcefile']);

export const jacocoParser: Parser = {
  format: 'jacoco-xml',
  kind: 'coverage',
  detect(head) {
    if (xmlRootName(head) !== 'report') return false;
    return /<!DOCTYPE\s+report\s+PUBLIC\s+"-\/\/JACOCO\/\//.test(head) || /<(?:sessioninfo|package|group|counter)[\s/>]/.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    const files = new Map<string, LineHits>();
    const problems = limited(out, source.path, 'problems with <line> elements');
    const problem = (line: number, message: string) => problems.push(line, message);

    await scanReport(source, out, {
      capture: CAPTURE,
      onPiece: (piece) => {
        const name = piece.attrs.name ?? '';
        if (name === '') {
          problem(piece.line, '<sourcefile> without a name; its lines are skipped');
          return;
        }
        let pkg: string | undefined;
        for (let i = piece.ancestors.length - 1; i >= 0 && pkg === undefined; i--) {
          if (piece.ancestors[i]!.name === 'package') pkg = piece.ancestors[i]!.attrs.name ?? '';
        }
        // JaCoCo writes VM names (com/acme); a dotted name from another writer means the same directories.
        const dir = (pkg ?? '').replace(/\./g, '/');
        const path = dir === '' ? name : `${dir}/${name}`;
        const lines: LineHits = files.get(path) ?? new Map();
        files.set(path, lines);
        if (piece.empty) return;
        forEachTag(piece, 'line', (el, at) => {
          const nr = numberAttr(el, 'nr');
          const missed = instructions(el, 'mi');
          const covered = instructions(el, 'ci');
          if (nr === undefined || !Number.isInteger(nr) || nr < 1 || !(missed >= 0) || !(covered >= 0)) {
            problem(at, `bad <line nr="${attr(el, 'nr') ?? ''}" mi="${attr(el, 'mi') ?? ''}" ci="${attr(el, 'ci') ?? ''}">; skipped`);
            return;
          }
          if (missed + covered === 0) return;
          lines.set(nr, (lines.get(nr) ?? 0) + covered);
        });
      },
    });

    problems.finish();
    for (const [path, lines] of files) out.coverage.push({ path, lines });
    return out;
  },
};

/** An instruction count; JaCoCo leaves out none, but a missing one means none. NaN when unreadable. */
function instructions(el: XmlElement, name: string): number {
  return attr(el, name) === undefined ? 0 : (numberAttr(el, name) ?? NaN);
}
