import type { FileCoverage, LineHits } from '../model/report.js';
import { emptyOutput } from '../model/report.js';
import type { Parser } from './parser.js';
import { limited, plainDigits } from './parser.js';
import type { XmlElement } from './xml/element.js';
import { attr, numberAttr, xmlRootName } from './xml/element.js';
import type { XmlOpen, XmlPiece } from './xml/scanner.js';
import { decodeEntities } from './xml/entities.js';
import { detach } from './xml/detach.js';
import { forEachTag } from './xml/scanner.js';
import { scanReport } from './xml/report-scan.js';

/*
 * Cobertura XML as coverage.py, istanbul (nyc, jest, vitest), gocover-cobertura, ReportGenerator,
 * scoverage and cobertura-maven write it: <sources><source>, then
 * packages/package/classes/class[filename]/lines/line[number, hits].
 *
 * Reports reach hundreds of megabytes, so the scanner hands over one class's <lines> at a time,
 * with the open <class> among its ancestors: memory holds one class's lines, never the document.
 * Capturing <lines> rather than <class> keeps the lines of classes whose other tags do not
 * balance (scoverage writes stray </methods> and </lines>).
 */

const CAPTURE = new Set(['source', 'lines']);

type Problem = (line: number, message: string) => void;

export const coberturaParser: Parser = {
  format: 'cobertura-xml',
  kind: 'coverage',
  detect(head) {
    if (xmlRootName(head) !== 'coverage') return false;
    return /<(?:\w+:)?coverage\s[^>]*\b(?:line-rate|lines-valid)\s*=/.test(head) || /<(?:\w+:)?packages[\s>]/.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    const roots: string[] = [];
    const files = new Map<string, LineHits>();
    const problems = limited(out, source.path, 'problems with <line> elements');
    const problem = (line: number, message: string) => problems.push(line, message);

    await scanReport(source, out, {
      capture: CAPTURE,
      onPiece: (piece) => {
        if (piece.name === 'source') {
          const root = piece.empty ? '' : decodeEntities(piece.xml.slice(piece.xml.indexOf('>') + 1, piece.xml.lastIndexOf('<'))).trim();
          if (usableRoot(root) && !roots.includes(root)) roots.push(detach(root));
          return;
        }
        const cls = classOf(piece.ancestors);
        if (cls === 'method') return;
        if (!cls) {
          problem(piece.line, '<lines> outside a <class>; skipped');
          return;
        }
        const path = cls.attrs.filename ?? '';
        if (path === '') {
          problem(cls.line, `<class name="${cls.attrs.name ?? ''}"> has no filename; its lines are skipped`);
          return;
        }
        let lines = files.get(path);
        if (!lines) files.set(path, (lines = new Map()));
        // A file with no coverable lines is still a file the report covers.
        if (!piece.empty) addLines(piece, lines, problem);
      },
    });

    problems.finish();
    for (const [path, lines] of files) {
      const file: FileCoverage = { path, lines };
      if (roots.length > 0) file.roots = roots;
      out.coverage.push(file);
    }
    return out;
  },
};

/** numberAttr, with plain digits (nearly every value of a report of millions of lines) read directly. */
function count(el: XmlElement, name: string): number | undefined {
  const raw = attr(el, name);
  const n = raw === undefined ? -1 : plainDigits(raw);
  return n >= 0 ? n : numberAttr(el, name);
}

function addLines(piece: XmlPiece, into: LineHits, problem: Problem): void {
  forEachTag(
    piece,
    'line',
    (el, line) => {
      const number = count(el, 'number');
      const hits = count(el, 'hits');
      if (number === undefined || !Number.isInteger(number) || number < 1 || hits === undefined) {
        // Copied: the values are slices of the stream, and a diagnostic lives as long as the report.
        problem(line, detach(`bad <line number="${attr(el, 'number') ?? ''}" hits="${attr(el, 'hits') ?? ''}">; skipped`));
        return;
      }
      // A file split over several classes (inner classes, Go receiver types) adds up per line.
      into.set(number, (into.get(number) ?? 0) + Math.max(0, hits));
    },
    false,
  );
}

/**
 * The <class> some <lines> belong to, or 'method' for the copies that <methods> repeats from
 * the class's own <lines>.
 */
function classOf(ancestors: readonly XmlOpen[]): XmlOpen | 'method' | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const name = ancestors[i]!.name;
    if (name === 'method') return 'method';
    if (name === 'class') return ancestors[i];
  }
  return undefined;
}

/**
 * Java Cobertura and scoverage write their command line's `--source` flag as a source, and
 * regression goldens write placeholders such as `$GOMODCACHE`: neither is a directory.
 */
function usableRoot(root: string): boolean {
  return root !== '' && !root.startsWith('-') && !root.startsWith('$');
}
