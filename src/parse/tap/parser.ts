import path from 'node:path';
import type { Finding, FindingKind, ParseOutput, TestCase } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { frameInStack } from '../../text/frames.js';
import type { Parser } from '../parser.js';
import { dirOf } from '../logs/block.js';
import { interrupted } from '../logs/node-test.js';
import { capText } from '../caps.js';
import { jsonStringCutter } from '../json-cut.js';
import { CUT_MARK, firstLine, lines, MAX_LOG_LINE, truncatedFile } from '../parser.js';
import type { Diagnostics } from './yaml.js';
import { readDiagnostics } from './yaml.js';

/*
 * TAP 13/14 (testanything.org), as node:test's tap reporter writes it (and tape, mocha's tap
 * reporter, …): test points `ok N - name # SKIP`, a YAML diagnostics block under each, subtests
 * indented four spaces and reported before their parent, the plan `1..N` and, from node:test,
 * `# tests N` … summary comments. node:test runs each test file in a process of its own and
 * reports the file as one test when that process fails (exitCode, signal), after the lines the
 * process wrote to stderr, as comments.
 */

interface Point {
  ok: boolean;
  name: string;
  skipped: boolean;
  diag: Diagnostics;
  children: Point[];
  /** Comment lines written since the previous test point: a child process's stderr. */
  comments: string[];
}

const POINT = /^(not )?ok\b(?: \d+)?(?: -)?(?: (.*))?$/;
const DIRECTIVE = / # (SKIP|TODO)\b/i;
const MAX_KEPT_LINES = 500;

export const tapParser: Parser = {
  format: 'tap',
  kind: 'tests',
  detect(head) {
    const first = firstLine(head);
    return /^TAP version 1[34]$/i.test(first) || /^# Subtest: /.test(first) || /^(?:not )?ok 1\b/.test(first);
  },
  async parse(source) {
    const reader = new TapReader(source.path);
    // A directive ends a test point's line: lines are read up to 1 MiB, not the 64 KiB of a log,
    // so that a long name keeps it; what is kept is cut further.
    for await (const [line, n] of lines(source, MAX_TAP_LINE)) reader.line(line, n);
    return reader.finish();
  },
};

class TapReader {
  private readonly out = emptyOutput();
  /** Points read at each depth whose parent has not been reported yet. */
  private readonly pending: Point[][] = [[]];
  private comments: string[] = [];
  private yaml: { point: Point; indent: number; lines: string[] } | undefined;
  private last: Point | undefined;
  private plan: { total: number; line: number } | undefined;
  private lastLine = 0;
  private interrupted = false;
  /** The `# Subtest: name` announced at each depth: the parents of points a cut stream leaves unclosed. */
  private readonly announced: string[] = [];

  constructor(private readonly origin: string) {}

