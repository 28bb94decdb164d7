import type { Finding } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { GoBuildReader } from '../logs/go.js';
import type { Parser } from '../parser.js';
import { limited, lines } from '../parser.js';
import { jsonStringsCut } from '../json-cut.js';
import { capText } from '../caps.js';

/*
 * `go vet -json ./... 2>&1`: per package a `# pkg` header, then an indented JSON object from
 * `{` to `}` at the start of a line (`{}` when vet found nothing):
 * `{"pkg": {"analyzer": [{"posn": "/abs/file.go:L:C", "message": "…"}]}}`, or
 * `{"pkg": {"analyzer": {"error": "…"}}}` when the analyzer failed. Lines outside the objects
 * (vet's type errors, a dependency's compile errors) are go's text output.
 */

interface Diagnostic {
  posn?: string;
  message?: string;
}

type VetJson = Record<string, Record<string, Diagnostic[] | { error?: string }>>;

const POSN = /^(.+\.go):(\d+)(?::(\d+))?$/;
/** An object no vet output comes near; past it the rest is read as text. */
const MAX_OBJECT_LINES = 200_000;

export const goVetJsonParser: Parser = {
  format: 'go-vet-json',
  kind: 'log',
  detect(head) {
    return /^# \S+\r?\n\{/m.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    const text = new GoBuildReader(source.path);
    const bad = limited(out, source.path, 'unreadable vet objects');
    let object: string[] | undefined;
    let start = 0;
    for await (const [line, n] of lines(jsonStringsCut(source))) {
      if (object === undefined && (line === '{' || line === '{}')) {
        object = [];
        start = n;
      }
      if (object === undefined) {
        text.line(capText(line));
        continue;
      }
      object.push(line);
      if (!line.startsWith('}') && line !== '{}' && object.length < MAX_OBJECT_LINES) continue;
      try {
        out.findings.push(...vetFindings(JSON.parse(object.join('\n')) as VetJson, source.path));
      } catch {
        bad.push(start, 'a vet object that is not valid JSON (cut short?); skipped');
      }
      object = undefined;
    }
    if (object !== undefined) bad.push(start, 'the last vet object is cut short; skipped');
    bad.finish();
    out.findings.push(...text.findings);
    return out;
  },
};

function vetFindings(json: VetJson, origin: string): Finding[] {
  const out: Finding[] = [];
  for (const [pkg, analyzers] of Object.entries(json)) {
    for (const [analyzer, result] of Object.entries(analyzers)) {
      const diagnostics = Array.isArray(result) ? result : [{ message: `analyzer failed: ${result.error ?? 'no message'}` }];
      for (const d of diagnostics) {
        const at = POSN.exec(d.posn ?? '');
        out.push({
          kind: 'vet',
          package: pkg,
          ...(at ? { file: at[1], line: Number(at[2]), ...(at[3] ? { column: Number(at[3]) } : {}) } : {}),
          message: `${analyzer}: ${d.message ?? ''}`,
          excerpt: `${d.posn ?? pkg}: ${d.message ?? ''}`,
          tests: [],
          origin,
        });
      }
    }
  }
  return out;
}
