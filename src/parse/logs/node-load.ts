import { frameInStack } from '../../text/frames.js';
import type { LogSink } from './block.js';
import { Block, dirOf, finding, samePath } from './block.js';

/*
 * A JavaScript test file that node could not load, as node prints it — in mocha's console output
 * (` Exception during run: …`, mocha stops before running any test and writes no report) and in
 * node --test's spec output (the test file's process writes it to stderr):
 *
 *   /path/to/x.test.js:6                          Error: Cannot find module 'left-pad'
 *     assert.ok(parse('1 + 1');                   Require stack:
 *                              ^                  - /path/to/x.test.js
 *                                                     at … (/path/to/x.test.js:2:17)
 *   SyntaxError: missing ) after argument list
 */

const RUN_PREFIX = /^\s*(?:Exception during run: )?/;
const SOURCE_HEADER = /^((?:file:\/\/)?[^\s:]{1,4096}\.[cm]?[jt]sx?):(\d{1,9})$/;
const NOT_FOUND = /^(?:Error: Cannot find module '[^']{1,1000}'|Error \[ERR_MODULE_NOT_FOUND\]: .{1,2000})$/;
/** Lines between `file:line` and the error: the source line, the caret, a blank. */
const MAX_HEADER_LINES = 6;

/** `file:line` over a source excerpt: a load error when a SyntaxError (or other) line follows. */
class SourceHeaderBlock extends Block {
  private lines = 0;

  constructor(
    first: string,
    private readonly sink: LogSink,
    private readonly file: string,
    private readonly at: string,
  ) {
    super(first, undefined, true);
  }

  protected override blankInside(): boolean {
    return true;
  }

  protected continues(line: string): boolean {
    if (this.finding) return /^\s+at /.test(line);
    const error = /^(\w{0,40}Error): (.+)$/.exec(line);
    if (error) {
      const f = finding('collection', this.sink.origin, `${error[1]}: ${error[2]}`, '', this.file.replace(/^file:\/\//, ''), this.at);
      this.found(f);
      this.sink.add(f);
      return true;
    }
    return ++this.lines <= MAX_HEADER_LINES;
  }
}

/** A missing module: the file is the first of the require stack, the line its frame's. */
class NotFoundBlock extends Block {
  private requireStack = false;

  protected continues(line: string): boolean {
    const f = this.finding!;
    if (/^Require stack:$/.test(line)) return (this.requireStack = true);
    const requirer = /^- (.{1,4096})$/.exec(line);
    if (requirer && this.requireStack) {
      if (f.file === undefined) Object.assign(f, { file: requirer[1]!, package: dirOf(requirer[1]!) });
      return true;
    }
    const frame = /^\s+at /.test(line) ? frameInStack(line) : undefined;
    if (frame && f.line === undefined && (!f.file || samePath(frame.file, f.file))) Object.assign(f, { file: frame.file, package: dirOf(frame.file), line: frame.line });
    // node prints the error's properties ({ code, requireStack }) after the frames.
    return /^\s|^[{}]/.test(line);
  }
}

export class NodeLoadReader {
  /** A load error opens a finding (or a block waiting for one); undefined for any other line. */
  line(raw: string, sink: LogSink): true | undefined {
    const line = raw.replace(RUN_PREFIX, '');
    const header = SOURCE_HEADER.exec(line);
    if (header) return sink.enter(new SourceHeaderBlock(raw, sink, header[1]!, header[2]!));
    if (!NOT_FOUND.test(line)) return undefined;
    const f = finding('collection', sink.origin, line, raw);
    sink.add(f);
    return sink.enter(new NotFoundBlock(raw, f));
  }
}
