import { createHash } from 'node:crypto';

/*
 * Same root cause → same text: failures are clustered and blockers identified by messages with
 * the parts that change from run to run (numbers, addresses, temp paths, durations, colours) removed.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}

export function normalizeMessage(text: string): string {
  return stripAnsi(text)
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/0x[0-9a-f]+/gi, '<hex>')
    .replace(/\b[0-9a-f]{12,}\b/gi, '<hex>')
    .replace(/(?:\/tmp|\/var\/folders|\/private\/var\/folders|[A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp)[^\s'"`)]*/g, '<tmp>')
    .replace(/\b\d+(?:\.\d+)?(?:ns|µs|us|ms|s|m|h)\b/g, '<dur>')
    .replace(/\d+(?:\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 400);
}

/** A short stable id from the parts that identify a root cause. */
export function fingerprint(...parts: (string | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 12);
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
    if (m && !/node:internal|node_modules|jest-circus|java\.base|junit\.|org\.junit|sun\.reflect|jdk\.internal/.test(line)) return m[1]!.trim();
    // Python: File "path", line N, in fn
    m = /^File "([^"]+)", line \d+, in (\S+)/.exec(line);
    if (m && !/site-packages|\/lib\/python/.test(m[1]!)) return `${m[1]!.replace(/^.*\//, '')}:${m[2]}`;
  }
  return undefined;
}
