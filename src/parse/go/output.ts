import type { Finding } from '../../model/report.js';

/* Reading what a Go test binary printed: assertion messages, panics, timeouts, data races. */

const NOISE = /^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (FAIL|PASS|SKIP):|FAIL\s*$|FAIL\t|ok\s+\t|PASS\s*$|exit status \d+\s*$|coverage: )/;
const MAX_DETAIL_LINES = 200;

export interface GoFailure {
  message: string;
  details?: string;
  file?: string;
  line?: number;
}

function meaningful(output: string[]): string[] {
  return output
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '' && !NOISE.test(l));
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut));
}

/** The failure of one test from its output: the first `file.go:N: message`, else the first line. */
export function goFailureOf(output: string[], cutOff: boolean): GoFailure {
  const lines = meaningful(output);
  const details = lines.length > 0 ? dedent(lines.slice(0, MAX_DETAIL_LINES)).join('\n') : undefined;
  const panic = lines.find((l) => /^panic: /.test(l));
  if (cutOff && panic) {
    const frame = raisingFrame(lines);
    return { message: panic.trim(), details, file: frame?.file ? baseName(frame.file) : undefined, line: frame?.line };
  }
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*([\w.\-/]+\.go):(\d+): ?(.*)$/.exec(lines[i]!);
    if (!m) continue;
    let message = m[3]!.trim();
    if (message === '') message = testifyMessage(lines.slice(i + 1)) ?? lines[i + 1]?.trim() ?? '';
    return { message, details, file: baseName(m[1]!), line: Number(m[2]) };
  }
  if (panic) return { message: panic.trim(), details };
  return { message: lines[0]?.trim() ?? (cutOff ? 'test did not finish (the test binary exited)' : 'test failed'), details };
}

/** testify prints `Error Trace:` / `Error:` / `Test:` blocks; the `Error:` entry is the message. */
function testifyMessage(lines: string[]): string | undefined {
  const start = lines.findIndex((l) => /^\s*Error:\s/.test(l));
  if (start < 0) return undefined;
  const parts = [lines[start]!.replace(/^\s*Error:\s*/, '').trim()];
  for (const l of lines.slice(start + 1)) {
    if (/^\s*[A-Z][\w ]*:\s/.test(l.trim()) && !/^\s*(expected|actual)\s*:/.test(l.trim())) break;
    parts.push(l.trim());
  }
  return parts.filter(Boolean).join(' ').slice(0, 500);
}

