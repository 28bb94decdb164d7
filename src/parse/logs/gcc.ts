import type { LogSink } from './block.js';
import { Block, open } from './block.js';

const C_FILE = String.raw`\S.*?\.(?:c|cc|cp|cpp|cxx|c\+\+|h|hh|hpp|hxx|h\+\+|inc|inl|ipp|tcc|tpp|m|mm|cu|cuh)`;
const GCC = new RegExp(`^(${C_FILE}):(\\d+):(?:(\\d+):)? (fatal error|error|warning|note): (.*)$`);
/** Lines gcc prints before an error to say where it is: `a.c: In function 'f':`, include chains, template instantiations. */
const GCC_CONTEXT = new RegExp(`^(?:${C_FILE}: (?:In|At) .*:|In file included from .*[:,]|\\s+from .*[:,]|${C_FILE}:\\d+:\\d+:\\s+(?:recursively )?required from .*)$`);
const GCC_DEPENDENCY = /No such file or directory$|file not found$/;

/** The source excerpt is indented; `note:` lines belong to the error or warning before them. */
class GccBlock extends Block {
  protected continues(line: string): boolean {
    return /^\s/.test(line) || GCC.exec(line)?.[4] === 'note';
  }
}

export class GccReader {
  /** `In function`/`In file included from` lines, waiting for the error they introduce. */
  private context: string[] = [];

  /** The context lines read so far, which no later line but the next one may take. */
  takeContext(): string[] {
    const context = this.context;
    this.context = [];
    return context;
  }

  /** An error opens a finding (with `context` in its excerpt), a warning a block that is skipped; undefined for any other line. */
  line(line: string, context: string[], sink: LogSink): true | undefined {
    const m = GCC.exec(line);
    if (m) {
      const [, file, lineNo, col, severity, message] = m;
      if (severity !== 'error' && severity !== 'fatal error') return sink.enter(new GccBlock(line, undefined));
      const excerpt = [...context, line].join('\n');
      const kind = severity === 'fatal error' && GCC_DEPENDENCY.test(message!) ? 'dependency' : 'compile';
      return open(sink, GccBlock, kind, message!, excerpt, file, lineNo, col);
    }
    if (GCC_CONTEXT.test(line) && (context.length > 0 || !/^\s/.test(line))) {
      this.context = [...context, line];
      return true;
    }
    return undefined;
  }
}
