import type { ParseOutput } from '../../model/report.js';
import type { Parser } from '../parser.js';
import { jsonStringsCut } from '../json-cut.js';
import { lines, MAX_LOG_LINE } from '../parser.js';

/** Reads a file one numbered line at a time; `end` says what it read. */
export interface LineReader {
  line(text: string, n: number): void;
  end(): ParseOutput;
}

/**
 * A parser of a line-by-line output: a console's (`log`: lines cut at 64 KiB) or JSON lines (`json`:
 * a line cannot be cut and stay JSON, so its strings are, as they are read).
 */
export function lineParser(format: string, detect: (head: string) => boolean, reader: (origin: string) => LineReader, kind: 'log' | 'json'): Parser {
  return {
    format,
    kind: 'tests',
    detect,
    async parse(source) {
      const r = reader(source.path);
      for await (const [line, n] of kind === 'log' ? lines(source, MAX_LOG_LINE) : lines(jsonStringsCut(source))) r.line(line, n);
      return r.end();
    },
  };
}
