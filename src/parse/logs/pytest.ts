import type { Finding } from '../../model/report.js';
import type { LogSink } from './block.js';
import { Block, dirOf, finding, samePath } from './block.js';
import { pytestException, pytestFrame } from './pytest-traceback.js';

const PYTEST_SECTION = /^={3,} (.+?) ={3,}$/;
const PYTEST_BLOCK = /^_+ (.+?) _+$/;
const PYTEST_SUMMARY_ERROR = /^ERROR (\S+\.py)(?: - (.*))?$/;
const PYTEST_INTERRUPTED = /^!{3,} Interrupted: .* !{3,}$/;
/** pytest's last line, also without the `=` of -q: `1 failed, 2 passed in 0.12s`. */
// The outcomes that are tests pytest ran; `errors` are also modules that never loaded, so they are left out.
const PYTEST_COUNT = /(\d{1,9}) (passed|failed|skipped|xfailed|xpassed)\b/g;

/** pytest's last line as its own count of the tests it ran, for the reports of the run to match. */
function declareSummary(line: string, sink: LogSink): void {
  const summary = line.slice(0, 1000).replace(/^=+ | =+$/g, '').trim();
  let total = 0;
  for (const m of summary.matchAll(PYTEST_COUNT)) total += Number(m[1]);
  if (total > 0) sink.declare('pytest', { total, what: summary, scope: 'runner' });
}

const PYTEST_DONE = /^(?:=+ )?\d+ (?:passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?)\b.* in [\d.]+s\b.*$/;
const PYTEST_CONFTEST = /^ImportError while loading conftest '(.+)'\.$/;
const PYTEST_HOOK = /^ERROR at (setup|teardown) of (.+)$/;
const PYTEST_STARTS = /^=+ test session starts =+$/;
/** faulthandler's report of a dying interpreter; with -v it follows the test's node id on the same line. */
// The file part has no ':', so a word of colons is split once, not at each '::' (issue 20).
const FATAL = /^(?:([^\s:]+::\S+) |\S+\.py [.sxXfFE]*)?Fatal Python error: (.{1,200})$/;
const FAULT_FRAME = /^ {2}File "(.+)", line (\d+) in \S/;
/** A test started under -v, its result not yet printed: `tests/test_x.py::test_y `. */
const PYTEST_RUNNING = /^([^\s:]+\.py::\S+) $/;
const PYTHON_LIBRARY = /[\\/](?:site-packages|dist-packages)[\\/]|[\\/]lib[\\/]python\d|^</;

/** faulthandler's stack (most recent call first): the crash is at the first frame in the project. */
class FatalBlock extends Block {
  protected continues(line: string): boolean {
    if (!/^(?:\s|Current thread |Thread |Extension modules:)/.test(line)) return false;
    const frame = FAULT_FRAME.exec(line);
    const f = this.finding!;
    if (frame && f.line === undefined && !PYTHON_LIBRARY.test(frame[1]!)) Object.assign(f, { file: frame[1], line: Number(frame[2]) });
    return true;
  }

  protected override blankInside(): boolean {
    return true;
  }
}

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
    const frame = pytestFrame(line);
    if (!this.section && !frame && !/^\s|^E /.test(line)) return false;
    const f = this.finding!;
    // A collection error's line is the module's; a fixture's, the innermost frame in the project.
    if (frame && f.kind === 'hook') Object.assign(f, { package: dirOf(frame.file), file: frame.file, line: frame.line });
    else if (frame && samePath(frame.file, f.file!)) f.line = frame.line;
    const error = pytestException(line, this.finding?.kind === 'hook');
    if (error && !this.explained) {
      f.message = error;
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
  /** A session that started and has not printed its last line yet, and the test it was running. */
  private session: { running?: string } | undefined;
  /** Files with a collection finding: the short summary names them again. */
  private readonly collected = new Set<string>();

  /** True for pytest's lines (a collection error opens a finding), false for a section it does not read; undefined for any other line. */
  line(line: string, sink: LogSink): boolean | undefined {
    if (PYTEST_STARTS.test(line)) {
      this.session = {};
      return true;
    }
    if (PYTEST_DONE.test(line)) {
      this.session = undefined;
      declareSummary(line, sink);
    }
    const section = PYTEST_SECTION.exec(line);
    if (section) {
      const name = section[1]!;
      this.section = name === 'ERRORS' ? 'errors' : name === 'FAILURES' ? 'failures' : name === 'short test summary info' ? 'summary' : undefined;
      return this.section !== undefined;
    }
    if (PYTEST_DONE.test(line)) this.section = undefined;
    const fatal = FATAL.exec(line);
    if (fatal) {
      this.session = undefined;
      const f: Finding = { ...finding('crash', sink.origin, `Fatal Python error: ${fatal[2]!}`, line), tests: fatal[1] ? [fatal[1]] : [] };
      sink.add(f);
      return sink.enter(new FatalBlock(line, f));
    }
    const running = PYTEST_RUNNING.exec(line);
    if (running && this.session) this.session.running = running[1];
    const conftest = PYTEST_CONFTEST.exec(line);
    if (conftest) {
      this.collectionError(sink, conftest[1]!, line, line, false);
      return true;
    }
    if (this.section === 'errors' || this.section === 'failures') {
      const collecting = this.section === 'errors' ? /^ERROR collecting (.+)$/.exec(PYTEST_BLOCK.exec(line)?.[1] ?? '') : null;
      if (collecting) this.collectionError(sink, collecting[1]!, line, line, true);
      const hook = this.section === 'errors' ? PYTEST_HOOK.exec(PYTEST_BLOCK.exec(line)?.[1] ?? '') : null;
      if (hook) {
        const f: Finding = { ...finding('hook', sink.origin, line, line), tests: [hook[2]!], ...(hook[1] === 'setup' ? { blocks: [hook[2]!] } : {}) };
        sink.add(f);
        sink.enter(new PytestCollectBlock(line, f, true));
      }
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

  /** At the end of the log: a session that never printed its last line was killed (a timeout, os._exit, a signal). */
  finish(sink: LogSink): void {
    if (!this.session) return;
    const running = this.session.running;
    const message = `pytest stopped before its summary${running ? `, while running ${running}` : ''}: the process was killed or exited (a timeout, os._exit, a signal)`;
    sink.add({ ...finding('crash', sink.origin, message, '', running?.split('::')[0]), tests: running ? [running] : [] });
  }

  /** `section`: what follows is pytest's report of the error (true: a whole section, false: a traceback). */
  private collectionError(sink: LogSink, file: string, message: string, first: string, section?: boolean): void {
    const f = finding('collection', sink.origin, message.replace(/^_+ | _+$/g, ''), first, file);
    this.collected.add(file);
    sink.add(f);
    if (section !== undefined) sink.enter(new PytestCollectBlock(first, f, section));
  }
}
