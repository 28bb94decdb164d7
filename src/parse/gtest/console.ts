import type { Declared, Failure, Finding, TestCase } from '../../model/report.js';

/*
 * GoogleTest's console output (PrettyUnitTestResultPrinter), one line at a time: the result of
 * each test, the assertion failures printed under it (`path:line: Failure` and the lines after),
 * failures outside any test (a suite's SetUpTestSuite, the global environment: a hook), and the
 * run's header. A binary that dies mid-test prints `[ RUN ]` and nothing after: a crash.
 */

const RUNNING = /^\[==========\] Running (\d+) tests? from \d+ test (?:suites?|cases?)\.$/;
const RAN = /^\[==========\] \d+ tests? from \d+ test (?:suites?|cases?) ran\./;
const SCOPE = /^\[----------\] (?:\d+ tests? from (\S+)|(Global test environment set-up))\.?$/;
const RUN = /^\[ RUN {6}\] (\S+)$/;
/** A result carries the time (the summary's repeat of it does not); a parameterized test adds `, where GetParam() = …`. */
const RESULT = /^\[ {2}(?:( {5}OK)|(FAILED)|(SKIPPED)) {1,2}\] (\S+?)(?:, where .{0,500})? \(\d+ ms\)$/;
const DISABLED = /^\[ DISABLED \] (\S+)$/;
const SUITE_HOOK_FAILED = /^\[ {2}FAILED {2}\] (\S+): SetUpTestSuite or TearDownTestSuite$/;
/** `file:line: Failure` (`Skipped` for GTEST_SKIP), MSVC's `file(line): error: message`, `unknown file: Failure`. */
const LOCATION = /^(?:(.{1,1000}?):(\d+)|unknown file): (Failure|Skipped)$/;
const MSVC_LOCATION = /^(?:(.{1,1000}?)\((\d+)\)|unknown file): (?:(Failure|Skipped)|error: (.*))$/;
/** What the shell or runtime says when a process dies. */
const DEATH = /Segmentation fault|Aborted|Killed|core dumped|terminate called|AddressSanitizer|SIG[A-Z]{2,}|Bus error|Floating point exception|what\(\):/;

const GLOBAL = 'Global test environment set-up';

interface Hook {
  scope: string;
  part: Part;
  blocks: string[];
}

interface Part {
  file?: string;
  line?: number;
  skip: boolean;
  lines: string[];
  raw: string[];
}

/** A failure as gtest prints it: its lines joined into one message, the location kept for file:line. */
function failureOf(part: Part): Failure {
  return { message: part.lines.map((l) => l.trim()).filter(Boolean).join(' '), details: part.raw.join('\n') };
}

export class GtestConsole {
  readonly tests: TestCase[] = [];
  readonly findings: Finding[] = [];
  declared: Declared | undefined;
  /** Whether the run printed its closing `[==========] N tests … ran.` line. */
  finished = false;
  /** The last lines the reader did not take, for what a dying process said. */
  private readonly other: string[] = [];
  private scope: string | undefined;
  private running: { name: string; parts: Part[]; output: string[] } | undefined;
  /** Failures outside a test, in the scope they were printed in, and the tests skipped after them. */
  private readonly hooks: Hook[] = [];
  private hook: Hook | undefined;
  private part: Part | undefined;
  private reported = 0;

  constructor(private readonly origin: string) {}

  /** Feeds one line (`n`: its number in the file); false when it is not gtest's (another tool's output in the same log). */
  line(line: string, n: number): boolean {
    let m: RegExpExecArray | null;
    if ((m = RUNNING.exec(line))) {
      this.declared = { total: Number(m[1]), what: line.slice('[==========] '.length), line: n, scope: 'file' };
    } else if (RAN.test(line)) {
      this.finished = true;
      this.scope = undefined;
    } else if ((m = SCOPE.exec(line))) {
      this.scope = m[1] ?? m[2];
      this.part = undefined;
    } else if ((m = RUN.exec(line))) {
      this.running = { name: m[1]!, parts: [], output: [] };
      this.part = undefined;
    } else if ((m = RESULT.exec(line)) && this.running?.name === m[4]) {
      this.result(m[1] ? 'passed' : m[2] ? 'failed' : 'skipped');
    } else if ((m = DISABLED.exec(line))) {
      this.add(m[1]!, 'skipped', undefined, 'disabled');
    } else if (SUITE_HOOK_FAILED.test(line)) {
      this.part = undefined;
    } else if (this.declared && (m = LOCATION.exec(line) ?? MSVC_LOCATION.exec(line))) {
      const [, file, lineNo, word, message] = m;
      this.part = { file, line: Number(lineNo) || undefined, skip: word === 'Skipped', lines: message ? [message] : [], raw: [line] };
      if (this.running) this.running.parts.push(this.part);
      else this.outsideTests(this.part);
    } else if (this.part) {
      this.part.lines.push(line);
      this.part.raw.push(line);
    } else if (this.running) {
      this.running.output.push(line);
    } else {
      if (this.other.push(line) > 20) this.other.shift();
      return false;
    }
    return true;
  }

