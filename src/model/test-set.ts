import type { ParseOutput, PassedTests, TestCase, TestStatus } from './report.js';

/*
 * Most of a big report is passing tests with nothing to say, which a parser may keep as ids in
 * groups (PassedTests) rather than an object each. This module is the one that knows: the rest
 * of the pipeline reads tests through it, and never sees a group.
 */

/** Makes room in `group` for one more test, at `line` if it has one; returns where its id goes in `group.ids`. */
export function addPassed(group: PassedTests, line: number | undefined): number {
  if (line !== undefined && line > 0) (group.lines ??= group.ids.map(() => 0))[group.ids.length] = Math.trunc(line);
  else group.lines?.push(0);
  return group.ids.push('') - 1;
}

/** The tests of a group, one object each, as a parser would have listed them. */
export function passedTests(group: PassedTests): TestCase[] {
  return group.ids.map((id, i) => {
    const line = group.lines?.[i];
    return { id, name: id.slice(group.nameAt), suite: group.suite, package: group.package, file: group.file, line: line || undefined, status: 'passed', attempts: 1, origin: group.origin };
  });
}

/** `tests` with each group's tests, as `make` makes them, where the file lists them. */
export function inFileOrder<T>(tests: readonly T[], groups: readonly PassedTests[], make: (group: PassedTests) => T[]): T[] {
  const all: T[] = [];
  let next = 0;
  for (const group of groups) {
    while (next < group.at) all.push(tests[next++]!);
    for (const test of make(group)) all.push(test);
  }
  while (next < tests.length) all.push(tests[next++]!);
  return all;
}

/** Every test of a parse, one object each, in the order the file lists them. */
export function allTests(output: ParseOutput): TestCase[] {
  return output.passed ? inFileOrder(output.tests, output.passed, passedTests) : output.tests;
}

/** How many tests a parse holds. */
export function testCount(output: ParseOutput): number {
  return output.tests.length + (output.passed ?? []).reduce((n, g) => n + g.ids.length, 0);
}

/** The tests of a run: each one an object of its own (`T`) or, passing, one id in a group (`G`). */
export class TestSet<T extends TestCase = TestCase, G extends PassedTests = PassedTests> {
  constructor(
    private readonly tests: readonly T[],
    private readonly groups: readonly G[],
  ) {}

  /** Hands `add` each test, and each group with how many passing tests it holds: what counts by status are made of. */
  tally(add: (status: TestStatus, count: number, where: T | G) => void): void {
    for (const t of this.tests) add(t.status, 1, t);
    for (const g of this.groups) add('passed', g.ids.length, g);
  }

  /** Each test's package and name. */
  forEachName(visit: (pkg: string | undefined, name: string) => void): void {
    for (const t of this.tests) visit(t.package, t.name);
    for (const g of this.groups) for (const id of g.ids) visit(g.package, id.slice(g.nameAt));
  }

  /** Test ids by `key` of where they are, the grouped tests' first. */
  idsBy(key: (where: T | G) => string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const idsOf = (where: T | G) => {
      const k = key(where);
      let ids = out.get(k);
      if (!ids) out.set(k, (ids = []));
      return ids;
    };
    for (const g of this.groups) {
      const ids = idsOf(g);
      for (const id of g.ids) ids.push(id);
    }
    for (const t of this.tests) idsOf(t).push(t.id);
    return out;
  }

  /** Whether a test or a group is `what`. */
  some(what: (where: T | G) => boolean): boolean {
    return this.tests.some(what) || this.groups.some(what);
  }

  /** The tests that did not pass, in order: none of them is in a group. */
  notPassed(): T[] {
    return this.tests.filter((t) => t.status !== 'passed');
  }
}
