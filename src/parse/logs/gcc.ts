import type { LogSink } from './block.js';
import { Block, open } from './block.js';

// No ':' in the path (but a drive's): `\S.*?` tried every `.c` of the line, each followed by a scan to its end (issue 20).
const C_FILE = String.raw`(?:[A-Za-z]:)?[^\s:][^:]*?\.(?:c|cc|cp|cpp|cxx|c\+\+|h|hh|hpp|hxx|h\+\+|inc|inl|ipp|tcc|tpp|m|mm|cu|cuh)`;
const GCC = new RegExp(`^(${C_FILE}):(\\d+):(?:(\\d+):)? (fatal error|error|warning|note): (.*)$`);
/** Lines gcc prints before an error to say where it is: `a.c: In function 'f':`, include chains, template instantiations. */
const GCC_CONTEXT = new RegExp(`^(?:${C_FILE}: (?:In|At) .*:|In file included from .*[:,]|\\s+from .*[:,]|${C_FILE}:\\d+:\\d+:\\s+(?:recursively )?required from .*)$`);
const GCC_DEPENDENCY = /No such file or directory$|file not found$/;
/**
 * Linkers: GNU ld (`x.cpp:(.text+0x15): undefined reference to `f()'`, `/usr/bin/ld: cannot find -lz`),
 * lld and mold (`ld.lld: error: undefined symbol: f()`), Apple ld (`Undefined symbols for architecture arm64:`).
 */
const LD_ERROR = /^(?:\S*\bld(?:\.\w+)?: )?(?:([^\s:()]+):\(\S+\): |\S+: )((?:undefined reference to|multiple definition of) .*)$/;
const LD_OTHER = /^(?:\S*\b(?:ld(?:\.\w+)?|ld64\.lld|mold): (?:error: )?(.*(?:undefined symbol|duplicate symbol|cannot find|unable to find library).*)|(Undefined symbols for architecture \S+):)$/;
const LD_MISSING = /cannot find|unable to find library/;
const LD_CONTEXT = /^\S*\bld(?:\.\w+)?: \S+: in function .*:$/;
/** The driver's word that the link failed, said once per target after the linker's errors; Apple ld's indented symbol list. */
const LINK_FAILED = /^(?:(?:collect2|\S*clang(?:\+\+)?(?:-\d+)?|\S*[gc]\+\+|\S*gcc|c\+\+): error: (?:ld returned \d+ exit status|linker command failed)|\s|>>> |ld: symbol\(s\) not found)/;
/**
 * Where make (`[ 73%] Building CXX object CMakeFiles/t.dir/a.cpp.o`, `make[2]: *** [CMakeFiles/t.dir/build.make:76: …] Error 1`)
 * and ninja (`[11/15] Linking CXX executable t`, `FAILED: CMakeFiles/t.dir/a.cpp.o`) name the CMake target being built.
 */
const CMAKE_STEP = /^\[(?:\s*\d+%|\d+\/\d+)\] (?:Building \w+ object (?:\S+\/)?CMakeFiles\/([^/\s]+)\.dir\/|Linking \w+ (?:executable|(?:static |shared )?library|module|shared module) (\S+)$)/;
const BUILD_FAILED = /^(?:FAILED: (?:(?:\S+\/)?CMakeFiles\/([^/\s]+)\.dir\/|(?:\S*\/)?([^/\s]+) *$)|g?make(?:\[\d+\])?: \*\*\* \[(?:\S+\/)?CMakeFiles\/([^/\s]+)\.dir\/.{0,400}\] Error \d+$)/;

/** The source excerpt is indented; `note:` lines belong to the error or warning before them. */
class GccBlock extends Block {
  protected continues(line: string): boolean {
    return /^\s/.test(line) || GCC.exec(line)?.[4] === 'note';
  }
}

/** A linker error takes the driver's closing line. */
class LinkBlock extends Block {
  protected continues(line: string): boolean {
    return LINK_FAILED.test(line);
  }
}

export class GccReader {
  /** `In function`/`In file included from` lines, waiting for the error they introduce. */
  private context: string[] = [];
  /** The CMake target make or ninja said it is building: the errors that follow stop it. */
  private target: string | undefined;

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
      return open(this.inTarget(sink), GccBlock, kind, message!, excerpt, file, lineNo, col);
    }
    const ld = LD_ERROR.exec(line);
    if (ld) return open(this.inTarget(sink), LinkBlock, 'compile', ld[2]!, [...context, line].join('\n'), ld[1]);
    const other = LD_OTHER.exec(line);
    if (other) {
      const message = other[1] ?? other[2]!;
      return open(this.inTarget(sink), LinkBlock, LD_MISSING.test(message) ? 'dependency' : 'compile', message, [...context, line].join('\n'));
    }
    if ((GCC_CONTEXT.test(line) && (context.length > 0 || !/^\s/.test(line))) || LD_CONTEXT.test(line)) {
      this.context = [...context, line];
      return true;
    }
    const step = CMAKE_STEP.exec(line) ?? BUILD_FAILED.exec(line);
    if (step) this.target = step[1] ?? step[2] ?? step[3];
    return undefined;
  }

  /** The sink, with the findings it is handed put under the target being built: the unit whose tests they stop. */
  private inTarget(sink: LogSink): LogSink {
    const target = this.target;
    if (target === undefined) return sink;
    return {
      origin: sink.origin,
      add: (f) => sink.add(Object.assign(f, { package: target })),
      enter: (block) => sink.enter(block),
      declare: (runner, declared) => sink.declare(runner, declared),
    };
  }
}
