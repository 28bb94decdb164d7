/*
 * Java stack frames (`at com.acme.FooTest.testX(FooTest.java:23)`) name a class and a file name
 * only: the file lives at the class's package path under some source root. The path given here
 * is that package path (`com/acme/FooTest.java`); the merge stage finds it among the
 * repository's files (text/paths.ts, by suffix).
 */

// `at [module@version/ | app//]pkg.Class.method(File.java:23)`; lines are capped so the scan stays linear.
const FRAME = /^\s*at (?:[\w.$-]{1,200}(?:@[\w.+-]{1,50})?\/{1,2})?([\w$]{1,200}(?:\.[\w$]{1,200}){0,50})\.[\w$<>]{1,200}\(([\w$-]{1,200}\.(?:java|kt|groovy|scala)):(\d{1,7})\)/;
const RUNTIME = /^(?:java|javax|jdk|sun|com\.sun|kotlin|scala|groovy|org\.junit|junit|org\.apache\.tools\.ant|org\.apache\.maven|org\.gradle|org\.hamcrest|org\.assertj|org\.opentest4j)\./;

export interface JavaFrame {
  /** The source file as its package path: `com/acme/FooTest.java`. */
  file: string;
  line: number;
  /** The frame's class, without any `$Inner` part. */
  className: string;
}

/**
 * The package path of a class's source file, given the file name a frame states. `$…` is cut with
 * `s`: without it, a '.' that stops at a line break made every '$' scan to it (issue 20).
 */
export function sourcePathOf(className: string, fileName: string): string {
  const outer = className.replace(/\$.*$/s, '');
  const dot = outer.lastIndexOf('.');
  return dot < 0 ? fileName : `${outer.slice(0, dot).replace(/\./g, '/')}/${fileName}`;
}

/**
 * The frame of a Java stack trace where the user's code failed: the first in `preferClass` (the
 * test class), else the first outside the JDK and the test frameworks.
 */
export function javaFrame(details: string, preferClass?: string): JavaFrame | undefined {
  let first: JavaFrame | undefined;
  for (const raw of details.split('\n')) {
    const m = FRAME.exec(raw.length > 2000 ? raw.slice(0, 2000) : raw);
    if (!m) continue;
    const className = m[1]!.replace(/\$.*$/s, '');
    if (RUNTIME.test(className)) continue;
    const frame = { file: sourcePathOf(m[1]!, m[2]!), line: Number(m[3]), className };
    if (!preferClass || className === preferClass.replace(/\$.*$/s, '')) return frame;
    first ??= frame;
  }
  return first;
}
