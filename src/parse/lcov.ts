import type { FileCoverage } from '../model.js';
import { emptyOutput } from '../model.js';
import type { Parser } from './parser.js';
import { lines } from './parser.js';

/** lcov tracefiles (`lcov.info`): SF/DA/end_of_record, as written by lcov, c8, nyc, jest, cargo-llvm-cov. */
export const lcovParser: Parser = {
  format: 'lcov',
  kind: 'coverage',
  detect(head) {
    const sample = head.split('\n', 50).map((l) => l.trim()).filter(Boolean);
    return sample.some((l) => l.startsWith('SF:')) && sample.every((l) => /^([A-Z]+:|end_of_record$|#)/.test(l));
  },
  async parse(source) {
    const out = emptyOutput();
    let current: FileCoverage | undefined;
    let badLines = 0;
    for await (const [raw, n] of lines(source)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith('SF:')) {
        current = { path: line.slice(3).trim(), lines: new Map() };
        continue;
      }
      if (line === 'end_of_record') {
        if (current) out.coverage.push(current);
        current = undefined;
        continue;
      }
      if (line.startsWith('DA:')) {
        const [lineNo, hits] = line.slice(3).split(',');
        const ln = Number(lineNo);
        const h = Number(hits);
        if (!current || !Number.isInteger(ln) || ln <= 0 || !Number.isFinite(h)) {
          if (badLines++ < 5) out.diagnostics.push({ file: source.path, line: n, message: `bad lcov line '${line.slice(0, 80)}'; skipped` });
          continue;
        }
        current.lines.set(ln, (current.lines.get(ln) ?? 0) + Math.max(0, h));
        continue;
      }
      if (!/^[A-Z]+:/.test(line) && badLines++ < 5) {
        out.diagnostics.push({ file: source.path, line: n, message: `unexpected lcov line '${line.slice(0, 80)}'; skipped` });
      }
    }
    if (current) {
      out.coverage.push(current);
      out.diagnostics.push({ file: source.path, message: `last record for ${current.path} has no end_of_record (truncated file?)` });
    }
    if (badLines > 5) out.diagnostics.push({ file: source.path, message: `${badLines - 5} more bad lines not listed` });
    return out;
  },
};
