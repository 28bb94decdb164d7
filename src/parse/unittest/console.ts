import type { Declared, Finding, ParseOutput, TestCase, TestStatus } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { stripAnsi } from '../../text/ansi.js';
import type { LineReader } from '../cargo/line-parser.js';
import { lineParser } from '../cargo/line-parser.js';
import { finding, samePath } from '../logs/block.js';
import { CompilerOutputReader } from '../logs/index.js';
import { readTraceback } from '../logs/python.js';
import { UNITTEST_END, UNITTEST_FAILED_IMPORT, UNITTEST_RULE } from '../logs/unittest.js';

/*
 * `python -m unittest` as it prints to a console. With -v a line per test
 * (`test_x (mod.Class.test_x) ... ok`; before Python 3.11 `test_x (mod.Class) ... ok`), without it
 * a mark per test; then a section per failing test, hook or module that failed to import
 * (`ERROR: setUpClass (mod.Class)`, `ERROR: test_x (unittest.loader._FailedTest.test_x)`), and
 * `Ran N tests in 0.003s` with `OK (skipped=1)` or `FAILED (failures=1, errors=2)`. A module that
 * failed to import is a collection finding, a failing setUpClass/setUpModule/tearDown… a hook
 * finding, neither a test. A log that ends before `Ran` is a run that died (faulthandler's
 * `Fatal Python error`) or was killed (a timeout, os._exit). What is not unittest's goes to the
 * compiler reader.
 */

const MAX_LINE = 4096;
const DASHES = '-'.repeat(70);
/** `ERROR: test_x (mod.Class.test_x)`, a subtest's `FAIL: test_x (mod.Class.test_x) (i=1)`. */
const HEADER = /^(ERROR|FAIL|UNEXPECTED SUCCESS): (\S+) \(([\w.]+)\)(?: \(.{0,300}\))?$/;
/** -v: `test_x (mod.Class.test_x) ... ok`; the result may come later (the test printed), or be a crash. */
const VERBOSE = /^(\S+) \(([\w.]+)\)(?: \(.{0,300}\))? \.\.\. ?(.*)$/;
const RESULT = /^(ok|FAIL|ERROR|expected failure|unexpected success|skipped(?: '(.*)')?)$/;
const STATUS = /^(?:OK|FAILED)(?: \(.{0,300}\))?$/;
const HOOK = /^(?:setUpClass|tearDownClass|setUpModule|tearDownModule)$/;

interface Result {
  id: string;
  name: string;
  suite: string;
  status: TestStatus;
  reason?: string;
  /** unittest's word for a failure without a traceback. */
  unexpected?: boolean;
}

interface Section {
  header: string;
  kind: 'test' | 'hook' | 'load';
  status: TestStatus;
  name: string;
  of: string;
  body: string[];
  dashes: number;
}

/** `test_x` of `mod.Class.test_x` (3.11+) or `mod.Class` (before): the class, and the id. */
function testOf(name: string, of: string): { id: string; suite: string } {
  const suite = of.endsWith(`.${name}`) ? of.slice(0, -name.length - 1) : of;
  return { id: `${suite}::${name}`, suite };
}

/** The file a module's dotted name stands for, as far as the name tells (`crash.test_exit` → `crash/test_exit.py`). */
function moduleFile(suite: string): string | undefined {
  const module = /^([\w.]+)\.[A-Za-z_]\w*$/.exec(suite)?.[1];
  return module ? `${module.replace(/\./g, '/')}.py` : undefined;
}

function statusOf(word: string): TestStatus {
  return word === 'ok' ? 'passed' : word === 'ERROR' ? 'errored' : word === 'FAIL' || word === 'UNEXPECTED SUCCESS' || word === 'unexpected success' ? 'failed' : 'skipped';
}