function baseName(p: string): string {
  return p.replace(/\\/g, '/').replace(/^.*\//, '');
}

interface Frame {
  func: string;
  file?: string;
  line?: number;
}

/** Frames of the first goroutine dump after `start`: `func(args)` then `\tfile:line +0x..`. */
function frames(lines: string[], start = 0): Frame[] {
  const out: Frame[] = [];
  const g = lines.findIndex((l, i) => i >= start && /^goroutine \d+ \[/.test(l.trim()));
  if (g < 0) return out;
  for (let i = g + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^goroutine \d+ \[/.test(l.trim()) || /^(exit status|FAIL)/.test(l.trim())) break;
    const loc = /^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?\s*$/.exec(l);
    if (loc && out.length > 0 && out[out.length - 1]!.file === undefined) {
      out[out.length - 1]!.file = loc[1];
      out[out.length - 1]!.line = Number(loc[2]);
    } else if (!loc && l.trim() !== '') out.push({ func: l.trim() });
  }
  return out;
}

const RUNTIME_FRAME = /^(runtime\.|testing\.|panic\(|created by |sync\.|reflect\.)/;

function raisingFrame(lines: string[], start = 0): Frame | undefined {
  return frames(lines, start).find((f) => !RUNTIME_FRAME.test(f.func) && f.file && !/\/(runtime|testing)\//.test(f.file));
}

/** `example.com/m/pkg.(*T).Method(...)` → `example.com/m/pkg/<file>`: import paths map to the repository via go.mod. */
function frameFile(frame: Frame, fallbackPkg: string): string | undefined {
  if (!frame.file) return undefined;
  const m = /^((?:[^/(]*\/)*[^./(]+)\./.exec(frame.func);
  return `${m ? m[1] : fallbackPkg}/${baseName(frame.file)}`;
}

/** `example.com/m/cache.(*Cache).Set(0xc0, {0x1, 0x2})` → `cache.(*Cache).Set`: the call's arguments go, the receiver stays. */
export function shortFunc(func: string): string {
  let name = func.trim();
  if (name.endsWith(')')) {
    let depth = 0;
    for (let i = name.length - 1; i >= 0; i--) {
      if (name[i] === ')') depth++;
      else if (name[i] === '(' && --depth === 0) {
        name = name.slice(0, i);
        break;
      }
    }
  }
  return name.slice(name.lastIndexOf('/') + 1);
}

export interface GoTestOutput {
  name: string;
  output: string[];
  finished: boolean;
}

/**
 * Findings that end a test binary or poison its results: panics, timeouts, data races, and a
 * package that failed with no test to blame.
 */
export function goCrashFindings(pkg: string, pkgOutput: string[], tests: GoTestOutput[], pkgFailed: boolean, origin: string): Finding[] {
  const findings: Finding[] = [];
  /** Races by message and place: the one finding each, found without a search of the findings. */
  const races = new Map<string, Finding>();
  const unfinished = tests.filter((t) => !t.finished).map((t) => t.name);

  const scan = (output: string[], test: string | undefined) => {
    const lines = output.join('').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (/^WARNING: DATA RACE/.test(l.trim())) {
        // The block ends at the `====` rule, or at the next race when the rule is missing. Searched
        // from here, not from line 0, and never past the next race: each race was a search of the
        // whole output, 41 s for 20k races (issue 20).
        let end = i + 1;
        while (end < lines.length && !/^={10,}/.test(lines[end]!.trim()) && !/^WARNING: DATA RACE/.test(lines[end]!.trim())) end++;
        const race = raceFinding(pkg, lines.slice(i, Math.min(end, i + MAX_DETAIL_LINES)), test, origin);
        // The same race is printed again in the package output and on reruns: count it once.
        const key = `${race.message}|${race.file}|${race.line}`;
        const existing = races.get(key);
        if (existing) {
          if (test && !existing.tests.includes(test)) existing.tests.push(test);
        } else {
          races.set(key, race);
          findings.push(race);
        }
        // Past the rule; onto the next race when it starts the next block.
        i = end < lines.length && /^={10,}/.test(lines[end]!.trim()) ? end : end - 1;
      } else if (/^panic: /.test(l)) {
        const timeout = /^panic: test timed out after (\S+)/.exec(l);
        const frame = raisingFrame(lines, i);
        const running = timeout ? runningTests(lines.slice(i + 1)) : [];
        const blamed = test ? [test] : running.length > 0 ? running : unfinished;
        findings.push({
          kind: timeout ? 'timeout' : 'panic',
          package: pkg,
          file: frame && !timeout ? frameFile(frame, pkg) : undefined,
          line: timeout ? undefined : frame?.line,
          message: timeout
            ? `test binary timed out after ${timeout[1]}${blamed.length ? ` while running ${blamed.join(', ')}` : ''}`
            : `${l.replace(/ \[recovered\]$/, '').trim()}${frame ? ` in ${shortFunc(frame.func)}` : ''}`,
          excerpt: lines.slice(i, i + 30).join('\n'),
          tests: blamed,
          origin,
        });
        return;
      }
    }
  };
  for (const t of tests) scan(t.output, t.name);
  const beforeCrash = findings.length;
  scan(pkgOutput, undefined);
  // A panic printed both in the test's output and the package's (older go): keep the first.
  dedupeCrashes(findings, beforeCrash);

  if (pkgFailed && findings.length === 0 && tests.every((t) => t.finished) && !tests.some((t) => /--- FAIL/.test(t.output.join('')))) {
    const tail = meaningful(pkgOutput).slice(-10);
    findings.push({
      kind: 'crash',
      package: pkg,
      message: `test binary of ${pkg} failed with no failing test${tail.length ? `: ${tail[0]!.trim()}` : ''}`,
      excerpt: tail.join('\n') || undefined,
      tests: [],
      origin,
    });
  }
  return findings;
}

function dedupeCrashes(findings: Finding[], from: number): void {
  for (let i = findings.length - 1; i >= from; i--) {
    const f = findings[i]!;
    if (f.kind === 'race') continue;
    if (findings.slice(0, from).some((g) => g.kind === f.kind)) findings.splice(i, 1);
  }
}

function runningTests(lines: string[]): string[] {
  const out: string[] = [];
  const start = lines.findIndex((l) => /^running tests:/.test(l.trim()));
  if (start < 0) return out;
  for (const l of lines.slice(start + 1)) {
    const m = /^\s+(\S+) \(/.exec(l);
    if (!m) break;
    out.push(m[1]!);
  }
  return out;
}

function raceFinding(pkg: string, block: string[], test: string | undefined, origin: string): Finding {
  // Two accesses: "Read at 0x.. by goroutine 7:" and "Previous write at 0x.. by goroutine 6:".
  const accesses: { what: string; frame?: Frame }[] = [];
  for (let i = 0; i < block.length; i++) {
    const m = /^\s*((?:Previous )?(?:[Rr]ead|[Ww]rite)) at 0x[0-9a-f]+ by (?:goroutine \d+|main goroutine)/.exec(block[i]!);
    if (!m) continue;
    const frame: Frame = { func: block[i + 1]?.trim() ?? '' };
    const loc = /^\s+(\S+\.go):(\d+)/.exec(block[i + 2] ?? '');
    if (loc) {
      frame.file = loc[1];
      frame.line = Number(loc[2]);
    }
    accesses.push({ what: m[1]!.toLowerCase(), frame });
  }
  const [a, b] = accesses;
  const describe = (x: { what: string; frame?: Frame } | undefined) =>
    x ? `${x.what} in ${shortFunc(x.frame?.func ?? '?')}${x.frame?.file ? ` (${baseName(x.frame.file)}:${x.frame.line})` : ''}` : '';
  return {
    kind: 'race',
    package: pkg,
    file: a?.frame ? frameFile(a.frame, pkg) : undefined,
    line: a?.frame?.line,
    message: `data race: ${describe(a)}${b ? ` vs ${describe(b)}` : ''}`,
    excerpt: block.join('\n'),
    tests: test ? [test] : [],
    origin,
  };
}
