import type { Declared, Finding, ParseOutput, TestCase, TestStatus } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { RUST_DEPENDENCY } from '../logs/rustc.js';
import { limited, truncatedFile } from '../parser.js';
import type { LineReader } from './line-parser.js';
import { lineParser } from './line-parser.js';
import { libtestCase, stoppedBinary } from './test-case.js';

/*
 * JSON lines of `cargo build/test --message-format=json` (cargo's `reason` objects: rustc's
 * diagnostics with their spans, `build-finished`) and of libtest's `--format json` (`suite` and
 * `test` events), alone or in one stream, as `cargo test --message-format=json -- --format json`
 * writes them to stdout. cargo's own account of a test binary that died goes to stderr, so here
 * a binary that stopped shows as a suite that started and never finished.
 */

interface Span {
  file_name?: string;
  line_start?: number;
  column_start?: number;
  is_primary?: boolean;
}
interface Diagnostic {
  level?: string;
  message?: string;
  rendered?: string;
  code?: { code?: string } | null;
  spans?: Span[];
}
/** A line of either: cargo's `message` is rustc's diagnostic, libtest's a string (an ignore reason, a should_panic note). */
interface CargoMessage {
  reason?: string;
  success?: boolean;
  package_id?: string;
  target?: { name?: string; kind?: string[] };
  message?: Diagnostic | string;
  type?: string;
  event?: string;
  name?: string;
  test_count?: number;
  stdout?: string;
}

interface Suite {
  started: number;
  declared: number;
  reported: number;
  running?: string;
  slow?: string;
}

const STATUS: Record<string, TestStatus> = { ok: 'passed', failed: 'failed', ignored: 'skipped' };

/** The crate a package id names: `path+file:///w/ledger#0.1.0`, `…#ledger@0.1.0`, `ledger 0.1.0 (path+file:///w/ledger)`. */
function crateOf(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const spaced = /^(\S+) \S+ \(/.exec(id);
  if (spaced) return spaced[1];
  const hash = id.lastIndexOf('#');
  const fragment = id.slice(hash + 1);
  if (hash >= 0 && fragment.includes('@')) return fragment.slice(0, fragment.indexOf('@'));
  const url = hash >= 0 ? id.slice(0, hash) : id;
  return url.slice(url.lastIndexOf('/') + 1) || undefined;
}

class CargoJsonReader implements LineReader {
  readonly out: ParseOutput = { ...emptyOutput(), runner: 'cargo' };
  private readonly declared: Declared[] = [];
  private readonly problems;
  private suite: Suite | undefined;
  private compileErrors = 0;
  private failedBuild: number | undefined;
  /** The last line that was not JSON: a cut stream's end when nothing follows it. */
  private broken: { line: number; text: string } | undefined;

  constructor(private readonly origin: string) {
    this.problems = limited(this.out, origin, 'lines that are not JSON');
  }

  line(text: string, n: number): void {
    if (text.trim() === '') return;
    if (this.broken) this.problems.push(this.broken.line, `not a JSON line: ${this.broken.text.slice(0, 80)}`);
    this.broken = undefined;
    let m: CargoMessage;
    try {
      m = JSON.parse(text) as CargoMessage;
    } catch {
      this.broken = { line: n, text };
      return;
    }
    if (m.reason === 'compiler-message') this.compilerMessage(m);
    else if (m.reason === 'build-finished' && m.success === false) this.failedBuild = n;
    else if (m.type === 'suite' && m.event === 'started') this.start(m.test_count ?? 0, n);
    else if (m.type === 'test' || m.type === 'bench') this.test(m);
    else if (m.type === 'suite' && this.suite) this.suite = undefined;
  }

  end(): ParseOutput {
    const { out } = this;
    if (this.broken) {
      const cut = truncatedFile(this.origin, { line: this.broken.line, message: 'a JSON line is cut short' });
      const open = this.suite;
      if (open && open.declared > open.reported) cut.blockedCount = open.declared - open.reported;
      out.findings.push(cut);
    } else if (this.suite) this.stop(this.suite, this.suite.slow ? 'timeout' : 'crash');
    if (this.failedBuild !== undefined && this.compileErrors === 0) {
      out.findings.push({ kind: 'compile', message: `cargo says the build failed (line ${this.failedBuild}: "success":false) and no compiler error in this file says why`, tests: [], origin: this.origin, unexplained: true });
    }
    this.problems.finish();
    if (this.declared.length > 0) out.declared = this.declared;
    return out;
  }

  private compilerMessage(m: CargoMessage): void {
    const d = m.message;
    if (!d || typeof d === 'string' || !/^error/.test(d.level ?? '')) return;
    this.compileErrors++;
    const span = d.spans?.find((s) => s.is_primary) ?? d.spans?.[0];
    const text = d.message ?? '';
    const target = m.target?.name && m.target.kind ? ` (${m.target.kind.join(', ')} "${m.target.name}")` : '';
    const f: Finding = {
      kind: RUST_DEPENDENCY.test(text) ? 'dependency' : 'compile',
      package: crateOf(m.package_id),
      ...(span?.file_name ? { file: span.file_name, line: span.line_start, column: span.column_start } : {}),
      message: `${d.code?.code ? `${d.code.code}: ` : ''}${text}${target}`,
      ...(d.rendered ? { excerpt: d.rendered.trimEnd() } : {}),
      tests: [],
      origin: this.origin,
    };
    this.out.findings.push(f);
  }

  private start(count: number, n: number): void {
    if (this.suite) this.stop(this.suite, 'crash');
    this.suite = { started: n, declared: count, reported: 0 };
    if (count > 0) this.declared.push({ total: count, what: `"test_count": ${count}`, line: n, scope: 'file' });
  }

  private test(m: CargoMessage): void {
    const s = this.suite;
    if (!m.name) return;
    if (m.event === 'started') {
      if (s) s.running = m.name;
      return;
    }
    if (m.event === 'timeout') {
      if (s) s.slow = m.name;
      return;
    }
    const status = m.type === 'bench' ? 'passed' : STATUS[m.event ?? ''];
    if (!status) return;
    if (s) {
      s.reported++;
      if (s.running === m.name) s.running = undefined;
    }
    const text = typeof m.message === 'string' ? m.message : undefined;
    const output = m.stdout ?? text;
    const test: TestCase = libtestCase(m.name, status, this.origin, '', output, status === 'skipped' ? text : undefined);
    this.out.tests.push(test);
  }

  private stop(s: Suite, kind: 'crash' | 'timeout'): void {
    const how = kind === 'timeout' ? `stopped: libtest said ${s.slow ?? ''} had been running for over 60 seconds, and nothing came after` : 'stopped before it finished (the process died: see cargo\'s "process didn\'t exit successfully" on stderr)';
    this.out.findings.push(stoppedBinary(kind, this.origin, { binary: `the test binary whose suite started on line ${s.started}`, how, running: s.running ?? s.slow, declared: s.declared, reported: s.reported }));
    this.suite = undefined;
  }
}

/** JSON lines whose first object is cargo's (`"reason"`) or libtest's (`"type": "suite"`/`"test"`). */
function detectCargoJson(head: string): boolean {
  const first = head.trimStart().split('\n', 1)[0] ?? '';
  return /^\{\s*"(?:reason"\s*:\s*"(?:compiler-artifact|compiler-message|build-script-executed|build-finished)|type"\s*:\s*"(?:suite|test|bench))"/.test(first);
}

export const cargoJsonParser = lineParser('cargo-json', detectCargoJson, (origin) => new CargoJsonReader(origin), 'json');
