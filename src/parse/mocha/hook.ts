/*
 * Mocha reports a failed hook in place of a test, titled `"before all" hook for "first test"`,
 * or `"before each" hook: setupDb for "first test"` when the hook function has a name
 * (Runner#hookErr in mocha's lib/runner.js). Every reporter — json, spec, mocha-junit-reporter —
 * writes that title.
 */

export interface MochaHook {
  /** `before all`, `before each`, `after all`, `after each`. */
  kind: string;
  /** The test the hook ran for, when the title names it. */
  test?: string;
}

const HOOK_TITLE = /^"((?:before|after) (?:all|each))" hook(?=$|:| for ")/;

/** The hook a title names, or undefined for a test's title. */
export function mochaHook(title: string): MochaHook | undefined {
  const m = HOOK_TITLE.exec(title);
  if (!m) return undefined;
  const at = title.indexOf(' for "', m[0].length);
  const test = at >= 0 && title.endsWith('"') ? title.slice(at + 6, -1) : undefined;
  return { kind: m[1]!, ...(test ? { test } : {}) };
}

/**
 * The tests a failed hook stopped, as far as its title says: a `before` hook stops the test it
 * ran for (and the rest of its describe, which no reporter names); an `after` hook ran after
 * its tests.
 */
export function hookBlocks(hook: MochaHook, suitePrefix: string): string[] {
  if (!hook.test || hook.kind.startsWith('after')) return [];
  return [suitePrefix ? `${suitePrefix} ${hook.test}` : hook.test];
}
