import picomatch from 'picomatch';

/*
 * How settings and the config name tests and places — globs over paths, package and artifact
 * names, and test names with `*` — matched for every stage that asks. Both run in time linear in the name matched (for a
 * given pattern): picomatch's regular expression for `**\/a/**\/b/**` took 0.8 s on a path of 4 KB
 * and was cubic in it, and `*` as `.*` was polynomial in the number of stars (issue 20).
 */

const compiled = new Map<string, (s: string) => boolean>();
/** Globs of `*`, `?`, `**` and plain characters, in segments that are not `.`, `..` nor empty: matched segment by segment, below. */
const SIMPLE_GLOB = /^[^[\]{}()!+@\\]*$/;
const SIMPLE_SEGMENTS = (s: string) => s.split('/').every((x) => x !== '' && x !== '.' && x !== '..');
/** Longest name a glob with classes, braces or extglobs (picomatch) is tried on: no path or package is longer. */
const MAX_PICOMATCH_INPUT = 4096;

/** Whether `text` matches `pattern` of literal parts between `*` (any run) and `?` (one character, when `any` says). */
function wildcard(pattern: string, text: string, one: string | undefined): boolean {
  // The classic two-pointer match: on a mismatch, the last `*` takes one more character. Time is
  // the text's length times the pattern's, and the pattern is the config's.
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && (pattern[p] === text[t] || (one !== undefined && pattern[p] === one))) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** picomatch's reading of a simple glob (dot: true), one path segment at a time; `**` is any number of segments. */
function simpleGlob(pattern: string): (value: string) => boolean {
  const parts = pattern.split('/');
  return (value) => {
    const segs = value.endsWith('/') ? value.slice(0, -1).split('/') : value.split('/');
    // reach[j]: the first `i` parts match the first `j` segments. One row per part: parts × segments.
    let reach = new Uint8Array(segs.length + 1);
    reach[0] = 1;
    parts.forEach((part, i) => {
      const next = new Uint8Array(segs.length + 1);
      if (part === '**') {
        // Any number of segments, none of them `.` or `..`; as picomatch reads it, at least one when
        // it ends the glob after a part ending in a star (`a*/**`).
        const none = i === 0 || i < parts.length - 1 || parts[i - 1] === '**' || !parts[i - 1]!.endsWith('*');
        for (let j = 0; j <= segs.length; j++) {
          const more = j > 0 && (next[j - 1]! || (!none && reach[j - 1]!)) && segs[j - 1] !== '.' && segs[j - 1] !== '..';
          next[j] = (none && reach[j]!) || more ? 1 : 0;
        }
      } else {
        // picomatch's `*.*` wants a character after the dot.
        const glob = part.startsWith('*') && part.endsWith('.*') ? `${part.slice(0, -1)}?*` : part;
        for (let j = 1; j <= segs.length; j++) {
          if (!reach[j - 1]) continue;
          const seg = segs[j - 1]!;
          // A segment of stars needs one character; no star matches `.` or `..` as a whole segment.
          if (seg === '' || ((seg === '.' || seg === '..') && glob !== seg)) continue;
          if (wildcard(glob, seg, '?')) next[j] = 1;
        }
      }
      reach = next;
    });
    return reach[segs.length] === 1;
  };
}

/** Glob match over a path or a package name; Java-style dotted names match as written. */
export function globMatch(pattern: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  let match = compiled.get(pattern);
  if (!match) {
    const regex = picomatch(pattern, { dot: true });
    // Names picomatch reads in its own way (`a//b`, `./a`, a trailing '/') are left to it, at most 4 KiB of them.
    const slow = (v: string) => v.length <= MAX_PICOMATCH_INPUT && regex(v);
    if (SIMPLE_GLOB.test(pattern) && SIMPLE_SEGMENTS(pattern) && pattern.split('/').every((p) => p === '**' || !p.includes('**'))) {
      const simple = simpleGlob(pattern);
      match = (v) => (SIMPLE_SEGMENTS(v) ? simple(v) : slow(v));
    } else match = slow;
    compiled.set(pattern, match);
  }
  return match(value);
}

/** Test-name match: `*` is any run of characters (names contain '/', spaces, brackets). */
export function nameMatch(pattern: string, name: string): boolean {
  return wildcard(pattern, name, undefined);
}

/** True when the test or blocker at `file`/`pkg` lies in one of the globs. */
export function inAny(patterns: readonly string[], file: string | undefined, pkg: string | undefined): boolean {
  return patterns.some((p) => globMatch(p, file) || globMatch(p, pkg));
}
