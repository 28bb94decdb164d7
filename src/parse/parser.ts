import type { Source } from '../collect/read.js';
import type { ParseOutput } from '../model.js';

/** One report format. `detect` sees only the decoded head of the file, never its name. */
export interface Parser {
  readonly format: string;
  readonly kind: 'tests' | 'coverage' | 'log';
  detect(head: string): boolean;
  parse(source: Source): Promise<ParseOutput>;
}

export async function readAll(source: Source): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of source.chunks()) parts.push(chunk);
  return parts.join('');
}

/** Yields the lines of a source one at a time, with their 1-based numbers. */
export async function* lines(source: Source): AsyncIterable<[string, number]> {
  let rest = '';
  let n = 0;
  for await (const chunk of source.chunks()) {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield [text.slice(start, end), ++n];
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest, n + 1];
}

/** First non-blank line of a head, trimmed. */
export function firstLine(head: string): string {
  for (const line of head.split('\n', 50)) {
    const t = line.trim();
    if (t !== '') return t;
  }
  return '';
}
