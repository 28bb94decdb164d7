import type { Finding } from '../../model/report.js';
import type { LogSink } from './block.js';
import { Block, finding, samePath } from './block.js';

const PYTEST_SECTION = /^={3,} (.+?) ={3,}$/;
const PYTEST_BLOCK = /^_+ (.+?) _+$/;
const PYTEST_FRAME = /^(?:(\S.*?):(\d+): in \S|E?\s+File "(.+)", line (\d+))/;
const PYTEST_SUMMARY_ERROR = /^ERROR (\S+\.py)(?: - (.*))?$/;
const PYTEST_INTERRUPTED = /^!{3,} Interrupted: .* !{3,}$/;
/** pytest's last line, also without the `=` of -q: `1 failed, 2 passed in 0.12s`. */
const PYTEST_DONE = /^(?:=+ )?\d+ (?:passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?)\b.* in [\d.]+s\b.*$/;
const PYTEST_CONFTEST = /^ImportError while loading conftest '(.+)'\.$/;

/**
 * pytest's `____ ERROR collecting tests/test_x.py ____` section, or the traceback under
 * `ImportError while loading conftest`: the message is the first `E   ` line (the exception),
 * the line is the last frame in the collected file.
 */
class PytestCollectBlock extends Block {
  private explained = false;

  /** `section`: the block runs to the next pytest separator; otherwise only frames, code and `E` lines follow. */
  constructor(
    first: string,
    f: Finding,
    private readonly section: boolean,
  ) {
    super(first, f);
  }

  protected continues(line: string): boolean {
    if (PYTEST_SECTION.test(line) || (PYTEST_BLOCK.test(line) && !/^[_ ]+$/.test(line))) return false;
    const frame = PYTEST_FRAME.exec(line);
    if (!this.section && !frame && !/^\s|^E /.test(line)) return false;
    const f = this.finding!;
    const path = frame?.[1] ?? frame?.[3];
    if (path && samePath(path, f.file!)) f.line = Number(frame![2] ?? frame![4]);
    const error = /^E {3}(\S.*)$/.exec(line);
    if (error && !this.explained) {
      f.message = error[1]!.trim();
      this.explained = true;
    }
    return true;
  }

  protected override blankInside(): boolean {
    return true;
  }
}

export class PytestReader {
  private section: 'errors' | 'failures' | 'summary' | undefined;
  /** Files with a collection finding: the short summary names them again. */
  private readonly collected = new Set<string>();

  /** True for pytest's lines (a collection error opens a finding), false for a section it does not read; undefined for any other line. */
  line(line: string, sink: LogSink): boolean | undefined {
    const section = PYTEST_SECTION.exec(line);
    if (section) {
      const name = section[1]!;
      this.section = name === 'ERRORS' ? 'errors' : name === 'FAILURES' ? 'failures' : name === 'short test summary info' ? 'summary' : undefined;
      return this.section !== undefined;
    }
    if (PYTEST_DONE.test(line)) this.section = undefined;
    const conftest = PYTEST_CONFTEST.exec(line);
    if (conftest) {
      this.collectionError(sink, conftest[1]!, line, line, false);
      return true;
    }
    if (this.section === 'errors' || this.section === 'failures') {
      const collecting = this.section === 'errors' ? /^ERROR collecting (.+)$/.exec(PYTEST_BLOCK.exec(line)?.[1] ?? '') : null;
      if (collecting) this.collectionError(sink, collecting[1]!, line, line, true);
      // The rest is failing tests' output, which the test report already carries.
      return true;
    }
    if (this.section === 'summary') {
      const error = PYTEST_SUMMARY_ERROR.exec(line);
      if (error) {
        // Without the ERRORS section (--tb=no) the summary is all there is.
        if (!this.collected.has(error[1]!)) this.collectionError(sink, error[1]!, error[2] ?? `ERROR collecting ${error[1]}`, line);
        return true;
      }
    }
    return PYTEST_INTERRUPTED.test(line) || undefined;
  }

  /** `section`: what follows is pytest's report of the error (true: a whole section, false: a traceback). */
  private collectionError(sink: LogSink, file: string, message: string, first: string, section?: boolean): void {
    const f = finding('collection', sink.origin, message.replace(/^_+ | _+$/g, ''), first, file);
    this.collected.add(file);
    sink.add(f);
    if (section !== undefined) sink.enter(new PytestCollectBlock(first, f, section));
  }
}
