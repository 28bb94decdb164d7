import { fileErrorKind, fileErrorMessage, isWorkerCrash } from '../js-failure.js';
import type { LogSink } from './block.js';
import { Block, finding, samePath } from './block.js';

/*
 * vitest's default console reporter. After the per-file lines it prints `Failed Suites` (errors
 * outside any test: a file that did not load, a beforeAll or afterAll that threw) and `Failed
 * Tests`, each error as ` FAIL  file [ file ]` or ` FAIL  file > describe > test`, its message,
 * then `❯ file:line:col` frames, up to a `⎯⎯⎯[n/m]⎯` rule.
 */

const SECTION = /^⎯+ Failed (Suites|Tests) \d+ ⎯+$/;
const FAIL = /^ FAIL {2}(\S+) (?:\[ \S+ \]|> (.+))$/;
const FRAME = /^ ❯ (?:\S+ )?(\S+?):(\d+):(\d+)$/;
// ` Tests  1 failed | 7 passed (8)`: the tests of files that failed to load are not in it.
const TESTS = /^ {0,10}Tests {2}(?:\d+ \w+ \| ){0,8}\d+ \w+ \((\d+)\)$/;
const SUMMARY = /^ {0,10}Test Files {2}/;

/** One error: the line after ` FAIL ` is its message, which says what it is. */
class VitestErrorBlock extends Block {
  private explained = false;

  constructor(
    first: string,
    private readonly sink: LogSink,
    private readonly at: { file: string; test?: string; suites: boolean },
  ) {
    super(first, undefined, true);
  }

  protected continues(line: string): boolean {
    // A rule ends each error; the summary, should the last rule be missing.
    if (line.startsWith('⎯') || FAIL.test(line) || SUMMARY.test(line)) return false;
    if (!this.explained) {
      this.explained = true;
      const message = line.trim();
      const { file, test, suites } = this.at;
      // Among failed tests only a test that ended its process is more than a test failure.
      const kind = !suites ? (isWorkerCrash(message) ? 'crash' : undefined) : test ? 'hook' : fileErrorKind(message);
      if (!kind) return true;
      const f = finding(kind, this.sink.origin, suites ? fileErrorMessage(message) : message, '', file);
      // A test file's directory is no package: the same error read from vitest's other reports has none.
      delete f.package;
      if (kind === 'crash' && test) f.tests.push(test);
      this.sink.add(f);
      this.found(f);
      return true;
    }
    const frame = FRAME.exec(line);
    if (frame && this.finding && this.finding.line === undefined && samePath(frame[1]!, this.at.file)) Object.assign(this.finding, { line: Number(frame[2]), column: Number(frame[3]) });
    return true;
  }

  protected override blankInside(): boolean {
    return true;
  }
}

export class VitestReader {
  /** Inside `Failed Suites` (true) or `Failed Tests` (false); undefined before either. */
  private suites: boolean | undefined;

  /** An error of a failed suite or test opens a block; undefined for any other line. */
  line(line: string, sink: LogSink): true | undefined {
    const section = SECTION.exec(line);
    if (section) {
      this.suites = section[1] === 'Suites';
      return undefined;
    }
    const tests = TESTS.exec(line);
    if (tests) {
      this.suites = undefined;
      sink.declare('vitest', { total: Number(tests[1]), what: line.trim(), scope: 'runner' });
      return undefined;
    }
    const fail = this.suites === undefined ? null : FAIL.exec(line);
    if (!fail) return undefined;
    return sink.enter(new VitestErrorBlock(line, sink, { file: fail[1]!, test: fail[2], suites: this.suites! }));
  }
}
