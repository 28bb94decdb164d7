import type { FileCoverage } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import type { Parser } from '../parser.js';
import { limited, lines } from '../parser.js';

/*
 * Go coverage profiles (`go test -coverprofile`): `mode: set|count|atomic`, then one statement
 * block per line: `import/path/file.go:startLine.startCol,endLine.endCol numStmts count`.
 */

const BLOCK = /^(.+\.go):(\d+)\.(\d+),(\d+)\.(\d+) (\d+) (\d+)$/;

export const goCoverprofileParser: Parser = {
  format: 'go-coverprofile',
  kind: 'coverage',
  detect(head) {
    return /^mode: (set|count|atomic)\s*$/m.test(head.split('\n', 1)[0] ?? '');
  },
  async parse(source) {
    const out = emptyOutput();
    // The same block appears once per test binary with -coverpkg, and once per profile when
    // profiles are concatenated: identical blocks add up; distinct blocks on a line keep the best.
    const blocks = new Map<string, { file: string; span: string; start: number; end: number; statements: number; count: number }>();
    const bad = limited(out, source.path, 'malformed lines');
    for await (const [raw, n] of lines(source)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('mode:')) continue;
      const m = BLOCK.exec(line);
      if (!m) {
        bad.push(n, `not a coverage block: '${line.slice(0, 80)}'; skipped`);
        continue;
      }
      const span = `${m[2]}.${m[3]},${m[4]}.${m[5]}`;
      const key = `${m[1]}:${span}`;
      const seen = blocks.get(key);
      if (seen) seen.count += Number(m[7]);
      else blocks.set(key, { file: m[1]!, span, start: Number(m[2]), end: Number(m[4]), statements: Number(m[6]), count: Number(m[7]) });
    }
    bad.finish();
    const files = new Map<string, FileCoverage>();
    for (const b of blocks.values()) {
      let file = files.get(b.file);
      if (!file) files.set(b.file, (file = { path: b.file, lines: new Map(), statements: new Map() }));
      file.statements!.set(b.span, { statements: b.statements, hits: b.count });
      // Every line a block spans is coverable, as gocover-cobertura counts them; a line in
      // several blocks is covered when any of them ran.
      for (let l = b.start; l <= b.end; l++) file.lines.set(l, Math.max(file.lines.get(l) ?? 0, b.count));
    }
    out.coverage.push(...files.values());
    return out;
  },
};
