import type { Source } from '../collect/read.js';
import type { Diagnostic, ParseOutput } from '../model/report.js';
import { jsonStringsCut } from './json-cut.js';
import { lostPart, readAll, truncatedFile } from './parser.js';

/**
 * The opening of every JSON test report's parser: the report's value, or undefined when it is not
 * valid JSON, with readJson's diagnostic added to `out` and a P0, as its tests are lost: a
 * document cut short (an interrupted upload) or one that does not read. The value is wrapped,
 * for a report may be `null`.
 */
export async function readJsonInto(source: Source, out: ParseOutput): Promise<{ value: unknown } | undefined> {
  const json = await readJson(source);
  if ('diagnostic' in json) {
    const { line = 1, message } = json.diagnostic;
    out.diagnostics.push(json.diagnostic);
    out.findings.push(json.endsEarly ? truncatedFile(source.path, { line, message: json.endsEarly }) : lostPart(source.path, line, `Report not read (${message}): its tests are lost`));
    return undefined;
  }
  return json;
}

/**
 * A whole JSON report, or a diagnostic naming the file and, when the JSON parser says where,
 * the line. Lines before the document (a package manager's banner) are skipped; every string is
 * cut at 64 KiB as it is read (json-cut.ts).
 */
export async function readJson(source: Source): Promise<{ value: unknown } | { diagnostic: Diagnostic; endsEarly?: string }> {
  // The document starts in the head, or the file is no JSON report and JSON.parse says so.
  const start = Math.max(0, source.head.search(/^[ \t]*[{[]/m));
  const banner = source.head.slice(0, start);
  const text = await readAll(jsonStringsCut(source, start));
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 200);
    const offset = jsonErrorOffset(reason, text);
    if (offset === undefined) return { diagnostic: { file: source.path, message: `not valid JSON: ${reason}` } };
    const line = lineOf(banner, banner.length) - 1 + lineOf(text, offset);
    const column = offset - text.lastIndexOf('\n', offset - 1);
    const message = `not valid JSON at line ${line}, column ${column}: ${reason}`;
    if (offset < text.trimEnd().length) return { diagnostic: { file: source.path, line, message } };
    return { diagnostic: { file: source.path, line, message: `${message}; the file ends inside the document (truncated?)` }, endsEarly: 'the JSON document is not closed' };
  }
}

/** Where in `text` JSON.parse gave up, when its message says. */
function jsonErrorOffset(reason: string, text: string): number | undefined {
  // Node 20 says "at position N"; a document cut short ends at the end.
  const pos = /at position (\d+)/.exec(reason);
  if (pos) return Number(pos[1]);
  if (/end of (JSON|data)/i.test(reason)) return text.trimEnd().length;
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
