import type { LogSink } from './block.js';
import { Block, open } from './block.js';

const JAVAC = /^(\S.*?\.java):(\d+): (error|warning): (.*)$/;
// Maven's compiler plugin: `[ERROR] /path/Foo.java:[12,5] cannot find symbol`.
const MAVEN = /^\[(ERROR|WARNING)\] (\S.{0,1000}?\.java):\[(\d{1,7}),(\d{1,7})\] (.{0,2000})$/;
// Ant's javac task prints javac's lines behind its name.
const ANT_TASK = /^\s{0,20}\[javac\] ?/;
const JAVAC_DEPENDENCY = /^package \S+ does not exist$|^cannot access \S+$|^class file for \S+ not found$/;

/** The source line (not indented), the caret line that gives the column, then `symbol:`/`location:`. */
class JavacBlock extends Block {
  private taken = 0;
  protected continues(raw: string): boolean {
    const line = raw.replace(ANT_TASK, '');
    this.taken++;
    if (this.taken === 1) return !JAVAC.test(line) && !MAVEN.test(line);
    if (this.taken === 2 && /^\s*\^$/.test(line)) {
      if (this.finding) this.finding.column = line.indexOf('^') + 1;
      return true;
    }
    return /^\s/.test(line);
  }
}

/** Maven prints no source line: only `symbol:`/`location:` lines follow its error. */
class MavenCompilerBlock extends Block {
  protected continues(line: string): boolean {
    return /^\s/.test(line);
  }
}

/** An error of javac opens a finding, a warning a block that is skipped; undefined for any other line. */
export function javacLine(raw: string, sink: LogSink): true | undefined {
  const maven = MAVEN.exec(raw);
  if (maven) {
    const [, severity, file, lineNo, column, message] = maven;
    if (severity === 'WARNING') return sink.enter(new MavenCompilerBlock(raw, undefined));
    return open(sink, MavenCompilerBlock, kindOf(message!), message!, raw, file, lineNo, column);
  }
  const line = raw.replace(ANT_TASK, '');
  const m = JAVAC.exec(line);
  if (!m) return undefined;
  const [, file, lineNo, severity, message] = m;
  if (severity === 'warning') return sink.enter(new JavacBlock(line, undefined));
  return open(sink, JavacBlock, kindOf(message!), message!, line, file, lineNo);
}

function kindOf(message: string): 'dependency' | 'compile' {
  return JAVAC_DEPENDENCY.test(message) ? 'dependency' : 'compile';
}
