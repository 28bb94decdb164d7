import { fileErrorKind } from '../js-failure.js';
import type { LogSink } from './block.js';
import { babelSyntaxError } from '../../text/frames.js';
import { Block, finding, samePath } from './block.js';

const JEST_RESULT = /^\s*(FAIL|PASS)\s+(\S+)/;
const JEST_SUITE_FAILED = /^\s+● Test suite failed to run$/;
const JEST_AT = /^\s+at /;
const JEST_FRAME_END = /:(\d{1,9}):(\d{1,9})\)?$/;
// `Tests:       1 failed, 7 passed, 8 total`: the tests of suites that failed to load are not in it.
const JEST_TESTS = /^Tests:[ \t]+(?:\d+ \w+, ){0,8}(\d+) total$/;

/**
 * `    at fn (file:line:column)` or `    at file:line:column`. The place is found at the line's end
 * and the file after the last ` (` before it: as one pattern, `(?:.* \()?(.+?):` scanned to the
 * line's end from every ` (` in it (issue 20).
 */
function jestFrame(line: string): { file: string; line: number; column: number } | undefined {
  const at = JEST_AT.exec(line);
  const end = at && JEST_FRAME_END.exec(line);
  if (!at || !end || end.index <= at[0].length) return undefined;
  const body = line.slice(at[0].length, end.index);
  const open = body.lastIndexOf(' (');
  const file = open >= 0 && open + 2 < body.length ? body.slice(open + 2) : body;
  return { file, line: Number(end[1]), column: Number(end[2]) };
}

/** `● Test suite failed to run`: the message is the first line under it. */
class JestSuiteBlock extends Block {
  private explained = false;

  protected continues(line: string): boolean {
    if (!/^\s/.test(line)) return false;
    const f = this.finding;
    if (!f) return true;
    if (!this.explained) {
      f.message = line.trim();
      this.explained = true;
      // The worker running the file died (process.exit, out of memory), or an afterAll threw.
      f.kind = fileErrorKind(f.message);
      // Babel's syntax errors name the file and a 0-based column: `…/x.test.js: Unexpected token (6:41)`.
      const at = babelSyntaxError(f.message);
      if (at && f.file && samePath(at.file, f.file)) Object.assign(f, { line: at.line, column: at.column + 1 });
    }
    const frame = jestFrame(line);
    if (frame && f.line === undefined && f.file && samePath(frame.file, f.file)) Object.assign(f, { line: frame.line, column: frame.column });
    return true;
  }

  protected override blankInside(): boolean {
    return true;
  }
}

export class JestReader {
  /** The `FAIL test/x.test.js` line, for the `Test suite failed to run` under it. */
  private failing: { file: string; line: string } | undefined;
  /** `Summary of all failing tests` repeats failures already read. */
  private repeat = false;

  /** A suite that failed to run opens a finding; undefined for any other line. */
  line(line: string, sink: LogSink): true | undefined {
    const result = JEST_RESULT.exec(line);
    if (result) {
      this.failing = result[1] === 'FAIL' ? { file: result[2]!, line } : undefined;
      return undefined;
    }
    if (/^Summary of all failing tests$/.test(line)) this.repeat = true;
    else if (/^Test Suites: /.test(line)) [this.failing, this.repeat] = [undefined, false];
    const tests = JEST_TESTS.exec(line);
    // Runner-wide: the console lists failures only, the other reports of the run hold the tests.
    if (tests) sink.declare('jest', { total: Number(tests[1]), what: line.trim(), scope: 'runner' });
    if (!this.failing || !JEST_SUITE_FAILED.test(line)) return undefined;
    const excerpt = `${this.failing.line}\n${line}`;
    const f = finding('collection', sink.origin, 'Test suite failed to run', excerpt, this.failing.file);
    // A test file's directory is no package: the same error read from jest's other reports has none.
    delete f.package;
    if (!this.repeat) sink.add(f);
    return sink.enter(new JestSuiteBlock(excerpt, this.repeat ? undefined : f));
  }
}
