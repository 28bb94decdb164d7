import type { Declared, Finding, ParseOutput, TestCase, TestStatus } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { stripAnsi } from '../../text/ansi.js';
import { CompilerOutputReader } from '../logs/index.js';
import type { LineReader } from './line-parser.js';
import { lineParser } from './line-parser.js';
import { overflowedThread } from './panic.js';
import { libtestCase, plainName, stoppedBinary } from './test-case.js';

/*
 * `cargo test` as it prints to a console (2>&1): cargo's `Running <target> (<binary>)` and
 * `Doc-tests <crate>` open each test binary, libtest says `running N tests`, a line per test
 * (`test x ... ok`; `--format terse` prints only the failures' names), each failure's output,
 * and `test result:`. What is not libtest's or cargo's (rustc's errors) goes to the compiler
 * reader. A binary that dies prints no result: cargo then says `process didn't exit
 * successfully`; a log that ends inside a binary is a run that was killed (a timeout).
 */

const MAX_LINE = 4096;
const RUNNING = /^ {2,}Running (?:unittests )?(\S.*)$/;
const DOC_TESTS = /^ {2,}Doc-tests (\S+)$/;
const COUNT = /^running (\d{1,9}) tests?$/;
const TEST = /^test (\S.*?) \.\.\. ?(.*)$/;
const TERSE_FAILED = /^(\S.*) --- FAILED$/;
const SLOW = /^test (\S.*) has been running for over \d+ seconds$/;
/** `--format terse`: a mark per test that passed or was ignored (failures are named on lines of their own). */
const TERSE_MARKS = /^[.i]+/;
const OUTPUT = /^---- (\S.*) std(?:out|err) ----$/;
const RESULT = /^test result: (?:ok|FAILED)\. \d+ passed; \d+ failed; \d+ ignored;/;
/** `(signal: 6, SIGABRT: …)`, `(exit status: 3)`, Windows' `(exit code: 0xc0000005, STATUS_ACCESS_VIOLATION)`. */
const DIED = /^\s*process didn't exit successfully: .* \(((?:signal|exit status|exit code): [^()]*)\)$/;
/** cargo's lines around a failed binary, read here rather than taken for rustc's errors. */
const CARGO_NOISE = /^(?:error: test failed, to rerun pass `|error: \d+ targets? failed:$|Caused by:$|\s+`-p \S+ --|warning: build failed, waiting for other jobs)/;

interface Binary {
  name: string;
  /** What ids are qualified with: the binary's name without cargo's hash, stable from build to build. */
  suite: string;
  declared?: number;
  count?: Declared;
  /** Whether libtest named each test (not `--format terse`). */
  listed: boolean;
  /** Tests `--format terse` marked but did not name. */
  marks: number;
  results: { name: string; status: TestStatus; reason?: string }[];
  outputs: Map<string, string[]>;
  running?: string;
  slow?: string;
  crash: string[];
  done: boolean;
}

/** `tests/totals.rs (target/debug/deps/totals-06a4192b3de93e1c)` → `totals`; `Doc-tests ledger` as it is. */
function suiteOf(binary: string): string {
  const path = /\(([^()]+)\)$/.exec(binary)?.[1] ?? binary;
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return /^(.+?)-[0-9a-f]{16}(?:\.exe)?$/.exec(file)?.[1] ?? file;
}

function resultOf(text: string): { status: TestStatus; reason?: string } | undefined {
  if (text === 'ok' || text.startsWith('bench:')) return { status: 'passed' };
  if (text === 'FAILED') return { status: 'failed' };
  const ignored = /^ignored(?:, (.*))?$/.exec(text);
  return ignored ? { status: 'skipped', reason: ignored[1] } : undefined;
}

export class LibtestConsoleReader implements LineReader {
  readonly tests: TestCase[] = [];
  readonly findings: Finding[] = [];
  readonly declared: Declared[] = [];
  private binary: Binary | undefined;
  private output: string[] | undefined;
  private readonly compiler: CompilerOutputReader;

  constructor(private readonly origin: string) {
    this.compiler = new CompilerOutputReader(origin);
  }

