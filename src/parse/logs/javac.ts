import type { LogSink } from './block.js';
import { Block, open } from './block.js';

const JAVAC = /^(\S.*?\.java):(\d+): (error|warning): (.*)$/;
const JAVAC_DEPENDENCY = /^package \S+ does not exist$|^cannot access \S+$|^class file for \S+ not found$/;

/** The source line (not indented), the caret line that gives the column, then `symbol:`/`location:`. */
class JavacBlock extends Block {
  private taken = 0;
  protected continues(line: string): boolean {
    this.taken++;
    if (this.taken === 1) return !JAVAC.test(line);
    if (this.taken === 2 && /^\s*\^$/.test(line)) {
      if (this.finding) this.finding.column = line.indexOf('^') + 1;
      return true;
    }
    return /^\s/.test(line);
  }
}

/** An error of javac opens a finding, a warning a block that is skipped; undefined for any other line. */
export function javacLine(line: string, sink: LogSink): true | undefined {
  const m = JAVAC.exec(line);
  if (!m) return undefined;
  const [, file, lineNo, severity, message] = m;
  if (severity === 'warning') return sink.enter(new JavacBlock(line, undefined));
  return open(sink, JavacBlock, JAVAC_DEPENDENCY.test(message!) ? 'dependency' : 'compile', message!, line, file, lineNo);
}