export class UnittestConsoleReader implements LineReader {
  private readonly results: Result[] = [];
  private readonly failures = new Map<string, Section>();
  private readonly findings: Finding[] = [];
  private readonly declared: Declared[] = [];
  private readonly compiler: CompilerOutputReader;
  /** A run that printed a test or a section and not yet its `Ran` line. */
  private started = false;
  private listed = false;
  private running: { id: string; suite: string } | undefined;
  private section: Section | undefined;
  private previous = '';
  private ran: { line: string; total: number; n: number } | undefined;
  private loadFailures = 0;
  private died = false;

  constructor(private readonly origin: string) {
    this.compiler = new CompilerOutputReader(origin);
  }

  line(raw: string, n: number): void {
    const line = stripAnsi(raw).replace(/\r$/, '');
    const previous = this.previous;
    this.previous = line;
    if (line.length > MAX_LINE) return void this.compiler.line(line, n);
    if (this.section && this.sectionLine(this.section, line)) return;
    let m: RegExpExecArray | null;
    if (previous === UNITTEST_RULE && (m = HEADER.exec(line))) this.open(m[1]!, m[2]!, m[3]!, line);
    else if (line === UNITTEST_RULE) return;
    else if ((m = UNITTEST_END.exec(line))) {
      this.started = false;
      this.running = undefined;
      this.ran = { line, total: Number(m[1]), n };
    } else if (this.ran && STATUS.test(line)) this.count(`${this.ran.line} / ${line}`, n);
    else if ((m = VERBOSE.exec(line))) this.verbose(m[1]!, m[2]!, m[3]!, n);
    else if (this.running && (m = RESULT.exec(line))) this.result(m[1]!, m[2]);
    else this.compiler.line(line, n);
  }

  end(): ParseOutput {
    if (this.section) this.close(this.section);
    if (this.ran) this.count(this.ran.line);
    if (this.started && !this.died) {
      const r = this.running;
      const message = `unittest stopped before its summary${r ? `, while running ${r.id}` : ''}: the process was killed or exited (a timeout, os._exit, a signal), or the log was cut`;
      this.findings.push({ ...finding('crash', this.origin, message, '', r ? moduleFile(r.suite) : undefined), tests: r ? [r.id] : [] });
    }
    this.compiler.finish();
    const out: ParseOutput = { ...emptyOutput(), tests: this.results.map((r) => this.testCase(r)), findings: [...this.compiler.findings, ...this.findings], runner: 'unittest' };
    // Without -v only failures are named: the sections are the tests.
    if (!this.listed) for (const s of this.failures.values()) {
        out.tests.push(this.testCase({ ...testOf(s.name, s.of), name: s.name, status: s.status, unexpected: s.header.startsWith('UNEXPECTED SUCCESS') }));
      }
    if (this.declared.length > 0) out.declared = this.declared;
    return out;
  }

  /** unittest's count: its `Ran` line counts each module that failed to import as a test, which it is not. */
  private count(what: string, n?: number): void {
    const ran = this.ran!;
    this.ran = undefined;
    this.declared.push({ total: Math.max(0, ran.total - this.loadFailures), what, line: n ?? ran.n, scope: this.listed ? 'file' : 'runner' });
  }

  private verbose(name: string, of: string, rest: string, n: number): void {
    this.started = true;
    // A hook or a module that failed to import is no test: its section says what went wrong.
    if (HOOK.test(name) || of.startsWith(`${UNITTEST_FAILED_IMPORT}.`)) return;
    this.listed = true;
    this.running = testOf(name, of);
    const result = RESULT.exec(rest);
    if (result) return this.result(result[1]!, result[2]);
    const fatal = rest.indexOf('Fatal Python error: ');
    if (fatal < 0) return;
    // faulthandler writes on the test's line: its stack (read by the compiler reader) says where.
    const before = this.compiler.findings.length;
    this.compiler.line(rest.slice(fatal), n);
    const crash = this.compiler.findings[before];
    if (crash) {
      crash.tests = [this.running.id];
      this.died = true;
    }
  }

