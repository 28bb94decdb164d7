import type { FileCoverage } from '../model/report.js';
import { emptyOutput } from '../model/report.js';
import type { Parser } from './parser.js';
import { forEachLine, limited, plainDigits } from './parser.js';
import { detach } from './xml/detach.js';

/** `/^[A-Z]+:/`, without a regular expression for each of millions of lines. */
function isRecord(line: string): boolean {
  let i = 0;
  for (let c = line.charCodeAt(0); c >= 65 && c <= 90; c = line.charCodeAt(++i));
  return i > 0 && line.charCodeAt(i) === 58;
}

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
    const bad = limited(out, source.path, 'bad lines');
    await forEachLine(source, (raw, n) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      if (line.startsWith('SF:')) {
        // A copy: a slice would keep the whole chunk it was cut from for as long as the report lives.
        current = { path: detach(line.slice(3).trim()), lines: new Map() };
        return;
      }
      if (line === 'end_of_record') {
        if (current) out.coverage.push(current);
        current = undefined;
        return;
      }
      if (line.startsWith('DA:')) {
        // DA:<line>,<hits>[,<checksum>]: plain digits are read here, anything else as Number reads it.
        const comma = line.indexOf(',', 3);
        const next = comma < 0 ? -1 : line.indexOf(',', comma + 1);
        let ln = comma < 0 ? -1 : plainDigits(line, 3, comma);
        let h = ln < 0 ? -1 : plainDigits(line, comma + 1, next < 0 ? line.length : next);
        if (h < 0) {
          const [lineNo, hits] = line.slice(3).split(',');
          ln = Number(lineNo);
          h = Number(hits);
        }
        if (!current || !Number.isInteger(ln) || ln <= 0 || !Number.isFinite(h)) {
          bad.push(n, `bad lcov line '${line.slice(0, 80)}'; skipped`);
          return;
        }
        current.lines.set(ln, (current.lines.get(ln) ?? 0) + Math.max(0, h));
        return;
      }
      if (!isRecord(line)) bad.push(n, `unexpected lcov line '${line.slice(0, 80)}'; skipped`);
    });
    if (current) {
      out.coverage.push(current);
      out.diagnostics.push({ file: source.path, message: `last record for ${current.path} has no end_of_record (truncated file?)` });
    }
    bad.finish();
    return out;
  },
};