  line(raw: string, n: number): void {
    const line = stripAnsi(raw).replace(/\r$/, '');
    if (line.length > MAX_LINE) return void this.compiler.line(line);
    if (this.output && !/^failures:$|^test result: /.test(line) && !OUTPUT.test(line)) return void this.output.push(line);
    this.output = undefined;
    const b = this.binary;
    let m: RegExpExecArray | null;
    if ((m = RUNNING.exec(line))) this.open(m[1]!);
    else if ((m = DOC_TESTS.exec(line))) this.open(`Doc-tests ${m[1]!}`);
    else if ((m = COUNT.exec(line))) {
      const binary = b && !b.done && b.declared === undefined ? b : this.open('test binary', '');
      binary.declared = Number(m[1]);
      binary.count = { total: binary.declared, what: line, line: n, scope: 'file' };
      if (binary.declared > 0) this.declared.push(binary.count);
    } else if (b && !b.done && RESULT.test(line)) this.finish(b);
    else if (b && !b.done && (m = SLOW.exec(line))) b.slow = m[1]!;
    else if (b && !b.done && (m = TEST.exec(line))) {
      b.listed = true;
      const result = resultOf(m[2]!);
      if (result) {
        b.results.push({ name: m[1]!, ...result });
        b.running = undefined;
      } else b.running = m[1]!;
    } else if (b && !b.done && (m = TERSE_FAILED.exec(line))) b.results.push({ name: m[1]!, status: 'failed' });
    else if (b && !b.done && !b.listed && (m = TERSE_MARKS.exec(line))) b.marks += m[0].length;
    else if (b && (m = OUTPUT.exec(line))) b.outputs.set(plainName(m[1]!), (this.output = []));
    else if (b && (m = DIED.exec(line))) this.died(b, m[1]!, line);
    else if (b && !b.done && overflowedThread(line)) {
      b.running ??= overflowedThread(line);
      b.crash.push(line);
    } else if (b && !b.done && line.startsWith('fatal runtime error: ')) b.crash.push(line);
    else if (!CARGO_NOISE.test(line)) this.compiler.line(line);
  }

  end(): ParseOutput {
    const b = this.binary;
    if (b && !b.done && b.declared !== undefined) {
      const how = b.slow
        ? `was killed with the run: libtest said ${b.slow} had been running for over 60 seconds`
        : 'was cut off: the log ends before its `test result:` (the run was killed, e.g. by a timeout)';
      this.stop(b, 'timeout', how);
    }
    this.findings.push(...this.compiler.findings);
    const out: ParseOutput = { ...emptyOutput(), tests: this.tests, findings: this.findings, runner: 'cargo' };
    if (this.declared.length > 0) out.declared = this.declared;
    return out;
  }

  private open(name: string, suite = suiteOf(name)): Binary {
    // Without libtest's own lines (a log of cargo's stderr alone) only cargo's word says a binary died.
    if (this.binary && !this.binary.done && this.binary.declared !== undefined) this.stop(this.binary, 'crash', 'stopped without a `test result:`');
    this.binary = { name, suite, listed: false, marks: 0, results: [], outputs: new Map(), crash: [], done: false };
    return this.binary;
  }

  private died(b: Binary, how: string, line: string): void {
    if (b.done) return;
    b.crash.push(line.trim());
    this.stop(b, 'crash', `died (${how})`);
  }

  private stop(b: Binary, kind: 'crash' | 'timeout', how: string): void {
    this.finish(b);
    const reported = b.results.length + b.marks;
    this.findings.push(
      stoppedBinary(kind, this.origin, { binary: `test binary ${b.name}`, how, running: b.running ?? b.slow, declared: b.declared, reported, excerpt: b.crash.join('\n') || undefined }),
    );
  }

  /** The binary's tests, now that the output of its failures is known. */
  private finish(b: Binary): void {
    b.done = true;
    for (const r of b.results) this.tests.push(libtestCase(r.name, r.status, this.origin, b.suite, b.outputs.get(plainName(r.name))?.join('\n'), r.reason));
    // Terse output names only failures: the count is compared with every cargo report instead.
    if (!b.listed && b.count) b.count.scope = 'runner';
  }
}

/** The head holds libtest's or cargo test's own lines. */
function detectCargoTest(head: string): boolean {
  const start = head.trimStart();
  if (/^[{[<]/.test(start)) return false;
  return head.split('\n', 500).some((l) => COUNT.test(l) || RESULT.test(l) || /^ {2,}Running (?:unittests )?\S+ \([^()\s]+\)$/.test(l) || DOC_TESTS.test(l));
}

/** The console output of `cargo test` (or of a libtest binary). */
export const cargoTestParser = lineParser('cargo-test', detectCargoTest, (origin) => new LibtestConsoleReader(origin), 'log');
