import { emptyOutput } from '../../model/report.js';
import { GoBuildReader } from '../go/build.js';
import type { Parser } from '../parser.js';
import { lines } from '../parser.js';

/** A text log of `go build`/`go vet`/`go test` (e.g. `go test -json ./... 2> build.log`). */
export const goBuildLogParser: Parser = {
  format: 'go-build-log',
  kind: 'log',
  detect(head) {
    const start = head.trimStart();
    if (start.startsWith('{') || start.startsWith('<')) return false;
    return head.split('\n', 500).some((l) => /^\S+\.go:\d+(:\d+)?: /.test(l) || /^FAIL\s+\S+ \[(build|setup) failed\]/.test(l));
  },
  async parse(source) {
    const out = emptyOutput();
    const reader = new GoBuildReader(source.path);
    for await (const [line] of lines(source)) reader.line(line);
    out.findings.push(...reader.findings);
    for (const pkg of reader.failedPackages) {
      if (reader.findings.some((f) => f.package === pkg)) continue;
      out.findings.push({ kind: 'compile', package: pkg, message: `package ${pkg} failed to build`, tests: [], origin: source.path, unexplained: true });
    }
    return out;
  },
};
