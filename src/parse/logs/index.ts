import { stripAnsi } from '../../text/ansi.js';
import type { Finding } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import type { Parser } from '../parser.js';
import { lines } from '../parser.js';
import type { Block, LogSink } from './block.js';
import { GccReader } from './gcc.js';
import { GoBuildReader } from './go.js';
import { javacLine } from './javac.js';
import { JestReader } from './jest.js';
import { PytestReader } from './pytest.js';
import { tracebackLine } from './python.js';
import { RustReader } from './rustc.js';
import { tscLine } from './tsc.js';
import { UnittestReader } from './unittest.js';

/*
 * Build and collection failures in the plain-text output of compilers and test runners: Go's
 * on its own (go.ts), as a Go log holds nothing else; tsc, javac, gcc/g++, rustc/cargo, Python
 * tracebacks, pytest, unittest and jest together, as one log (2>&1) may hold several of them.
 */

/** Turns compiler and test-runner output into findings, one line at a time. */
export class CompilerOutputReader implements LogSink {
  readonly findings: Finding[] = [];
  private block: Block | undefined;
  private previous = '';
  private readonly pytest = new PytestReader();
  private readonly unittest = new UnittestReader();
  private readonly jest = new JestReader();
  private readonly gcc = new GccReader();
  private readonly rust = new RustReader();

  constructor(readonly origin: string) {}

  add(f: Finding): void {
    this.findings.push(f);
  }

  enter(block: Block): true {
    this.block = block;
    return true;
  }

  /** Feeds one line; returns false when the line is not part of an error this reader knows. */
  line(raw: string): boolean {
    const line = stripAnsi(raw).replace(/\r$/, '');
    const previous = this.previous;
    this.previous = line;
    if (this.block?.take(line)) return true;
    this.block = undefined;
    if (line.trim() === '') return false;
    // The test runners first: they say which of the lines that follow are a failing test's.
    return this.pytest.line(line, this) ?? this.unittest.line(line, previous) ?? this.jest.line(line, this) ?? this.errorLine(line);
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
  // A report that quotes compiler output (a JUnit <system-out>, a JSON message) is not a log.
  if (/^[{[<]/.test(head.trimStart())) return false;
  const reader = new CompilerOutputReader('');
  for (const line of head.split('\n')) {
    reader.line(line);
    if (reader.findings.length > 0) return true;
  }
  return false;
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
    for await (const [line] of lines(source)) reader.line(line);
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
    for await (const [line] of lines(source)) reader.line(line);
    out.findings.push(...reader.findings);
    return out;
  },
};
