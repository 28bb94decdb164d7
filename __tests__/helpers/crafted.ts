import { ATTACKS } from '../../bench/attacks.mjs';
import { carrier } from '../../bench/carriers.mjs';

/** name → one line of about `size` characters, for each of the crafted lines of bench/attacks.mjs. */
export function craftedLines(size: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(ATTACKS).map(([name, [prefix, unit, suffix]]) => [name, prefix + unit.repeat(Math.max(1, Math.ceil((size - prefix.length) / unit.length))) + suffix]),
  );
}

/** The document of a parser's format around a line: one list for the tests and the benchmark. */
export { carrier };
