import type { ParseOutput } from '../../model/report.js';
import type { Parser } from '../parser.js';
import { lines } from '../parser.js';

/** Reads a file one numbered line at a time; `end` says what it read. */
export interface LineReader {
  line(text: string, n: number): void;
  end(): ParseOutput;
}

/** A parser of cargo's line-by-line outputs (console, JSON lines). */
/** `max`: the longest line read (a console's lines are cut; a JSON line cannot be). */
export function lineParser(format: string, detect: (head: string) => boolean, reader: (origin: string) => LineReader, max?: number): Parser {
  return {
    format,
    kind: 'tests',
    detect,
    async parse(source) {
      const r = reader(source.path);
      for await (const [line, n] of lines(source, max)) r.line(line, n);
      return r.end();
    },
  };
}
