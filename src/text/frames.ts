import { stripAnsi } from './ansi.js';

/*
 * Stack frames in failure details: where a failure was raised in the user's code (for a file:line)
 * and which function raised it (for clustering). Frames of dependencies and the runtime are passed over.
 */

/**
 * Frames of dependencies, runners and runtimes, in the languages whose stacks Verdict reads: never
 * where a failure is placed, never a cause two failures share, cut from the stacks a reviewer reads.
 */
export const NOT_USER_FRAME =
  /node_modules|node:internal|\(internal\/|\(<anonymous>\)|^\s*at <anonymous>$|site-packages|dist-packages|\/lib\/python\d|jest-circus|jest-runner|jasmine|mocha\/lib|java\.base\/|jdk\.internal|sun\.reflect|org\.junit|junit\.framework|org\.apache\.maven\.surefire|org\.gradle\.|kotlinx\.coroutines|System\.RuntimeMethodHandle|System\.Reflection|Microsoft\.VisualStudio\.TestPlatform|NUnit\.Framework\.Internal|Xunit\.Sdk|\/rustc\/[0-9a-f]+\/|\/usr\/(?:local\/)?go\/src\/|\/go\/src\/(?:runtime|testing)\//;

const ANY_FRAME = /\.[cm]?[jt]sx?:\d|File "|\.(?:go|py|rb|php|rs|swift|kt|cs|fs|vb):/;

/** The first stack frame outside dependencies and the runtime: JavaScript, Java, Python, Go, C#. */
export function frameInStack(details: string, preferFile?: string): { file: string; line: number } | undefined {
  const patterns = [
    /\(((?:[A-Za-z]:)?[^():\s]+\.[cm]?[jt]sx?):(\d+):\d+\)/, // at fn (file.js:10:21)
    /\bat ((?:[A-Za-z]:)?[^():\s]+\.[cm]?[jt]sx?):(\d+):\d+/, // at file.js:10:21
    /File "([^"]+)", line (\d+)/, // Python
    /^\s*([^\s:]+\.(?:go|py|rb|php|rs|swift|kt|cs)):(\d+)/, // file.go:12: message
    // .NET, in any language ("in F.cs:line 12", "en F.cs:línea 12", Mono "[0x00000] in /p/F.cs:153").
    // The path is bounded: scanned to the line's end from every ") in", it was quadratic (issue 20).
    /\) (?:\[0x[0-9a-f]{1,16}\] )?\p{L}{1,40} ((?:[A-Za-z]:)?[^:]{1,500}?\.(?:cs|fs|vb)):(?:\p{L}{1,40} )?(\d+)/u,
  ];
  // Every pattern needs one of these: a Java trace of 70 frames is ruled out in one pass.
  if (!ANY_FRAME.test(details)) return undefined;
  for (const raw of details.split('\n')) {
    if (NOT_USER_FRAME.test(raw)) continue;
    for (const p of patterns) {
      const m = p.exec(raw);
      if (m && (!preferFile || m[1]!.replace(/\\/g, '/').endsWith(preferFile.replace(/\\/g, '/').replace(/^\.\//, '')))) {
        return { file: m[1]!, line: Number(m[2]) };
      }
    }
  }
  return undefined;
}

/** The first stack frame of a failure's details that belongs to the code under test, line numbers removed. */
export function topFrame(details: string | undefined): string | undefined {
  if (!details) return undefined;
  const text = stripAnsi(details);
  // Line by line without splitting: the frame is near the top of a trace of a hundred lines.
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end).trim();
    start = end + 1;
    // JavaScript / Java / C#: "at fn (file:line:col)", "at pkg.Class.method(File.java:12)"
    let m = /^at (?:async )?(.+?)(?: \(|\(|$)/.exec(line);
    if (m && !NOT_USER_FRAME.test(line)) return m[1]!.trim();
    // Python: File "path", line N, in fn
    m = /^File "([^"]+)", line \d+, in (\S+)/.exec(line);
    if (m && !/site-packages|\/lib\/python/.test(m[1]!)) return `${m[1]!.replace(/^.*\//, '')}:${m[2]}`;
  }
  return undefined;
}


/**
 * Where a failure was raised in the user's code, as `file:line`: the innermost frame of a Python
 * traceback or a pytest report (listed outermost first), the first frame of a JavaScript, Java or C# stack (listed
 * innermost first), the place a Rust panic names. Two failures raised at one place in shared code share that cause.
 */
export function raisingFrame(details: string | undefined): string | undefined {
  if (!details) return undefined;
  let python: string | undefined;
  for (const raw of stripAnsi(details).split('\n', 400)) {
    if (NOT_USER_FRAME.test(raw)) continue;
    // A traceback (`File "x.py", line 3`) or pytest's long form (`x.py:3: ValueError`).
    const py = /^\s*File "([^"]{1,500})", line (\d{1,9})/.exec(raw) ?? /^([^\s:]{1,500}\.py):(\d{1,9}): /.exec(raw);
    if (py) {
      python = `${py[1]}:${py[2]}`;
      continue;
    }
    if (python) continue;
    // Rust: the first panic names where it was raised (`panicked at src/lib.rs:46:5:`).
    const rust = /panicked at ([^\s:]{1,500}\.rs):(\d{1,9}):\d{1,9}/.exec(raw);
    if (rust) return `${rust[1]}:${rust[2]}`;
    const js = /^\s*at (?:.{0,500}? \()?((?:[A-Za-z]:)?[^():\s]{1,500}):(\d{1,9})(?::\d{1,9})?\)?\s*$/.exec(raw);
    if (js) return `${js[1]}:${js[2]}`;
    const jvm = /^\s*at [\w$.<>/]{1,500}\(([\w$.-]{1,200}\.(?:java|kt|scala|groovy)):(\d{1,9})\)/.exec(raw);
    if (jvm) return `${jvm[1]}:${jvm[2]}`;
  }
  return python;
}

/**
 * Babel's `SyntaxError: <file>: <message> (<line>:<column>)`, with the file and place. The file
 * ends at the first `: ` and the place is the line's end, each found in one pass: as one pattern,
 * `(.+?): .*\(` scanned to the end of the line from every `: ` in it (issue 20).
 */
export function babelSyntaxError(text: string): { file: string; line: number; column: number } | undefined {
  const head = /^SyntaxError: (.+?): /.exec(text);
  if (!head) return undefined;
  const place = /\((\d{1,9}):(\d{1,9})\)\s*$/.exec(text);
  if (!place || place.index < head[0].length) return undefined;
  return { file: head[1]!, line: Number(place[1]), column: Number(place[2]) };
}