  /** The first failure printed in a test, else outside one (a hook's), for a runner that runs the binary as one test. */
  firstFailure(): { file?: string; line?: number; failure: Failure } | undefined {
    const failed = this.tests.find((t) => t.status === 'failed');
    if (failed?.failure) return { file: failed.file, line: failed.line, failure: failed.failure };
    const hook = this.findings.find((f) => f.kind === 'hook');
    return hook && { file: hook.file, line: hook.line, failure: { message: hook.message, details: hook.excerpt } };
  }

  /** The test the binary died in (the output ends inside it), or undefined when it did not. */
  get crashedIn(): string | undefined {
    return this.running?.name;
  }

  /**
   * Ends the output: failures outside tests become hooks; a test still running, or a run without its closing line, died with the
   * binary. The tests the header announced and no result reached are stopped with it.
   */
  finish(): void {
    for (const { scope, part, blocks } of this.hooks) {
      this.findings.push({
        kind: 'hook',
        ...(part.file ? { file: part.file, line: part.line } : {}),
        message: `${scope === GLOBAL ? 'the global test environment set-up' : `${scope}: SetUpTestSuite or TearDownTestSuite`} failed: ${failureOf(part).message}`,
        excerpt: part.raw.join('\n'),
        tests: [],
        ...(blocks.length > 0 ? { blocks } : {}),
        origin: this.origin,
      });
    }
    if (this.finished || !this.declared) return;
    const name = this.running?.name;
    const output = this.running ? [...this.running.parts.flatMap((p) => p.raw), ...this.running.output] : this.other;
    const death = output.find((l) => DEATH.test(l))?.trim();
    const first = this.running?.parts.find((p) => !p.skip);
    const rest = this.declared.total - this.reported - (name ? 1 : 0);
    this.findings.push({
      kind: 'crash',
      ...(first?.file ? { file: first.file, line: first.line } : {}),
      message: name
        ? `${name} crashed: the test binary ended inside the test, with no result${death ? ` (${death})` : ''}`
        : `the test binary ended after ${this.reported} of ${this.declared.total} tests, without its summary${death ? ` (${death})` : ''}`,
      excerpt: [this.running ? `[ RUN      ] ${name}` : '', ...output].filter(Boolean).join('\n'),
      tests: name ? [name] : [],
      blocks: name ? [name] : [],
      ...(rest > 0 ? { blockedCount: rest } : {}),
      origin: this.origin,
    });
  }

  private result(status: 'passed' | 'failed' | 'skipped'): void {
    const { name, parts } = this.running!;
    this.running = undefined;
    this.part = undefined;
    const first = parts.find((p) => p.skip === (status === 'skipped'));
    const hook = this.hook;
    // A test skipped because its suite's (or the environment's) set-up failed never ran: the hook stopped it.
    if (status === 'skipped' && hook && (hook.scope === this.scope || hook.scope === GLOBAL)) {
      this.reported++;
      hook.blocks.push(name);
      return;
    }
    const failure = status === 'failed' && first ? failureOf(first) : undefined;
    const skipReason = status === 'skipped' && first ? failureOf(first).message || undefined : undefined;
    this.add(name, status, failure, skipReason, first);
  }

  private add(full: string, status: TestCase['status'], failure: Failure | undefined, skipReason?: string, at?: Part): void {
    this.reported++;
    const dot = full.indexOf('.');
    const suite = dot > 0 ? full.slice(0, dot) : '';
    const name = full.slice(dot + 1);
    this.tests.push({
      id: suite ? `${suite}::${name}` : name,
      name,
      suite,
      ...(at?.file ? { file: at.file, line: at.line } : {}),
      status,
      attempts: 1,
      ...(failure ? { failure } : {}),
      ...(skipReason ? { skipReason } : {}),
      origin: this.origin,
    });
  }

  /** A failure printed between tests: a suite's SetUpTestSuite/TearDownTestSuite or the environment's set-up. */
  private outsideTests(part: Part): void {
    const scope = this.scope ?? GLOBAL;
    if (this.hook?.scope !== scope) this.hooks.push((this.hook = { scope, part, blocks: [] }));
  }
}
