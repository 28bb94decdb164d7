import { NOT_USER_FRAME } from '../text/frames.js';

/*
 * A failure's details as a reviewer needs them: the message and the frames of the user's code.
 * A jest failure carries ~15 frames of jest-circus and node internals, a pytest or JUnit one its
 * runner's; they say nothing about the bug and push it off the screen. They are cut, and the cut
 * is counted, so nobody takes the shortened trace for the whole one (the report JSON keeps it).
 */

/** A line that is one frame of a stack (JavaScript, Java, C#, Python, Go, Rust), by its shape alone. */
function isFrame(line: string): boolean {
  return /^\s*(?:at |File "|\d+: |\/|[A-Za-z]:\\)/.test(line) || /^\s+[\w/.-]+\.go:\d+(?: \+0x[0-9a-f]+)?$/.test(line);
}

export interface Trimmed {
  text: string;
  /** Frames left out. */
  cut: number;
}

/**
 * `details` with the frames of dependencies and the runtime removed: a Python frame takes its
 * source line with it, a Go frame its function line. What is not a frame (the message, a diff,
 * captured output) is kept whole.
 */
export function trimStack(details: string): Trimmed {
  const lines = details.split('\n');
  const keep: string[] = [];
  let cut = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isFrame(line) || !NOT_USER_FRAME.test(line)) {
      keep.push(line);
      continue;
    }
    cut++;
    // Python: `File "…", line N, in f` is followed by the source line it names.
    if (/^\s*File "/.test(line) && /^\s{4,}\S/.test(lines[i + 1] ?? '') && !isFrame(lines[i + 1]!)) i++;
    // Go: the function line comes before its `\t/usr/local/go/src/….go:N +0x…` line.
    if (/\.go:\d+/.test(line) && keep.length > 0 && /^[\w./*()-]+\(.*\)$/.test(keep[keep.length - 1]!)) keep.pop();
  }
  if (cut === 0) return { text: details, cut };
  const text = keep.join('\n').replace(/\n+$/, '');
  return { text: `${text}\n… ${cut} frame${cut === 1 ? '' : 's'} of dependencies and the runtime cut`, cut };
}
