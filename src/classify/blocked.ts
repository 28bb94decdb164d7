import type { Merged } from '../merge/merge.js';
import type { FindingKind } from '../model/report.js';

/** Findings after which a package's remaining tests cannot have run. */
export const BINARY_DEATHS: ReadonlySet<FindingKind> = new Set(['compile', 'dependency', 'not-built', 'panic', 'timeout', 'crash']);

export interface BlockedTest {
  name: string;
  package: string;
  /** Tests that only a count names ("3 never reported"): `name` is empty and this many are meant. */
  count?: number;
}

/**
 * Tests the source declares that never ran because their package did not build or its test
 * binary died: an untested test is not a passed one, and pass rate counts it as not passed.
 */
export function blockedTests(merged: Merged, inventory: ReadonlyMap<string, readonly string[]>): BlockedTest[] {
  const dead = new Set(merged.findings.filter((f) => BINARY_DEATHS.has(f.kind) && f.package).map((f) => f.package!));
  // Most runs have no dead package: then no key of half a million tests needs to be built.
  if (![...dead].some((pkg) => (inventory.get(pkg) ?? []).length > 0)) return [];
  const ran = new Set<string>();
  merged.tests.forEachName((pkg, name) => ran.add(`${pkg ?? ''}::${name.split('/')[0]}`));
  const out: BlockedTest[] = [];
  for (const pkg of dead) {
    for (const name of inventory.get(pkg) ?? []) if (!ran.has(`${pkg}::${name}`)) out.push({ name, package: pkg });
  }
  return out;
}