  line(raw: string, n: number): void {
    this.lastLine = n;
    const text = raw.trimStart();
    const indent = raw.length - text.length;
    if (this.yaml) {
      if (text === '...') this.closeYaml();
      else if (this.yaml.lines.length < MAX_KEPT_LINES) this.yaml.lines.push(keptYamlLine(raw));
      return;
    }
    if (text === '---' && this.last) {
      this.yaml = { point: this.last, indent, lines: [] };
      return;
    }
    const depth = Math.floor(indent / 4);
    const point = POINT.exec(text);
    if (point) return this.point(point[1] === undefined, point[2] ?? '', depth);
    const plan = /^1\.\.(\d{1,9})\b/.exec(text);
    if (plan && depth === 0) this.plan = { total: Number(plan[1]), line: n };
    else if (/^Bail out!/.test(text)) this.out.findings.push({ kind: 'crash', message: text, tests: [], origin: this.origin });
    else if (/^# Subtest: /.test(text)) {
      this.out.runner = 'node-test';
      this.announced[depth] = text.slice(11);
    }
    else if (text.startsWith('#')) this.comment(text.replace(/^# ?/, ''), depth, n);
  }

  private point(ok: boolean, description: string, depth: number): void {
    const directive = DIRECTIVE.exec(description);
    const name = (directive ? description.slice(0, directive.index) : description).replace(/\\#/g, '#').trim();
    const point: Point = { ok, name, skipped: directive !== null, diag: new Map(), children: this.pending[depth + 1] ?? [], comments: this.comments };
    this.pending[depth + 1] = [];
    this.comments = [];
    (this.pending[depth] ??= []).push(point);
    this.last = point;
  }

  private closeYaml(): void {
    const { point, indent, lines } = this.yaml!;
    point.diag = readDiagnostics(lines, indent);
    if (point.diag.has('failureType')) this.out.runner = 'node-test';
    this.yaml = undefined;
  }

  private comment(text: string, depth: number, n: number): void {
    const summary = /^tests (\d{1,9})$/.exec(text);
    const stopped = /^Interrupted while running: (.{1,2000}?) at (\S{1,4096}):(\d{1,9}):\d{1,9}$/.exec(text);
    if (summary && depth === 0) this.out.declared = [{ total: Number(summary[1]), what: `# ${text}`, line: n, scope: 'file' }];
    else if (stopped) {
      this.interrupted = true;
      this.out.findings.push(interrupted(stopped[1]!, stopped[2]!, Number(stopped[3]), this.origin));
    }
    else if (this.comments.length < MAX_KEPT_LINES) this.comments.push(capText(text));
  }

  finish(): ParseOutput {
    const inYaml = this.yaml !== undefined;
    if (inYaml) this.closeYaml();
    const top = this.pending[0]!;
    for (const p of top) this.visit(p, [], undefined);
    const cut = inYaml || this.pending.slice(1).some((level) => level.length > 0);
    // Subtests whose parent never reported, in a stream cut short, still ran.
    for (let d = 1; d < this.pending.length; d++) for (const p of this.pending[d]!) this.visit(p, this.announced.slice(0, d), undefined);
    if (!this.plan || cut) {
      // node:test writes the plan last: a stream without one stopped before the end. When the
      // run was interrupted, that finding already says why, and what ran then.
      if (!this.interrupted) this.out.findings.push(truncatedFile(this.origin, { line: this.lastLine, message: `no plan 1..N after ${top.length} top-level test${top.length === 1 ? '' : 's'}` }));
    } else if (this.plan.total > top.length) {
      const missing = this.plan.total - top.length;
      this.out.findings.push({ kind: 'never-reported', file: this.origin, line: this.plan.line, message: `the plan 1..${this.plan.total} announces ${this.plan.total} tests, the stream reports ${top.length}`, tests: [], blockedCount: missing, origin: this.origin });
    }
    return this.out;
  }

  /** Turns a point and its subtests into tests and findings; `stopped` collects tests a failed parent cancelled. */
  private visit(p: Point, ancestors: string[], stopped: string[] | undefined): void {
    const at = location(p.diag);
    const fileLevel = at !== undefined && isFile(p.name, at.file);
    const fullName = [...ancestors, p.name].join(' ');
    const failure = p.ok ? undefined : p.diag.get('failureType');
    if (p.children.length > 0) {
      const kind = failure === 'hookFailed' ? 'hook' : fileLevel && !p.ok ? processKind(p) : undefined;
      const own = kind ? [] : stopped;
      const inner = fileLevel ? ancestors : [...ancestors, p.name];
      for (const child of p.children) this.visit(child, inner, own);
      if (kind) this.out.findings.push(this.finding(p, kind, fullName, own!));
      return;
    }
    if (failure === 'cancelledByParent' && stopped) {
      stopped.push(fullName);
      return;
    }
    if (fileLevel && !p.ok) {
      // node counts a file whose process failed as one test: it stands for the tests it never ran.
      // Named by base name: an absolute path would make two files' findings one (fingerprints drop /tmp paths).
      this.out.findings.push({ ...this.finding(p, processKind(p) ?? 'crash', path.posix.basename(p.name), []), blockedCount: 1 });
      return;
    }
    this.out.tests.push(this.test(p, fullName, ancestors, at));
  }

  private test(p: Point, name: string, ancestors: string[], at: { file: string; line: number } | undefined): TestCase {
    const suite = [...(at ? [path.posix.basename(at.file)] : []), ...ancestors].join(' › ');
    const failed = !p.ok && !p.skipped;
    const where = failed ? userFrame(p.diag.get('stack') ?? '', at?.file) ?? at : at;
    const duration = Number(p.diag.get('duration_ms'));
    return {
      id: `${suite}::${name}`,
      name,
      suite,
      file: where?.file,
      line: where?.line,
      status: p.skipped ? 'skipped' : p.ok ? 'passed' : 'failed',
      durationMs: Number.isFinite(duration) ? Math.round(duration) : undefined,
      attempts: 1,
      failure: failed ? failureOf(p.diag) : undefined,
      origin: this.origin,
    };
  }

  private finding(p: Point, kind: FindingKind, name: string, blocks: string[]): Finding {
    const at = location(p.diag);
    const stderr = p.comments.join('\n');
    const where = kind === 'collection' ? loadLocation(stderr, at?.file) : userFrame(p.diag.get('stack') ?? stderr, at?.file);
    const file = where?.file ?? at?.file;
    return {
      kind,
      // A load error reads as node printed it, as the console log's reader has it: one finding when both are read.
      ...(kind === 'collection' && file ? { package: dirOf(file) } : {}),
      file,
      line: where?.line,
      message: kind === 'collection' ? reason(p, kind) : `${name}: ${reason(p, kind)}`,
      excerpt: [stderr, p.diag.get('stack') ?? ''].filter(Boolean).join('\n') || undefined,
      tests: [],
      ...(blocks.length > 0 ? { blocks } : {}),
      origin: this.origin,
    };
  }
}

// What a child process wrote when the file could not be loaded: a syntax error, a missing module.
const LOAD_ERROR = /^(?:SyntaxError: |Error: Cannot find module |Error \[ERR_(?:MODULE_NOT_FOUND|REQUIRE_ESM|UNKNOWN_FILE_EXTENSION)\])/;

/** Why a file's process failed, when it did: killed, timed out, not loaded, or exited. */
function processKind(p: Point): FindingKind | undefined {
  const d = p.diag;
  if (d.get('failureType') === 'testTimeoutFailure') return 'timeout';
  if (d.get('signal')) return 'crash';
  if (p.comments.some((c) => LOAD_ERROR.test(c))) return 'collection';
  return d.get('exitCode') || d.has('signal') ? 'crash' : undefined;
}

function reason(p: Point, kind: FindingKind): string {
  const d = p.diag;
  const stderrError = p.comments.find((c) => (kind === 'collection' ? LOAD_ERROR.test(c) : /^\w*Error\b/.test(c)));
  if (kind === 'collection') return stderrError ?? `failed to load: ${d.get('error') ?? ''}`;
  if (kind === 'hook') return `a hook failed: ${d.get('error') ?? ''}`;
  if (kind === 'timeout') return `${d.get('error') ?? 'timed out'}; the file's process was stopped`;
  const signal = d.get('signal');
  if (signal) return `the test process was killed by ${signal}`;
  const code = d.get('exitCode');
  return `the test process exited with code ${code ?? '?'}${stderrError ? ` after ${stderrError}` : ''}`;
}

function failureOf(d: Diagnostics): TestCase['failure'] {
  const error = d.get('error') ?? '';
  const values = d.has('expected') || d.has('actual') ? `\nexpected: ${d.get('expected') ?? ''}\nactual: ${d.get('actual') ?? ''}` : '';
  const stack = d.get('stack');
  return { message: firstLine(error) || d.get('failureType') || 'failed', type: d.get('name') ?? undefined, details: `${error}${values}${stack ? `\n${stack}` : ''}`.trim() || undefined };
}

/** The `location: 'file:line:column'` node:test writes for every test. */
function location(d: Diagnostics): { file: string; line: number } | undefined {
  const m = /^(.{1,4096}):(\d+):\d+$/.exec(d.get('location') ?? '');
  return m ? { file: m[1]!.replace(/^file:\/\//, ''), line: Number(m[2]) } : undefined;
}

/** Whether a test's name is the path of its file: the test node:test reports for a whole file. */
function isFile(name: string, file: string): boolean {
  const n = name.replace(/\\/g, '/').replace(/^\.\//, '');
  return n !== '' && (file === n || file.endsWith(`/${n}`));
}

/** The frame in the test's own file, else the first frame outside dependencies and the runtime. */
function userFrame(stack: string, file: string | undefined): { file: string; line: number } | undefined {
  return (file ? frameInStack(stack, file) : undefined) ?? frameInStack(stack);
}

/** Where a load error points: node's `file:line` header over a syntax error, else the frame in the file. */
function loadLocation(stderr: string, file: string | undefined): { file: string; line: number } | undefined {
  for (const line of stderr.split('\n', 20)) {
    const m = /^(?:file:\/\/)?(\S{1,4096}\.[cm]?[jt]sx?):(\d+)$/.exec(line);
    if (m && (!file || m[1] === file)) return { file: m[1]!, line: Number(m[2]) };
  }
  return userFrame(stderr, file);
}

const MAX_TAP_LINE = 1024 * 1024;

/**
 * A YAML line as it is kept: a double-quoted value is a JSON string, cut whole at 64 KiB so that it
 * still reads (json-cut.ts), and closed again if the line was cut before its end; the line around
 * it at twice that.
 */
function keptYamlLine(raw: string): string {
  if (raw.length <= MAX_LOG_LINE) return raw;
  const cut = jsonStringCutter()(raw);
  const open = cut.endsWith(CUT_MARK) && /^\s*[\w-]+:\s*"/.test(cut);
  return capText(open ? `${cut}"` : cut, 2 * MAX_LOG_LINE);
}
