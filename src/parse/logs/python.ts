import type { FindingKind } from '../../model/report.js';
import type { LogSink } from './block.js';
import { Block, finding } from './block.js';

const PY_TRACEBACK = /^Traceback \(most recent call last\):$/;
const PY_FRAME = /^\s+File "(.+)", line (\d+)(?:, in .+)?$/;
const PY_EXCEPTION = /^[A-Za-z_][\w.]*(?::(?: .*)?)?$/;
const PY_CHAIN = /^(?:The above exception was the direct cause of the following exception:|During handling of the above exception, another exception occurred:)$/;
/** Frames outside the project: the standard library, installed packages, `<frozen runpy>`, `<string>`. */
const PY_LIBRARY = /[\\/](?:site-packages|dist-packages)[\\/]|[\\/]lib[\\/]python\d|[\\/]Lib[\\/]|^</;
const PY_LOAD_ERROR = /^(?:[\w.]+\.)?(?:ImportError|ModuleNotFoundError|SyntaxError|IndentationError|TabError)(?::|$)/;

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
    private readonly sink: LogSink,
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
    const f = finding(kind, this.sink.origin, line, '', this.frame?.file, this.frame?.line);
    if (this.finding) {
      // A chained exception: the last one is what stopped the program.
      const excerpt = this.finding.excerpt;
      for (const key of ['package', 'file', 'line'] as const) delete this.finding[key];
      Object.assign(this.finding, f, { excerpt });
    } else {
      this.found(f);
      this.sink.add(f);
    }
    return true;
  }

  protected override blankInside(): boolean {
    return this.state !== 'frames';
  }
}

/** A traceback opens a block whose exception becomes a finding (of `kind`, when given); undefined for any other line. */
export function tracebackLine(line: string, sink: LogSink, kind?: FindingKind): true | undefined {
  return PY_TRACEBACK.test(line) ? sink.enter(new TracebackBlock(line, sink, kind)) : undefined;
}

/**
 * A traceback read whole (the lines unittest prints under a failing test's or hook's header): the
 * exception that ended it (the first line of the last one, for chained tracebacks) and its frames
 * in the project's own code, outermost first.
 */
export function readTraceback(lines: readonly string[]): { message?: string; frames: { file: string; line: number }[] } {
  let frames: { file: string; line: number }[] = [];
  let message: string | undefined;
  let inFrames = false;
  for (const line of lines) {
    if (PY_TRACEBACK.test(line)) {
      [frames, inFrames, message] = [[], true, undefined];
      continue;
    }
    const frame = PY_FRAME.exec(line);
    if (frame) {
      if (!PY_LIBRARY.test(frame[1]!)) frames.push({ file: frame[1]!, line: Number(frame[2]) });
      inFrames = true;
    } else if (inFrames && !/^\s/.test(line) && line !== '') {
      inFrames = false;
      if (PY_EXCEPTION.test(line)) message = line;
    } else if (!inFrames && message === undefined && PY_EXCEPTION.test(line)) message = line;
  }
  return { message, frames };
}
