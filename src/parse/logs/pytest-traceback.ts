/*
 * What pytest's tracebacks (console sections and JUnit bodies alike) say: the exception is the
 * first `E   ` line, the place is a frame — `path:line: in fn`, `path:line: Error` closing a
 * section, or a quoted `File "path", line N` — in the project's own code.
 */

const PYTEST_FRAME = /^(?:(\S.*?):(\d+): (?:in \S|\w)|E?\s+File "(.+)", line (\d+))/;
/** The long traceback indents the exception under the code (`E       ConnectionError: …`), a module's import error does not. */
const PYTEST_EXCEPTION = /^E {3}(\S.*)$/;
const PYTEST_EXCEPTION_INDENTED = /^E {3,}(\S.*)$/;
/** Frames outside the project: the standard library, installed packages, `<frozen importlib._bootstrap>`. */
const PYTHON_LIBRARY = /[\\/](?:site-packages|dist-packages)[\\/]|[\\/]lib[\\/]python\d|[\\/]Lib[\\/]|^</;

/** The file and line a line of a pytest traceback names, when it is a frame in the project's code. */
export function pytestFrame(line: string): { file: string; line: number } | undefined {
  const m = PYTEST_FRAME.exec(line);
  const file = m?.[1] ?? m?.[3];
  if (!file || PYTHON_LIBRARY.test(file)) return undefined;
  return { file, line: Number(m![2] ?? m![4]) };
}

/**
 * The exception a line of a pytest traceback states (`E   ModuleNotFoundError: …`), or undefined.
 * `indented`: also under code (a test's or fixture's traceback), not for a SyntaxError's quoted source.
 */
export function pytestException(line: string, indented = false): string | undefined {
  return (indented ? PYTEST_EXCEPTION_INDENTED : PYTEST_EXCEPTION).exec(line)?.[1]?.trim();
}

/**
 * A pytest traceback read whole: its first exception line, and its last frame in the project
 * (the innermost: where it was raised) or, given `file`, the last frame in that file.
 */
export function readPytestTraceback(text: string, file?: string, same?: (a: string, b: string) => boolean): { message?: string; file?: string; line?: number } {
  let message: string | undefined;
  let at: { file: string; line: number } | undefined;
  for (const line of text.split('\n')) {
    message ??= pytestException(line);
    const frame = pytestFrame(line);
    if (frame && (!file || same?.(frame.file, file))) at = frame;
  }
  return { message, ...at };
}