  private result(word: string, reason?: string): void {
    const r = this.running!;
    this.running = undefined;
    const status = statusOf(word);
    const why = status === 'skipped' ? (reason ?? (word === 'expected failure' ? 'expected failure' : undefined)) : undefined;
    this.results.push({ ...r, name: r.id.slice(r.suite.length + 2), status, ...(why ? { reason: why } : {}), ...(word === 'unexpected success' ? { unexpected: true } : {}) });
  }

  private open(word: string, name: string, of: string, header: string): void {
    this.started = true;
    this.running = undefined;
    const kind = of.startsWith(`${UNITTEST_FAILED_IMPORT}.`) ? 'load' : HOOK.test(name) ? 'hook' : 'test';
    this.section = { header, kind, status: statusOf(word), name, of, body: [], dashes: 0 };
  }

  /** True while the line is the open section's: its dashes, its traceback. */
  private sectionLine(s: Section, line: string): boolean {
    if (line === DASHES && s.dashes === 0) {
      s.dashes = 1;
      return true;
    }
    // A section with no traceback (an unexpected success) is followed by the `Ran` line itself.
    if (line !== UNITTEST_RULE && line !== DASHES && s.dashes > 0 && !UNITTEST_END.test(line)) {
      s.body.push(line);
      return true;
    }
    this.close(s);
    return line === DASHES;
  }

  private close(s: Section): void {
    this.section = undefined;
    while (s.body.at(-1) === '') s.body.pop();
    const { message, frames } = readTraceback(s.body);
    const excerpt = [s.header, ...s.body].join('\n');
    if (s.kind === 'test') {
      const { id } = testOf(s.name, s.of);
      this.failures.set(id, s);
      return;
    }
    const at = frames.at(-1);
    if (s.kind === 'load') this.loadFailures++;
    const what = s.kind === 'load' ? (message ?? `Failed to import test module: ${s.name}`) : `${s.name} of ${s.of} failed: ${message ?? 'error'}`;
    this.findings.push(finding(s.kind === 'load' ? 'collection' : 'hook', this.origin, what, excerpt, at?.file ?? (s.kind === 'load' ? moduleFile(`${s.name}.x`) : undefined), at ? String(at.line) : undefined));
  }

  private testCase(r: Result): TestCase {
    const s = this.failures.get(r.id);
    const { message, frames } = readTraceback(s?.body ?? []);
    // The test's place is its own file's frame (the module named in its id), else the innermost in the project.
    const own = moduleFile(r.suite);
    const at = (own ? frames.findLast((f) => samePath(f.file, own)) : undefined) ?? frames.at(-1);
    const failed = r.status === 'failed' || r.status === 'errored';
    return {
      id: r.id,
      name: r.name,
      suite: r.suite,
      ...(at ? { file: at.file, line: at.line } : {}),
      status: r.status,
      attempts: 1,
      ...(failed ? { failure: { message: message ?? (r.unexpected ? 'unexpected success: an expected failure passed' : s ? 'failed' : 'failed (the log holds no traceback for it)'), details: s?.body.join('\n') || undefined } } : {}),
      ...(r.reason ? { skipReason: r.reason } : {}),
      origin: this.origin,
    };
  }
}

/** The head holds unittest's own lines: a -v test line, a section header under its rule, its `Ran` line. */
function detectUnittest(head: string): boolean {
  if (/^[{[<]/.test(head.trimStart())) return false;
  let previous = '';
  for (const line of head.split('\n', 500)) {
    const l = line.replace(/\r$/, '');
    if ((previous === UNITTEST_RULE && HEADER.test(l)) || UNITTEST_END.test(l) || RESULT.test(VERBOSE.exec(l)?.[3] ?? '')) return true;
    if (/^\S+ \([\w.]+\) \.\.\. Fatal Python error: /.test(l)) return true;
    previous = l;
  }
  return false;
}

/** The console output of `python -m unittest` (default and -v). */
export const unittestConsoleParser = lineParser('unittest-console', detectUnittest, (origin) => new UnittestConsoleReader(origin), 'log');
