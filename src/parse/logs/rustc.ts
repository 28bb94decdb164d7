import type { Finding } from '../../model/report.js';
import type { LogSink } from './block.js';
import { Block, dirOf, finding } from './block.js';

/* rustc and cargo. */

const RUST = /^(error|warning)(?:\[(E\d{4})\])?: (.*)$/;
const RUST_LOCATION = /^\s*--> (.+?):(\d+):(\d+)$/;
/** Lines rustc prints inside one diagnostic: gutter, source, suggestions, `...`, and `help:`/`note:` sections. */
const RUST_BODY = /^\s|^\d+\s+[|+~-](?: |$)|^\.\.\.$|^(?:help|note|suggestion)(?:\[\w+\])?: /;
/** cargo's progress lines, which end whatever error came before them. */
const CARGO_STATUS = /^ {1,12}(?:Compiling|Checking|Documenting|Downloaded|Fresh) [\w-]+ v\d+\.\d+/;
const CARGO_CRATE = /^error: could not compile `([^`]+)`/;
const CARGO_REQUIRED_BY = /^required by package `(\S+) v/;
export const RUST_DEPENDENCY =
  /unlinked crate|can't find crate|unresolved extern crate|no matching package|failed to select a version|as a dependency of package|failed to load source for dependency|failed to download/;
/** cargo's own errors, printed without rustc's ` --> ` location. */
const CARGO_ERROR = /^(?:failed to run custom build command for `|linking with `|failed to (?:parse|load) manifest|could not find `Cargo\.toml`)/;

/**
 * A rustc diagnostic (` --> file:line:col`, gutter lines) or a cargo error (`Caused by:` chains,
 * `required by package`). As many tools print `error: …`, a bare `error:` line that is not one
 * of cargo's is a draft, kept only when rustc's ` --> ` follows it.
 */
class RustBlock extends Block {
  private mode: 'start' | 'diagnostic' | 'cargo' = 'start';

  constructor(
    first: string,
    f: Finding | undefined,
    private readonly draft: Finding | undefined,
    private readonly add: (f: Finding) => void,
  ) {
    super(first, f, draft !== undefined);
  }

  protected continues(line: string, afterBlank: boolean): boolean {
    if (CARGO_STATUS.test(line)) return false;
    if (this.mode === 'start') {
      const at = RUST_LOCATION.exec(line);
      if (at) {
        this.mode = 'diagnostic';
        if (this.draft) {
          this.found(this.draft);
          this.add(this.draft);
        }
        if (this.finding) Object.assign(this.finding, { package: dirOf(at[1]!), file: at[1]!, line: Number(at[2]), column: Number(at[3]) });
        return true;
      }
      if (this.draft) return false;
      this.mode = RUST_BODY.test(line) ? 'diagnostic' : 'cargo';
    }
    let ok: boolean;
    if (this.mode === 'diagnostic') ok = RUST_BODY.test(line);
    else ok = afterBlank ? /^\s|^Caused by:$/.test(line) : !RUST.test(line);
    if (ok && this.finding) {
      // rustc names a missing crate in the label under the source, not in the message.
      if (RUST_DEPENDENCY.test(line)) this.finding.kind = 'dependency';
      const crate = CARGO_REQUIRED_BY.exec(line);
      if (crate) this.finding.package = crate[1];
    }
    return ok;
  }

  protected override blankInside(): boolean {
    return this.mode === 'cargo';
  }
}

export class RustReader {
  /** Findings waiting for cargo's `could not compile `crate`` to name their crate. */
  private crateless: Finding[] = [];

  /** An error opens a finding (or a draft of one), a warning a block that is skipped; false for any other line. */
  line(line: string, sink: LogSink): boolean {
    const m = RUST.exec(line);
    if (!m) return false;
    const [, severity, code, message] = m;
    const crate = CARGO_CRATE.exec(line);
    if (crate) {
      // The errors themselves went elsewhere (`--message-format=json` on stdout): say what failed.
      if (this.crateless.length === 0) sink.add({ ...finding('compile', sink.origin, message!, line), package: crate[1], unexplained: true });
      for (const f of this.crateless) if (f.file) f.package = crate[1];
      this.crateless = [];
      return true;
    }
    if (severity === 'warning' || /^aborting due to /.test(message!)) return sink.enter(new RustBlock(line, undefined, undefined, () => {}));
    const kind = RUST_DEPENDENCY.test(message!) ? 'dependency' : 'compile';
    const f = finding(kind, sink.origin, message!, line);
    const add = (x: Finding) => {
      sink.add(x);
      this.crateless.push(x);
    };
    if (code || kind === 'dependency' || CARGO_ERROR.test(message!)) {
      add(f);
      return sink.enter(new RustBlock(line, f, undefined, add));
    }
    return sink.enter(new RustBlock(line, undefined, f, add));
  }
}
