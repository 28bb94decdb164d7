import type { FileCoverage, LineHits } from '../model.js';
import { emptyOutput } from '../model.js';
import type { Parser } from './parser.js';
import { xmlRootName } from './xml.js';
import type { XmlOpen } from './xml-stream.js';
import { decodeEntities, detach, scanXml } from './xml-stream.js';

/*
 * Cobertura XML as coverage.py, istanbul (nyc, jest, vitest), gocover-cobertura, ReportGenerator,
 * scoverage and cobertura-maven write it: <sources><source>, then
 * packages/package/classes/class[filename]/lines/line[number, hits].
 *
 * Reports reach hundreds of megabytes, so the scanner hands over each <line> on its own, with the
 * open <class> among its ancestors: memory holds one tag, never a whole class. This also keeps the
 * lines of files whose tags do not balance (scoverage writes stray </methods> and </lines>).
 */

const CAPTURE = new Set(['source', 'line']);
const MAX_LISTED = 5;

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
    let bad = 0;
    const problem = (line: number, message: string) => {
      if (bad++ < MAX_LISTED) out.diagnostics.push({ file: source.path, line, message });
    };
    // Consecutive lines share their class: look its file up once per class, not once per line.
    let lastClass: XmlOpen | undefined;
    let lastLines: LineHits | undefined;

    await scanXml(source.chunks(), CAPTURE, source.path, out.diagnostics, (piece) => {
      if (piece.name === 'source') {
        const root = piece.empty ? '' : decodeEntities(piece.xml.slice(piece.xml.indexOf('>') + 1, piece.xml.lastIndexOf('<'))).trim();
        if (usableRoot(root) && !roots.includes(root)) roots.push(detach(root));
        return;
      }
      const cls = classOf(piece.ancestors);
      if (cls === 'method') return;
      if (!cls) {
        problem(piece.line, '<line> outside a <class>; skipped');
        return;
      }
      if (cls !== lastClass) {
        lastClass = cls;
        const path = cls.attrs.filename ?? '';
        if (path === '') {
          lastLines = undefined;
          problem(cls.line, `<class name="${cls.attrs.name ?? ''}"> has no filename; its lines are skipped`);
        } else {
          lastLines = files.get(path);
          if (!lastLines) files.set(path, (lastLines = new Map()));
        }
      }
      if (!lastLines) return;
      const number = Number(piece.attrs.number);
      const hits = Number(piece.attrs.hits);
      if (!Number.isInteger(number) || number < 1 || !Number.isFinite(hits)) {
        problem(piece.line, `bad <line number="${piece.attrs.number ?? ''}" hits="${piece.attrs.hits ?? ''}">; skipped`);
        return;
      }
      // A file split over several classes (inner classes, Go receiver types) adds up per line.
      lastLines.set(number, (lastLines.get(number) ?? 0) + Math.max(0, hits));
    });

    if (bad > MAX_LISTED) out.diagnostics.push({ file: source.path, message: `${bad - MAX_LISTED} more bad <line> elements not listed` });
    for (const [path, lines] of files) {
      const file: FileCoverage = { path, lines };
      if (roots.length > 0) file.roots = roots;
      out.coverage.push(file);
    }
    return out;
  },
};

/**
 * The <class> a line belongs to, or 'method' for the copy of a line that <methods> repeats
 * from the class's own <lines>.
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
