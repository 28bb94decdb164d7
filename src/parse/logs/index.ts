import { stripAnsi } from '../../text/ansi.js';
import type { Declared, Finding } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import type { Parser } from '../parser.js';
import { lines, MAX_LOG_LINE } from '../parser.js';
import type { Block, LogSink } from './block.js';
import { GccReader } from './gcc.js';
import { GoBuildReader } from './go.js';
import { javacLine } from './javac.js';
import { JestReader } from './jest.js';
import { MochaReader } from './mocha.js';
import { NodeLoadReader } from './node-load.js';
import { NodeTestReader } from './node-test.js';
import { PhpunitReader } from './phpunit.js';
import { PytestReader } from './pytest.js';
import { quotesLogs } from './quoted.js';
import { tracebackLine } from './python.js';
import { RustReader } from './rustc.js';
import { SurefireReader } from './surefire.js';
import { tscLine } from './tsc.js';
import { UnittestReader } from './unittest.js';
import { VitestReader } from './vitest.js';

/*
 * Build and collection failures in the plain-text output of compilers and test runners: Go's
 * on its own (go.ts), as a Go log holds nothing else; tsc, javac, gcc/g++, rustc/cargo, Python
 * tracebacks, pytest, unittest and jest together, as one log (2>&1) may hold several of them.
 */

/** Turns compiler and test-runner output into findings, one line at a time. */
export class CompilerOutputReader implements LogSink {
  readonly findings: Finding[] = [];
  readonly declared: Declared[] = [];
  runner: string | undefined;
  /** The number of the line being read (for a summary line's place). */
  private lineNumber = 0;
  private block: Block | undefined;
  private previous = '';
  private readonly pytest = new PytestReader();
  private readonly unittest = new UnittestReader();
  private readonly jest = new JestReader();
  private readonly vitest = new VitestReader();
  private readonly mocha = new MochaReader();
  private readonly nodeLoad = new NodeLoadReader();
  private readonly nodeTest = new NodeTestReader();
  private readonly gcc = new GccReader();
  private readonly rust = new RustReader();
  private readonly phpunit = new PhpunitReader();
  private readonly surefire = new SurefireReader();

  constructor(readonly origin: string) {}

  add(f: Finding): void {
    this.findings.push(f);
  }

  enter(block: Block): true {
    this.block = block;
    return true;
  }

  declare(runner: string, declared: Declared): void {
    this.runner ??= runner;
    this.declared.push(this.lineNumber > 0 ? { ...declared, line: this.lineNumber } : declared);
  }

  /** Feeds one line; returns false when the line is not part of an error this reader knows. */
  line(raw: string, n = 0): boolean {
    this.lineNumber = n;
    const line = stripAnsi(raw).replace(/\r$/, '');
    const previous = this.previous;
    this.previous = line;
    if (this.block?.take(line)) return true;
    this.block = undefined;
    if (line.trim() === '') return false;
    // The test runners first: they say which of the lines that follow are a failing test's.
    const handled =
      this.pytest.line(line, this) ??
      this.unittest.line(line, previous) ??
      this.jest.line(line, this) ??
      this.vitest.line(line, this) ??
      this.mocha.line(line, this) ??
      this.nodeLoad.line(line, this) ??
      this.nodeTest.line(line, this) ??
      this.phpunit.line(line, this) ??
      this.surefire.line(line, this) ??
      this.errorLine(line);
    // PHPUnit and Maven say who they are in a banner, before any count.
    this.runner ??= this.phpunit.runner ?? this.surefire.runner;
    return handled;
  }

  /** At the end of the log: what only its end shows (a run that never finished, a console's own count). */
  finish(): void {
    this.pytest.finish(this);
    const said = this.phpunit.declared() ?? this.surefire.declared();
    if (said && this.runner) this.declare(this.runner, { total: said.total, what: said.what, scope: 'runner' });
  }

  private errorLine(line: string): boolean {
    const context = this.gcc.takeContext();
    return (
      tscLine(line, this) ??
      tracebackLine(line, this, this.unittest.loading ? 'collection' : undefined) ??
      javacLine(line, this) ??
      this.gcc.line(line, context, this) ??
      this.rust.line(line, this)
    );
  }
}

/** Whether a head of text holds an error that the reader turns into a finding. */
export function detectCompilerOutput(head: string): boolean {
  if (quotesLogs(head)) return false;
  const reader = new CompilerOutputReader('');
  for (const line of head.split('\n')) {
    reader.line(line);
    if (reader.findings.length > 0 || reader.runner) return true;
  }
  // A head that ends in a run with no summary: a cut log, or the head of a long one (its parse tells).
  reader.finish();
  return reader.findings.length > 0;
}

/** A text log of `go build`/`go vet`/`go test` (e.g. `go test -json ./... 2> build.log`). */
export const goBuildLogParser: Parser = {
  format: 'go-build-log',
  kind: 'log',
  detect(head) {
    const start = head.trimStart();
    if (start.startsWith('{') || start.startsWith('<')) return false;
    return head.split('\n', 500).some((l) => /^(?:vet: )?\S+\.go:\d+(:\d+)?: /.test(l) || /^FAIL\s+\S+ \[(build|setup) failed\]/.test(l));
  },
  async parse(source) {
    const out = emptyOutput();
    const reader = new GoBuildReader(source.path);
    for await (const [line] of lines(source, MAX_LOG_LINE)) reader.line(line);
    out.findings.push(...reader.findings, ...reader.unbuilt(reader.failedPackages, (pkg) => `package ${pkg} failed to build`));
    return out;
  },
};

/** A text log of compilers and test runners (`tsc`, `javac`, `gcc`, `cargo`, `pytest`, `jest`, …, 2>&1). */
export const compilerOutputParser: Parser = {
  format: 'compiler-output',
  kind: 'log',
  detect: detectCompilerOutput,
  async parse(source) {
    const out = emptyOutput();
    const reader = new CompilerOutputReader(source.path);
    for await (const [line, n] of lines(source, MAX_LOG_LINE)) reader.line(line, n);
    reader.finish();
    out.findings.push(...reader.findings);
    if (reader.runner) out.runner = reader.runner;
    if (reader.declared.length > 0) out.declared = reader.declared;
    return out;
  },
};
