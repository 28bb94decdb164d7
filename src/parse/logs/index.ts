import { stripAnsi } from '../../text/ansi.js';
import type { Finding, FindingKind } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import type { Parser } from '../parser.js';
import { lines } from '../parser.js';

/*
 * Build and collection failures in the plain-text output of tools other than Go (go-build.ts):
 * tsc, javac, gcc/g++, rustc/cargo, Python tracebacks, pytest, unittest and jest. As in
 * GoBuildReader, each error line starts a finding and the lines printed under it (source
 * excerpt, notes, frames) go to its excerpt: every tool's error opens a block, and the block
 * says which of the following lines are still its own. Warnings open blocks too, so that their
 * notes are not taken for the previous error's.
 */

// tsc: `src/a.ts(12,5): error TS2322: …`, and with --pretty `src/a.ts:12:5 - error TS2322: …`.
const TSC = /^(\S.*?)(?:\((\d+),(\d+)\): |:(\d+):(\d+) - )error TS(\d+): (.*)$/;
const TSC_GLOBAL = /^error TS(\d+): (.*)$/;
/** Missing module, type definitions or declaration file. */
const TSC_DEPENDENCY = new Set(['2307', '2688', '2792', '7016']);

const JAVAC = /^(\S.*?\.java):(\d+): (error|warning): (.*)$/;
const JAVAC_DEPENDENCY = /^package \S+ does not exist$|^cannot access \S+$|^class file for \S+ not found$/;

const C_FILE = String.raw`\S.*?\.(?:c|cc|cp|cpp|cxx|c\+\+|h|hh|hpp|hxx|h\+\+|inc|inl|ipp|tcc|tpp|m|mm|cu|cuh)`;
const GCC = new RegExp(`^(${C_FILE}):(\\d+):(?:(\\d+):)? (fatal error|error|warning|note): (.*)$`);
/** Lines gcc prints before an error to say where it is: `a.c: In function 'f':`, include chains, template instantiations. */
const GCC_CONTEXT = new RegExp(`^(?:${C_FILE}: (?:In|At) .*:|In file included from .*[:,]|\\s+from .*[:,]|${C_FILE}:\\d+:\\d+:\\s+(?:recursively )?required from .*)$`);
const GCC_DEPENDENCY = /No such file or directory$|file not found$/;

const RUST = /^(error|warning)(?:\[(E\d{4})\])?: (.*)$/;
const RUST_LOCATION = /^\s*--> (.+?):(\d+):(\d+)$/;
/** Lines rustc prints inside one diagnostic: gutter, source, suggestions, `...`, and `help:`/`note:` sections. */
const RUST_BODY = /^\s|^\d+\s+[|+~-](?: |$)|^\.\.\.$|^(?:help|note|suggestion)(?:\[\w+\])?: /;
/** cargo's progress lines, which end whatever error came before them. */
const CARGO_STATUS = /^ {1,12}(?:Compiling|Checking|Documenting|Downloaded|Fresh) [\w-]+ v\d+\.\d+/;
const CARGO_CRATE = /^error: could not compile `([^`]+)`/;
const CARGO_REQUIRED_BY = /^required by package `(\S+) v/;
const RUST_DEPENDENCY =
  /unlinked crate|can't find crate|unresolved extern crate|no matching package|failed to select a version|as a dependency of package|failed to load source for dependency|failed to download/;
/** cargo's own errors, printed without rustc's ` --> ` location. */
const CARGO_ERROR = /^(?:failed to run custom build command for `|linking with `|failed to (?:parse|load) manifest|could not find `Cargo\.toml`)/;

const PY_TRACEBACK = /^Traceback \(most recent call last\):$/;
const PY_FRAME = /^\s+File "(.+)", line (\d+)(?:, in .+)?$/;
const PY_EXCEPTION = /^[A-Za-z_][\w.]*(?::(?: .*)?)?$/;
const PY_CHAIN = /^(?:The above exception was the direct cause of the following exception:|During handling of the above exception, another exception occurred:)$/;
/** Frames outside the project: the standard library, installed packages, `<frozen runpy>`, `<string>`. */
const PY_LIBRARY = /[\\/](?:site-packages|dist-packages)[\\/]|[\\/]lib[\\/]python\d|[\\/]Lib[\\/]|^</;
const PY_LOAD_ERROR = /^(?:[\w.]+\.)?(?:ImportError|ModuleNotFoundError|SyntaxError|IndentationError|TabError)(?::|$)/;

