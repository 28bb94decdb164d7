/*
 * What libtest prints of a failing test (console `---- name stdout ----`, JSON `stdout`, JUnit
 * <system-out>): the panic (`thread 'x' panicked at src/lib.rs:12:5:` and its message, or the
 * pre-1.73 `panicked at 'message', src/lib.rs:12:5`), or a #[should_panic] test that did not.
 */

export interface LibtestFailure {
  message: string;
  file?: string;
  line?: number;
  /** Where it panicked, as printed: failures of one cause (an assertion in a shared helper) share it. */
  type?: string;
  details: string;
}

/** Longer lines are not what libtest prints as a panic's header; the cap keeps the regexes linear. */
const MAX_HEADER = 4096;
const PANIC = /^thread '([^']*)'(?: \(\d+\))? panicked at (.+):(\d+):(\d+):$/;
const PANIC_OLD = /^thread '([^']*)' panicked at '(.*)', (.+):(\d+):(\d+)$/;
const NO_PANIC = /^(?:note: )?test did not panic as expected(?: at (.+):(\d+):(\d+))?$/;
/** Where a panic's message ends: libtest's and std's notes, a backtrace. */
const MESSAGE_END = /^(?:note: |stack backtrace:|\s+\d+: )/;

/** A location in the user's code, not std's (`/rustc/<hash>/library/…`) nor a registry crate's. */
function userFile(file: string): string | undefined {
  return /^\/rustc\/|[\\/]\.cargo[\\/]registry[\\/]|^library[\\/]/.test(file) ? undefined : file;
}

/** The message in one line: `assertion `left == right` failed (left: 2, right: 7)`. */
function oneLine(lines: string[]): string {
  const [first = '', ...rest] = lines.map((l) => l.trim()).filter((l) => l !== '');
  return rest.length > 0 ? `${first} (${rest.join(', ')})` : first;
}

/** The failure in a test's captured output, or undefined when it holds neither a panic nor a should_panic note. */
export function libtestFailure(output: string): LibtestFailure | undefined {
  const lines = output.split('\n').map((l) => l.replace(/\r$/, ''));
  const details = output.trim();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > MAX_HEADER) continue;
    const old = PANIC_OLD.exec(line);
    if (old) return { message: old[2]!, ...at(old[3]!, old[4]!, old[5]!), details };
    const panic = PANIC.exec(line);
    if (panic) {
      const message: string[] = [];
      for (let j = i + 1; j < lines.length && !MESSAGE_END.test(lines[j]!); j++) message.push(lines[j]!);
      return { message: oneLine(message) || 'panicked', ...at(panic[2]!, panic[3]!, panic[4]!), details };
    }
    const none = NO_PANIC.exec(line);
    if (none) return { message: 'test did not panic as expected', ...(none[1] ? at(none[1], none[2]!, none[3]!) : {}), details };
  }
  return undefined;
}

function at(file: string, line: string, column: string): { file?: string; line?: number; type: string } {
  const type = `panicked at ${file}:${line}:${column}`;
  const user = userFile(file);
  return user ? { file: user, line: Number(line), type } : { type };
}

/** The test a `thread 'x' has overflowed its stack` line names. */
export function overflowedThread(line: string): string | undefined {
  return /^thread '([^']*)'(?: \(\d+\))? has overflowed its stack$/.exec(line)?.[1];
}
