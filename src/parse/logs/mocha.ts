import { frameInStack } from '../../text/frames.js';
import { hookBlocks, mochaHook } from '../mocha/hook.js';
import type { LogSink } from './block.js';
import { Block, finding } from './block.js';

/*
 * Failed hooks in mocha's console reporters (spec, dot, list…: Base#epilogue lists failures as
 *
 *   4) orders (needs a database)
 *        "before all" hook for "lists orders":
 *      Error: connect ECONNREFUSED 127.0.0.1:5432
 *       at connect (src/db.js:4:9)
 *
 * — the describe titles, one per line, then the hook's title ending in a colon). Failed tests are
 * read from mocha's reports, not from here.
 */

const FAILURE_HEADER = /^ {2}(\d{1,6})\) (.{1,2000})$/;
const MAX_TITLE_LINES = 20;

/** The error under a hook's title: its first line is the message, a frame in the user's code the place. */
class HookErrorBlock extends Block {
  private explained = false;

  protected override blankInside(): boolean {
    return true;
  }

  protected continues(line: string): boolean {
    if (!/^\s{3}/.test(line) || FAILURE_HEADER.test(line)) return false;
    const f = this.finding!;
    if (!this.explained) {
      // As mocha's json reporter words it (the name only when not a plain Error), so both read as one.
      const message = line.trim().replace(/^Error: /, '');
      f.message = `${f.message}: ${message}`;
      // A timeout has no frame of the user's, but names the file it happened in.
      const file = /\((\/[^()]{1,4096}\.[cm]?[jt]sx?)\)$/.exec(message)?.[1];
      if (file) f.file = file;
      this.explained = true;
    }
    // Mocha runs hooks and tests as methods of a Context: that frame is the hook's own code.
    const frame = /^\s+at Context\.\S+ \(/.test(line) ? frameInStack(line) : undefined;
    if (frame && f.line === undefined) Object.assign(f, { file: frame.file, line: frame.line });
    return true;
  }
}

export class MochaReader {
  /** The numbered failure being read: its describe titles so far. */
  private titles: string[] | undefined;

  /** A failed hook in the failure list opens a finding; undefined for any other line. */
  line(line: string, sink: LogSink): true | undefined {
    const header = FAILURE_HEADER.exec(line);
    if (header) {
      this.titles = [header[2]!];
      return undefined;
    }
    if (!this.titles || !/^\s{5,}\S/.test(line) || this.titles.length > MAX_TITLE_LINES) {
      this.titles = undefined;
      return undefined;
    }
    const title = line.trim();
    const hook = title.endsWith(':') ? mochaHook(title.slice(0, -1)) : undefined;
    if (!hook) {
      this.titles.push(title);
      return undefined;
    }
    const suite = this.titles.join(' ');
    this.titles = undefined;
    const blocks = hookBlocks(hook, suite);
    const f = { ...finding('hook', sink.origin, `"${hook.kind}" hook failed in '${suite}'`, line), ...(blocks.length > 0 ? { blocks } : {}) };
    sink.add(f);
    return sink.enter(new HookErrorBlock(line, f));
  }
}