const PYTEST_SECTION = /^={3,} (.+?) ={3,}$/;
const PYTEST_BLOCK = /^_+ (.+?) _+$/;
const PYTEST_FRAME = /^(?:(\S.*?):(\d+): in \S|E?\s+File "(.+)", line (\d+))/;
const PYTEST_SUMMARY_ERROR = /^ERROR (\S+\.py)(?: - (.*))?$/;
const PYTEST_INTERRUPTED = /^!{3,} Interrupted: .* !{3,}$/;
/** pytest's last line, also without the `=` of -q: `1 failed, 2 passed in 0.12s`. */
const PYTEST_DONE = /^(?:=+ )?\d+ (?:passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?)\b.* in [\d.]+s\b.*$/;
const PYTEST_CONFTEST = /^ImportError while loading conftest '(.+)'\.$/;

const UNITTEST_RULE = '='.repeat(70);
const UNITTEST_HEADER = /^(?:ERROR|FAIL): \S+ \((.+)\)$/;
const UNITTEST_END = /^Ran \d+ tests? in /;

const JEST_RESULT = /^\s*(FAIL|PASS)\s+(\S+)/;
const JEST_SUITE_FAILED = /^\s+● Test suite failed to run$/;
const JEST_FRAME = /^\s+at (?:.* \()?(.+?):(\d+):(\d+)\)?$/;

const MAX_EXCERPT_LINES = 200;

/** The directory of a file as written, with forward slashes; undefined for a bare file name. */
function dirOf(file: string): string | undefined {
  const posix = file.replace(/\\/g, '/');
  const slash = posix.lastIndexOf('/');
  return slash < 0 ? undefined : posix.slice(0, slash) || '/';
}

