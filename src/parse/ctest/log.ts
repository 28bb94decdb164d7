import type { Declared, Finding, TestCase } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { stripAnsi } from '../../text/ansi.js';
import { CompilerOutputReader } from '../logs/index.js';
import { quotesLogs } from '../logs/quoted.js';
import type { Parser } from '../parser.js';
import { lines, MAX_LOG_LINE } from '../parser.js';
import type { CtestEnd } from './outcome.js';
import { ctestEnd, ctestOutcome } from './outcome.js';

/*
 * CTest's console output (`ctest --output-on-failure`, often after the build in the same log):
 * `Start 3: name`, then `3/11 Test #3: name ....***Exception: SegFault  0.00 sec`, the test's
 * output (before the result: why it did not run; after it, with --output-on-failure: what it
 * printed), and the closing `75% tests passed, 1 tests failed out of 4`.
 */

const TEST_PROJECT = /^Test project \S/;
const START = /^ {0,8}Start +\d+: \S/;
const RESULT = /^ {0,8}\d+\/(\d+) (?:Test|MemCheck) +#\d+: (.{1,500}?) \.{1,300} {0,20}(\S.{0,200}?) {1,20}[\d.]{1,20} sec$/;
const SUMMARY = /^\d+% tests passed, \d+ tests? failed out of (\d+)$/;
/** Lines after the summary that name tests again (`The following tests FAILED:`, `\t  3 - name (SEGFAULT)`). */
const AFTER_SUMMARY = /^(?:Total Test time|The following tests|\t|Errors while running CTest|Output from these tests|Use "--rerun-failed)/;

export const ctestLogParser: Parser = {
  format: 'ctest-log',
  kind: 'tests',
  detect(head) {
    return !quotesLogs(head) && head.split('\n', 5000).some((l) => TEST_PROJECT.test(l) || RESULT.test(l.trimEnd()));
  },
  async parse(source) {
    const out = emptyOutput();
    const reader = new CtestReader(source.path);
    for await (const [raw, n] of lines(source, MAX_LOG_LINE)) reader.line(stripAnsi(raw).trimEnd(), n);
    reader.finish();
    out.tests.push(...reader.tests);
    out.findings.push(...reader.build.findings, ...reader.findings);
    out.runner = 'ctest';
    if (reader.declared) out.declared = [reader.declared];
    return out;
  },
};

class CtestReader {
  readonly tests: TestCase[] = [];
  readonly findings: Finding[] = [];
  readonly build: CompilerOutputReader;
  declared: Declared | undefined;
  /** A test whose result line was read, with the output printed after it. */
  private ended: { name: string; end: CtestEnd; status: string; output: string[] } | undefined;
  /** Lines since the last `Start`, printed before the result (why the test did not run). */
  private before: string[] = [];
  private started = false;
  private summarized = false;
  private total = 0;

  constructor(private readonly origin: string) {
    this.build = new CompilerOutputReader(origin);
  }

  line(line: string, n: number): void {
    let m: RegExpExecArray | null;
    if ((m = RESULT.exec(line))) {
      this.settle();
      this.total = Number(m[1]);
      this.ended = { name: m[2]!.trim(), end: ctestEnd(m[3]!), status: m[3]!.replace(/\*{3}/g, ' ').replace(/:$/, '').trim(), output: this.before };
      this.before = [];
    } else if (START.test(line)) {
      this.settle();
      this.started = true;
      this.before = [];
    } else if ((m = SUMMARY.exec(line))) {
      this.settle();
      this.summarized = true;
      this.declared = { total: Number(m[1]), what: line, line: n, scope: 'file' };
    } else if (this.ended && !this.summarized) {
      this.ended.output.push(line);
    } else if (this.started && !this.summarized) {
      this.before.push(line);
    } else if (!TEST_PROJECT.test(line) && !(this.summarized && AFTER_SUMMARY.test(line))) {
      this.build.line(line);
    }
  }

  finish(): void {
    this.settle();
    // Cut off (the job killed, the log truncated) before the summary: what the results announced is the count.
    if (!this.summarized && this.total > 0) this.declared = { total: this.total, what: `${this.total} tests announced by the result lines (the log has no summary)`, scope: 'file' };
  }

  private settle(): void {
    const ended = this.ended;
    if (!ended) return;
    this.ended = undefined;
    const { result, hooks } = ctestOutcome(ended.name, ended.end, ended.status, ended.output, this.origin);
    if ('kind' in result) this.findings.push(result);
    else this.tests.push(result);
    this.findings.push(...hooks);
  }
}
