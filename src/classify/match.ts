import picomatch from 'picomatch';

/*
 * How the config's policy names tests and places: globs over paths and package names, and test
 * names with `*`. Classification is what asks.
 */

const compiled = new Map<string, (s: string) => boolean>();

/** Glob match over a path or a package name; Java-style dotted names match as written. */
export function globMatch(pattern: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  let match = compiled.get(pattern);
  if (!match) {
    match = picomatch(pattern, { dot: true });
    compiled.set(pattern, match);
  }
  return match(value);
}

/** Test-name match: `*` is any run of characters (names contain '/', spaces, brackets). */
export function nameMatch(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}

/** True when the test or blocker at `file`/`pkg` lies in one of the globs. */
export function inAny(patterns: readonly string[], file: string | undefined, pkg: string | undefined): boolean {
  return patterns.some((p) => globMatch(p, file) || globMatch(p, pkg));
}