/** Whether two spellings of a path (relative, absolute) name the same file. */
function samePath(a: string, b: string): boolean {
  const [x, y] = [a.replace(/\\/g, '/').replace(/^\.\//, ''), b.replace(/\\/g, '/').replace(/^\.\//, '')];
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

function finding(kind: FindingKind, origin: string, message: string, excerpt: string, file?: string, line?: string, column?: string): Finding {
  return {
    kind,
    ...(file !== undefined ? { package: dirOf(file), file } : {}),
    ...(line !== undefined ? { line: Number(line) } : {}),
    ...(column !== undefined ? { column: Number(column) } : {}),
    message: message.trim(),
    excerpt,
    tests: [],
    origin,
  };
}

/** An error, or a warning whose lines are skipped, and the lines printed after its first. */
abstract class Block {
  private blanks = 0;
  /** Lines in the excerpt; a runaway block (a huge stack) keeps only its first lines. */
  private kept = 1;
  /** Lines read before the finding exists (a traceback's exception line comes last). */
  private early: string[] | undefined;

  constructor(
    first: string,
    protected finding: Finding | undefined,
    waitsForFinding = false,
  ) {
    if (finding) finding.excerpt = first;
    else if (waitsForFinding) this.early = [first];
  }

  /** Feeds the next line; false when it does not belong to the block, which has then ended. */
  take(line: string): boolean {
    if (line.trim() === '') {
      if (!this.blankInside()) return false;
      this.blanks++;
      return true;
    }
    if (!this.continues(line, this.blanks > 0)) return false;
    // Blank lines inside the block are kept; trailing ones are not, as the next line decides.
    const blanks = this.blanks;
    this.blanks = 0;
    if ((this.kept += blanks + 1) > MAX_EXCERPT_LINES) return true;
    if (this.finding) this.finding.excerpt = `${this.finding.excerpt ?? ''}${'\n'.repeat(blanks + 1)}${line}`;
    else this.early?.push(...Array<string>(blanks).fill(''), line);
    return true;
  }

  /** Gives the block its finding once it is known; the lines read so far become its excerpt. */
  protected found(f: Finding): void {
    f.excerpt = (this.early ?? []).join('\n');
    this.early = undefined;
    this.finding = f;
  }

  protected blankInside(): boolean {
    return false;
  }

  protected abstract continues(line: string, afterBlank: boolean): boolean;
}

/** tsc without --pretty: the error's further lines (elaborations) are indented. */
class IndentedBlock extends Block {
  protected continues(line: string): boolean {
    return /^\s/.test(line);
  }
}

/** gcc: the source excerpt is indented; `note:` lines belong to the error or warning before them. */
class GccBlock extends Block {
  protected continues(line: string): boolean {
    return /^\s/.test(line) || GCC.exec(line)?.[4] === 'note';
  }
}

/** tsc --pretty: blank lines, the numbered source line, indented underline and related locations. */
class TscPrettyBlock extends Block {
  protected override blankInside(): boolean {
    return true;
  }
  protected continues(line: string): boolean {
    return /^\s|^\d+ /.test(line);
  }
}

/** javac: the source line (not indented), the caret line that gives the column, then `symbol:`/`location:`. */
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

/**
 * A rustc diagnostic (` --> file:line:col`, gutter lines) or a cargo error (`Caused by:` chains,
 * `required by package`). As many tools print `error: …`, a bare `error:` line that is not one
 * of cargo's is a draft, kept only when rustc's ` --> ` follows it.
 */
class RustBlock extends Block {
  private mode: 'start' | 'diagnostic' | 'cargo' = 'start';

  constructor(
    first: string,
    f: Finding | undefined,
    private readonly draft: Finding | undefined,
    private readonly add: (f: Finding) => void,
  ) {
    super(first, f, draft !== undefined);
  }

  protected continues(line: string, afterBlank: boolean): boolean {
    if (CARGO_STATUS.test(line)) return false;
    if (this.mode === 'start') {
      const at = RUST_LOCATION.exec(line);
      if (at) {
        this.mode = 'diagnostic';
        if (this.draft) {
          this.found(this.draft);
          this.add(this.draft);
        }
        if (this.finding) Object.assign(this.finding, { package: dirOf(at[1]!), file: at[1]!, line: Number(at[2]), column: Number(at[3]) });
        return true;
      }
      if (this.draft) return false;
      this.mode = RUST_BODY.test(line) ? 'diagnostic' : 'cargo';
    }
    let ok: boolean;
    if (this.mode === 'diagnostic') ok = RUST_BODY.test(line);
    else ok = afterBlank ? /^\s|^Caused by:$/.test(line) : !RUST.test(line);
    if (ok && this.finding) {
      // rustc names a missing crate in the label under the source, not in the message.
      if (RUST_DEPENDENCY.test(line)) this.finding.kind = 'dependency';
      const crate = CARGO_REQUIRED_BY.exec(line);
      if (crate) this.finding.package = crate[1];
    }
    return ok;
  }

  protected override blankInside(): boolean {
    return this.mode === 'cargo';
  }
}

/**
 * `Traceback (most recent call last):`, the frames, the exception line, and chained tracebacks
 * (`The above exception was the direct cause…`): one finding, for the exception that ended the
 * program, at the last frame in the project's own code.
 */
class TracebackBlock extends Block {
  private state: 'frames' | 'after' | 'chained' = 'frames';
  private frame: { file: string; line: string } | undefined;

  constructor(
    first: string,
    private readonly origin: string,
    private readonly add: (f: Finding) => void,
    private readonly kind?: FindingKind,
  ) {
    super(first, undefined, true);
  }

  protected continues(line: string): boolean {
    if (this.state === 'after') {
      if (!PY_CHAIN.test(line)) return false;
      this.state = 'chained';
      return true;
    }
    if (this.state === 'chained') {
      if (!PY_TRACEBACK.test(line)) return false;
      this.state = 'frames';
      this.frame = undefined;
      return true;
    }
    const frame = PY_FRAME.exec(line);
    if (frame && !PY_LIBRARY.test(frame[1]!)) this.frame = { file: frame[1]!, line: frame[2]! };
    if (/^\s/.test(line)) return true;
    if (!PY_EXCEPTION.test(line)) return false;
    this.state = 'after';
    const kind = this.kind ?? (PY_LOAD_ERROR.test(line) ? 'collection' : 'crash');
    const f = finding(kind, this.origin, line, '', this.frame?.file, this.frame?.line);
    if (this.finding) {
      // A chained exception: the last one is what stopped the program.
      const excerpt = this.finding.excerpt;
      for (const key of ['package', 'file', 'line'] as const) delete this.finding[key];
      Object.assign(this.finding, f, { excerpt });
    } else {
      this.found(f);
      this.add(f);
    }
    return true;
  }

  protected override blankInside(): boolean {
    return this.state !== 'frames';
  }
}

/**
 * pytest's `____ ERROR collecting tests/test_x.py ____` section, or the traceback under
 * `ImportError while loading conftest`: the message is the first `E   ` line (the exception),
 * the line is the last frame in the collected file.
 */
class PytestCollectBlock extends Block {
  private explained = false;

  /** `section`: the block runs to the next pytest separator; otherwise only frames, code and `E` lines follow. */
  constructor(
    first: string,
    f: Finding,
    private readonly section: boolean,
  ) {
    super(first, f);
  }

  protected continues(line: string): boolean {
    if (PYTEST_SECTION.test(line) || (PYTEST_BLOCK.test(line) && !/^[_ ]+$/.test(line))) return false;
    const frame = PYTEST_FRAME.exec(line);
    if (!this.section && !frame && !/^\s|^E /.test(line)) return false;
    const f = this.finding!;
    const path = frame?.[1] ?? frame?.[3];
    if (path && samePath(path, f.file!)) f.line = Number(frame![2] ?? frame![4]);
    const error = /^E {3}(\S.*)$/.exec(line);
    if (error && !this.explained) {
      f.message = error[1]!.trim();
      this.explained = true;
    }
    return true;
  }

  protected override blankInside(): boolean {
    return true;
  }
}

/** jest's `● Test suite failed to run`: the message is the first line under it. */
class JestSuiteBlock extends Block {
  private explained = false;

  protected continues(line: string): boolean {
    if (!/^\s/.test(line)) return false;
    const f = this.finding;
    if (!f) return true;
    if (!this.explained) {
      f.message = line.trim();
      this.explained = true;
      // Babel's syntax errors name the file and a 0-based column: `…/x.test.js: Unexpected token (6:41)`.
      const at = /^SyntaxError: (.+?): .*\((\d+):(\d+)\)$/.exec(f.message);
      if (at && f.file && samePath(at[1]!, f.file)) Object.assign(f, { line: Number(at[2]), column: Number(at[3]) + 1 });
    }
    const frame = JEST_FRAME.exec(line);
    if (frame && f.line === undefined && f.file && samePath(frame[1]!, f.file)) Object.assign(f, { line: Number(frame[2]), column: Number(frame[3]) });
    return true;
  }

  protected override blankInside(): boolean {
    return true;
  }
}

/** Turns compiler and test-runner output into findings, one line at a time. */
export class CompilerOutputReader {
  readonly findings: Finding[] = [];
  private block: Block | undefined;
  /** gcc's `In function`/`In file included from` lines, waiting for the error they introduce. */
  private context: string[] = [];
  /** Rust findings waiting for cargo's `could not compile `crate`` to name their crate. */
  private crateless: Finding[] = [];
  private pytest: 'errors' | 'failures' | 'summary' | undefined;
  private readonly collected = new Set<string>();
  private unittest: 'suppress' | 'load' | undefined;
  private previous = '';
  /** jest's `FAIL test/x.test.js` line, for the `Test suite failed to run` under it. */
  private jestFail: { file: string; line: string } | undefined;
  /** jest's `Summary of all failing tests` repeats failures already read. */
  private jestRepeat = false;

  constructor(private readonly origin: string) {}

  /** Feeds one line; returns false when the line is not part of an error this reader knows. */
  line(raw: string): boolean {
    const line = stripAnsi(raw).replace(/\r$/, '');
    const previous = this.previous;
    this.previous = line;
    if (this.block?.take(line)) return true;
    this.block = undefined;
    if (line.trim() === '') return false;
    return this.pytestLine(line) ?? this.unittestLine(line, previous) ?? this.jestLine(line) ?? this.errorLine(line);
  }

  private pytestLine(line: string): boolean | undefined {
    const section = PYTEST_SECTION.exec(line);
    if (section) {
      const name = section[1]!;
      this.pytest = name === 'ERRORS' ? 'errors' : name === 'FAILURES' ? 'failures' : name === 'short test summary info' ? 'summary' : undefined;
      return this.pytest !== undefined;
    }
    if (PYTEST_DONE.test(line)) this.pytest = undefined;
    const conftest = PYTEST_CONFTEST.exec(line);
    if (conftest) {
      this.collectionError(conftest[1]!, line, line, false);
      return true;
    }
    if (this.pytest === 'errors' || this.pytest === 'failures') {
      const collecting = this.pytest === 'errors' ? /^ERROR collecting (.+)$/.exec(PYTEST_BLOCK.exec(line)?.[1] ?? '') : null;
      if (collecting) this.collectionError(collecting[1]!, line, line, true);
      // The rest is failing tests' output, which the test report already carries.
      return true;
    }
    if (this.pytest === 'summary') {
      const error = PYTEST_SUMMARY_ERROR.exec(line);
      if (error) {
        // Without the ERRORS section (--tb=no) the summary is all there is.
        if (!this.collected.has(error[1]!)) this.collectionError(error[1]!, error[2] ?? `ERROR collecting ${error[1]}`, line);
        return true;
      }
    }
    return PYTEST_INTERRUPTED.test(line) || undefined;
  }

  /** `section`: what follows is pytest's report of the error (true: a whole section, false: a traceback). */
  private collectionError(file: string, message: string, first: string, section?: boolean): void {
    const f = finding('collection', this.origin, message.replace(/^_+ | _+$/g, ''), first, file);
    this.collected.add(file);
    this.findings.push(f);
    if (section !== undefined) this.block = new PytestCollectBlock(first, f, section);
  }

  private unittestLine(line: string, previous: string): boolean | undefined {
    const header = previous === UNITTEST_RULE ? UNITTEST_HEADER.exec(line) : null;
    if (header) {
      // A module that failed to import shows up as a test of `unittest.loader._FailedTest`.
      this.unittest = header[1]!.includes('unittest.loader._FailedTest') ? 'load' : 'suppress';
      return true;
    }
    if (UNITTEST_END.test(line) || line === UNITTEST_RULE) this.unittest = undefined;
    // A failing test's traceback is the test's failure, not a crash.
    return this.unittest === 'suppress' || undefined;
  }

  private jestLine(line: string): boolean | undefined {
    const result = JEST_RESULT.exec(line);
    if (result) {
      this.jestFail = result[1] === 'FAIL' ? { file: result[2]!, line } : undefined;
      return undefined;
    }
    if (/^Summary of all failing tests$/.test(line)) this.jestRepeat = true;
    else if (/^Test Suites: /.test(line)) [this.jestFail, this.jestRepeat] = [undefined, false];
    if (!this.jestFail || !JEST_SUITE_FAILED.test(line)) return undefined;
    const excerpt = `${this.jestFail.line}\n${line}`;
    const f = finding('collection', this.origin, 'Test suite failed to run', excerpt, this.jestFail.file);
    if (!this.jestRepeat) this.findings.push(f);
    this.block = new JestSuiteBlock(excerpt, this.jestRepeat ? undefined : f);
    return true;
  }

  private errorLine(line: string): boolean {
    const context = this.context;
    this.context = [];
    let m = TSC.exec(line);
    if (m) {
      const [, file, l1, c1, l2, c2, code, message] = m;
      return this.open(TSC_DEPENDENCY.has(code!) ? 'dependency' : 'compile', message!, line, file, l1 ?? l2, c1 ?? c2, l1 ? IndentedBlock : TscPrettyBlock);
    }
    if ((m = TSC_GLOBAL.exec(line))) return this.open('compile', m[2]!, line);
    if (PY_TRACEBACK.test(line)) {
      const kind = this.unittest === 'load' ? 'collection' : undefined;
      return this.enter(new TracebackBlock(line, this.origin, (f) => this.findings.push(f), kind));
    }
    if ((m = JAVAC.exec(line))) {
      const [, file, lineNo, severity, message] = m;
      if (severity === 'warning') return this.enter(new JavacBlock(line, undefined));
      return this.open(JAVAC_DEPENDENCY.test(message!) ? 'dependency' : 'compile', message!, line, file, lineNo, undefined, JavacBlock);
    }
    if ((m = GCC.exec(line))) {
      const [, file, lineNo, col, severity, message] = m;
      if (severity !== 'error' && severity !== 'fatal error') return this.enter(new GccBlock(line, undefined));
      const excerpt = [...context, line].join('\n');
      const kind = severity === 'fatal error' && GCC_DEPENDENCY.test(message!) ? 'dependency' : 'compile';
      return this.open(kind, message!, excerpt, file, lineNo, col, GccBlock);
    }
    if (GCC_CONTEXT.test(line) && (context.length > 0 || !/^\s/.test(line))) {
      this.context = [...context, line];
      return true;
    }
    return this.rustLine(line);
  }

  private rustLine(line: string): boolean {
    const m = RUST.exec(line);
    if (!m) return false;
    const [, severity, code, message] = m;
    const crate = CARGO_CRATE.exec(line);
    if (crate) {
      for (const f of this.crateless) if (f.file) f.package = crate[1];
      this.crateless = [];
      return true;
    }
    if (severity === 'warning' || /^aborting due to /.test(message!)) return this.enter(new RustBlock(line, undefined, undefined, () => {}));
    const kind = RUST_DEPENDENCY.test(message!) ? 'dependency' : 'compile';
    const f = finding(kind, this.origin, message!, line);
    const add = (x: Finding) => {
      this.findings.push(x);
      this.crateless.push(x);
    };
    if (code || kind === 'dependency' || CARGO_ERROR.test(message!)) {
      add(f);
      this.block = new RustBlock(line, f, undefined, add);
    } else {
      this.block = new RustBlock(line, undefined, f, add);
    }
    return true;
  }

  private open(
    kind: FindingKind,
    message: string,
    excerpt: string,
    file?: string,
    line?: string,
    column?: string,
    type: new (first: string, f: Finding) => Block = IndentedBlock,
  ): boolean {
    const f = finding(kind, this.origin, message, excerpt, file, line, column);
    this.findings.push(f);
    this.block = new type(excerpt, f);
    return true;
  }

  private enter(block: Block): boolean {
    this.block = block;
    return true;
  }
}

/** Whether a head of text holds an error that the reader turns into a finding. */
export function detectCompilerOutput(head: string): boolean {
  // A report that quotes compiler output (a JUnit <system-out>, a JSON message) is not a log.
  if (/^[{[<]/.test(head.trimStart())) return false;
  const reader = new CompilerOutputReader('');
  for (const line of head.split('\n')) {
    reader.line(line);
    if (reader.findings.length > 0) return true;
  }
  return false;
}

/** A text log of compilers and test runners (`tsc`, `javac`, `gcc`, `cargo`, `pytest`, `jest`, …, 2>&1). */
export const compilerOutputParser: Parser = {
  format: 'compiler-output',
  kind: 'log',
  detect: detectCompilerOutput,
  async parse(source) {
    const out = emptyOutput();
    const reader = new CompilerOutputReader(source.path);
    for await (const [line] of lines(source)) reader.line(line);
    out.findings.push(...reader.findings);
    return out;
  },
};
