import type { Merged, MergedTest } from '../merge/merge.js';
import type { Blocker, Finding, FindingKind, Location, Priority } from '../model/report.js';
import type { Quarantine } from '../settings/policy.js';
import type { Policy } from '../settings/table.js';
import type { BlockedTest } from './blocked.js';
import { globMatch, nameMatch } from '../text/match.js';
import { subsystemFor } from './subsystems.js';
import type { Layout } from '../model/layout.js';
import { stripAnsi } from '../text/ansi.js';
import { raisingFrame, topFrame } from '../text/frames.js';
import { fingerprint, normalizeMessage, stableText } from './fingerprint.js';
import { compareText } from '../text/order.js';

/*
 * The default rules of DESIGN.md: what stopped tests from telling us anything is P0, a failure
 * is P1, environment skips are P2, flaky tests and other skips are P3. Every blocker says which
 * rule placed it.
 */

export const RULES = {
  compile: 'P0: the package does not build, so none of its tests ran — every test in it is blocked.',
  dependency: 'P0: dependencies could not be resolved, so the package does not build and none of its tests ran.',
  race: 'P0: the race detector found concurrent unsynchronized access; results of the whole package are unreliable.',
  panic: 'P0: a panic killed the test binary; the tests after it in the package never ran.',
  timeout: 'P0: the test binary hit its time limit and was killed; the tests after it never ran.',
  crash: 'P0: the test binary failed outside any single test (crash, TestMain or setup failure).',
  collection: 'P0: a test file or suite could not be loaded, so its tests never ran.',
  'missing-artifact': 'P0: a required report is missing, so part of the run cannot be judged.',
  hook: 'P0: a setup or teardown hook failed, so the tests it serves never ran (or ran without their setup).',
  'not-built': 'P0: a test executable did not build or could not be found, so none of its tests ran.',
  'never-reported': 'P0: a runner said there were more tests than any report shows; the ones missing never reported a result.',
  truncated: 'P0: a report ends early, or was not read to its end, so every test after that point is lost; the file cannot be judged.',
  vet: 'P2: a static check (go vet) found a likely bug; the code builds (under go test, a vet failure also stops its package: that is its own P0).',
  'skipped-environment': 'P2: tests were skipped because a service, secret or tool was missing — untested is not passed.',
  failure: 'P1: a test failed, and with no baseline to show it failed before, it counts as caused by this change.',
  flaky: 'P3: the test failed, then passed on a retry — flaky, not a regression.',
  skipped: 'P3: tests were skipped; not a failure, but not evidence either.',
} as const;

const FINDING_PRIORITY: Record<FindingKind, Priority> = {
  compile: 'P0',
  dependency: 'P0',
  race: 'P0',
  panic: 'P0',
  timeout: 'P0',
  crash: 'P0',
  collection: 'P0',
  'missing-artifact': 'P0',
  hook: 'P0',
  'not-built': 'P0',
  'never-reported': 'P0',
  truncated: 'P0',
  vet: 'P2',
  'skipped-environment': 'P2',
};

const ENVIRONMENT_SKIP =
  /\b(env(ironment)?( var(iable)?)?|secret|token|credential|api[ _-]?key|docker|database|postgres|mysql|redis|kafka|network|service|server|not installed|not available|unavailable|not set|not configured|no such host|needs?|requires?|missing)\b/i;

const PRIORITY_ORDER: Record<Priority, number> = { P0: 0, P1: 1, P2: 2, P3: 3 };

function oneLine(text: string): string {
  return stripAnsi(text).replace(/\s+/g, ' ').trim();
}

/**
 * Ends a cut title. Not "see below": a skip's reason is nowhere else in the report, a blocker
 * may have no details, and a collapsed one shows only its title.
 */
const CUT = '… (truncated)';

/** `text` on one line in at most `max` characters, saying so when it had to be cut. */
function short(text: string, max = 160): string {
  const one = oneLine(text);
  if (one.length <= max) return one;
  // Not between the halves of a surrogate pair.
  const keep = /[\uD800-\uDBFF]/.test(one[max - CUT.length - 1] ?? '') ? max - CUT.length - 1 : max - CUT.length;
  return `${one.slice(0, keep).trimEnd()}${CUT}`;
}

function location(file: string | undefined, line?: number, column?: number, test?: string, message?: string): Location[] {
  if (!file) return [];
  return [{ file, ...(line ? { line } : {}), ...(column ? { column } : {}), ...(test ? { test } : {}), ...(message ? { message } : {}) }];
}

function findingBlockers(findings: Finding[]): Blocker[] {
  const out: Blocker[] = [];
  // Build failures: one blocker per package, listing every error with its file:line.
  const builds = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.kind !== 'compile' && f.kind !== 'dependency') continue;
    const key = `${f.package ?? f.file ?? f.origin}`;
    const group = builds.get(key);
    if (group) group.push(f);
    else builds.set(key, [f]);
  }
  // A package go test did not build may have failed go vet instead (another file says which).
  const stoppedOtherwise = new Set(findings.filter((f) => f.kind === 'not-built' && f.package).map((f) => f.package!));
  const vetted = new Map(findings.filter((f) => f.kind === 'vet' && f.package).map((f) => [f.package!, f]));
  for (const [key, all] of builds) {
    // Another file (the build log) may say why a package failed to build where this one could not.
    const explained = all.filter((f) => !f.unexplained);
    const pkg = all[0]!.package;
    if (explained.length === 0 && pkg !== undefined && (stoppedOtherwise.has(pkg) || vetted.has(pkg))) {
      if (!stoppedOtherwise.has(pkg)) out.push(vetStopped(pkg, vetted.get(pkg)!, all));
      continue;
    }
    const group = explained.length > 0 ? explained : all;
    const kind: FindingKind = group.some((f) => f.kind === 'dependency') ? 'dependency' : 'compile';
    const first = group.find((f) => f.file) ?? group[0]!;
    const errors = group.length;
    const what = group[0]!.package ?? key;
    out.push({
      id: fingerprint(kind, what),
      priority: 'P0',
      category: kind,
      title: `${what} does not build: ${short(first.message, 120)}${errors > 1 ? ` (+${errors - 1} more error${errors > 2 ? 's' : ''})` : ''}`,
      rule: RULES[kind],
      package: group[0]!.package,
      file: first.file,
      line: first.line,
      message: first.message,
      details: group.map((f) => f.excerpt ?? f.message).join('\n'),
      tests: [...new Set(group.flatMap((f) => f.tests))],
      locations: group.flatMap((f) => location(f.file, f.line, f.column, undefined, f.message)),
      sources: [...new Set(group.map((f) => f.origin))],
      blocked: [],
    });
  }
  for (const f of findings) {
    if (f.kind === 'compile' || f.kind === 'dependency') continue;
    const frame = f.kind === 'race' || f.kind === 'panic' ? normalizeMessage(f.message) : normalizeMessage(f.message).slice(0, 120);
    out.push({
      // What failed to load or set up is a file: the same error read from a report and a log is one blocker.
      id: fingerprint(f.kind, BY_FILE.has(f.kind) ? (f.file ?? f.package) : f.package, frame),
      priority: FINDING_PRIORITY[f.kind],
      category: f.kind,
      title: findingTitle(f),
      rule: RULES[f.kind],
      package: f.package,
      file: f.file,
      line: f.line,
      message: f.message,
      details: f.excerpt,
      tests: f.tests,
      locations: location(f.file, f.line, f.column, f.tests[0], f.message),
      sources: [f.origin, ...(f.alsoFrom ?? [])],
      blocked: [...new Set(f.blocks ?? [])],
      ...(f.blockedCount ? { blockedUnnamed: f.blockedCount } : {}),
    });
  }
  return out;
}

const BY_FILE: ReadonlySet<FindingKind> = new Set(['collection', 'hook', 'not-built']);

/** A package whose tests go test never ran because go vet failed: not a build failure, still a P0. */
function vetStopped(pkg: string, vet: Finding, said: Finding[]): Blocker {
  return {
    id: fingerprint('not-built', pkg),
    priority: 'P0',
    category: 'not-built',
    title: `Test executable not built in ${pkg}: go vet failed (${short(vet.message, 100)}), so go test ran none of its tests`,
    rule: RULES['not-built'],
    package: pkg,
    file: vet.file,
    line: vet.line,
    message: vet.message,
    tests: [],
    locations: location(vet.file, vet.line, vet.column, undefined, vet.message),
    sources: [...new Set([vet.origin, ...said.map((f) => f.origin)])],
    blocked: [],
  };
}

/** A hook's title counts the tests it stopped: made again once the blocker has all of them (`unique`). */
function hookTitle(file: string | undefined, pkg: string | undefined, stopped: number, message: string): string {
  const where = file ? ` in ${file}` : pkg ? ` in ${pkg}` : '';
  return `Hook failed${where}${stopped ? ` (${stopped} test${stopped === 1 ? '' : 's'} never ran)` : ''}: ${short(message, 140)}`;
}

function findingTitle(f: Finding): string {
  const where = f.package ? ` in ${f.package}` : '';
  switch (f.kind) {
    case 'race':
      return `Data race${where}: ${short(f.message.replace(/^data race: /, ''), 140)}`;
    case 'panic':
      return `Panic${f.tests.length ? ` in ${f.tests.join(', ')}` : where}: ${short(f.message.replace(/^panic: /, ''), 140)}`;
    case 'timeout':
      return `Timeout${where}: ${short(f.message, 140)}`;
    case 'crash':
      return `Test binary failed${where}: ${short(f.message, 140)}`;
    case 'collection':
      return `Could not load tests${f.file ? ` in ${f.file}` : where}: ${short(f.message, 140)}`;
    case 'hook':
      return hookTitle(f.file, f.package, new Set(f.blocks ?? []).size, f.message);
    case 'not-built':
      return `Test executable not built${where}: ${short(f.message, 140)}`;
    case 'never-reported':
    case 'truncated':
      return short(f.message, 160);
    case 'vet':
      return `go vet${where}: ${short(f.message, 140)}`;
    default:
      return short(f.message, 160);
  }
}

/**
 * Go reports a parent test as failed when a subtest fails; the subtest is the one to show. The
 * parents are every `a/b` in front of a `/` of a failing id: one pass, not failing × failing.
 */
function parentsOfFailing(failing: MergedTest[]): Set<string> {
  const parents = new Set<string>();
  for (const t of failing) {
    for (let slash = t.id.indexOf('/'); slash >= 0; slash = t.id.indexOf('/', slash + 1)) parents.add(t.id.slice(0, slash));
  }
  return parents;
}

/*
 * A message that names no value: a matcher's text (`expect(received).toBe(expected)`), a bare
 * exception name, a heading that ends in a colon. Two failures with such a message share nothing
 * shown until the values that follow it are compared too.
 */
const GENERIC = /^(?:expect\(|(?:assertion ?error|assertion failed|error|failed|failure|assert)\b[^'"\d]{0,80}$|[^'"\d]{0,200}:$)/i;

// The lines of a failure's details that state what was compared: jest, node:assert, Rust, Python, Go, GoogleTest.
// One run of blanks on each side of the sign: `\s*[-+]?\s*` split a line of spaces every way (issue 20).
const VALUE_LINE = /^\s*(?:[-+]\s*)?(?:expected|received|actual|which is|left|right|value of|got|want|to be|to equal|but was)\b/i;

/** The values a failure compared, from its details: at most ten lines, each without what changes from run to run. */
function comparedValues(details: string | undefined): string {
  if (!details) return '';
  const values: string[] = [];
  for (const line of details.split('\n', 200)) {
    if (VALUE_LINE.test(line)) values.push(stableText(line.slice(0, 500)));
    if (values.length === 10) break;
  }
  return values.join('\n');
}

/**
 * Failures share a blocker only when the evidence shows one cause: the same message with the same
 * values (a generic message counts only with the values after it), raised from the same frame.
 */
function clusterKey(t: MergedTest): string {
  const message = stableText((t.failure?.message ?? '').slice(0, 2000));
  const values = GENERIC.test(message) || message === '' ? comparedValues(t.failure?.details) : '';
  // No message and no value: nothing says two such failures share a cause.
  if ((message === '' || GENERIC.test(message)) && values === '') return `test\u0000${t.id}`;
  const frame = topFrame(t.failure?.details);
  return `${t.status === 'errored' ? 'error' : 'failure'}\u0000${message}\u0000${values}\u0000${frame ?? t.failure?.type ?? ''}`;
}

const MAX_DETAILS = 50;

/** Every test's details, once each (up to MAX_DETAILS): tests of one cluster may have been reached by different paths. */
function clusterDetails(tests: MergedTest[]): string | undefined {
  const distinct = new Map<string, string[]>();
  for (const t of tests) {
    const details = t.failure?.details;
    if (!details) continue;
    const names = distinct.get(details);
    if (names) names.push(t.name);
    else distinct.set(details, [t.name]);
  }
  if (distinct.size <= 1) return tests[0]!.failure?.details ?? [...distinct.keys()][0];
  const shown = [...distinct].slice(0, MAX_DETAILS);
  const rest = distinct.size - shown.length;
  return [...shown.map(([details, names]) => `── ${names.join(', ')} ──\n${details}`), ...(rest > 0 ? [`── ${rest} more different details: see each test in its report ──`] : [])].join('\n');
}

/**
 * Clusters raised at one place in the user's code (a helper every failing test calls) are one
 * cause shown in the evidence too, whatever their messages: they are joined, the first key kept.
 */
function joinByRaisingFrame(clusters: Map<string, MergedTest[]>): Map<string, MergedTest[]> {
  const into = new Map<string, string>();
  const owner = new Map<string, string>();
  const root = (key: string): string => {
    let k = key;
    while (into.has(k)) k = into.get(k)!;
    return k;
  };
  for (const [key, group] of clusters) {
    for (const t of group) {
      const frame = raisingFrame(t.failure?.details);
      if (!frame) continue;
      const seen = owner.get(frame);
      if (seen === undefined) owner.set(frame, key);
      else if (root(seen) !== root(key)) into.set(root(key), root(seen));
    }
  }
  if (into.size === 0) return clusters;
  const joined = new Map<string, MergedTest[]>();
  for (const [key, group] of clusters) {
    const r = root(key);
    const list = joined.get(r);
    if (list) list.push(...group);
    else joined.set(r, [...group]);
  }
  return joined;
}

function testBlocker(priority: Priority, category: string, rule: string, tests: MergedTest[], idParts: string[], title: string): Blocker {
  const first = tests[0]!;
  return {
    id: fingerprint(category, ...idParts),
    priority,
    category,
    title,
    rule,
    package: first.package,
    file: first.file,
    line: first.line,
    message: first.failure?.message || undefined,
    details: clusterDetails(tests),
    tests: [...new Set(tests.map((t) => t.name))],
    locations: tests.flatMap((t) => location(t.file, t.line, undefined, t.name, t.failure?.message)),
    sources: [...new Set(tests.flatMap((t) => t.origins ?? [t.origin]))],
    blocked: [],
    ...(tests.some((t) => t.leg) ? { legs: [...new Set(tests.flatMap((t) => (t.leg ? [t.leg] : [])))].sort() } : {}),
  };
}

/** The quarantine entry that covers a test, and whether it still holds on `today` (YYYY-MM-DD). */
function quarantineOf(t: MergedTest, policy: Policy, today: string): { entry: Quarantine; index: number; active: boolean } | undefined {
  const index = policy.quarantine.findIndex((q) => nameMatch(q.test, t.name) && (!q.package || globMatch(q.package, t.package) || globMatch(q.package, t.file)));
  if (index < 0) return undefined;
  const entry = policy.quarantine[index]!;
  return { entry, index, active: !entry.until || today <= entry.until };
}

function testBlockers(notPassed: MergedTest[], findings: Finding[], policy: Policy, today: string): Blocker[] {
  const out: Blocker[] = [];
  const quarantined = new Map<number, { entry: Quarantine; tests: MergedTest[] }>();
  const expired = new Map<string, Quarantine>();
  // Tests a P0 already accounts for (the test that panicked or timed out) are not listed twice.
  const covered = new Set(findings.filter((f) => FINDING_PRIORITY[f.kind] === 'P0').flatMap((f) => f.tests.map((t) => `${f.package ?? ''}::${t}`)));
  const failing: MergedTest[] = [];
  const flaky: MergedTest[] = [];
  const skipped: MergedTest[] = [];
  for (const t of notPassed) {
    if (t.status === 'failed' || t.status === 'errored') failing.push(t);
    else if (t.status === 'flaky') flaky.push(t);
    else if (t.status === 'skipped') skipped.push(t);
  }
  const parents = parentsOfFailing(failing);

  const clusters = new Map<string, MergedTest[]>();
  for (const t of failing) {
    if (covered.has(`${t.package ?? ''}::${t.name}`) || parents.has(t.id)) continue;
    const q = quarantineOf(t, policy, today);
    if (q?.active) {
      const group = quarantined.get(q.index) ?? { entry: q.entry, tests: [] };
      group.tests.push(t);
      quarantined.set(q.index, group);
      continue;
    }
    if (q) expired.set(t.id, q.entry);
    const key = clusterKey(t);
    const cluster = clusters.get(key);
    if (cluster) cluster.push(t);
    else clusters.set(key, [t]);
  }
  for (const [key, group] of joinByRaisingFrame(clusters)) {
    const first = group[0]!;
    const message = short(first.failure?.message || (first.status === 'errored' ? 'errored' : 'failed'), 140);
    const raised = group.some((t) => t.failure?.message !== first.failure?.message) ? raisingFrame(first.failure?.details) : undefined;
    const title =
      group.length === 1
        ? `${first.name} ${first.status === 'errored' ? 'errored' : 'failed'}: ${message}`
        : raised
          ? `${group.length} tests fail at ${raised.replace(/^.*\//, '')}: ${message}`
          : `${group.length} tests fail with: ${message}`;
    const idParts = key.startsWith('test\u0000') ? [first.id] : [key];
    const lapsed = group.map((t) => expired.get(t.id)).find(Boolean);
    const rule = lapsed ? `${RULES.failure} Its quarantine ("${lapsed.reason}") expired on ${lapsed.until}.` : RULES.failure;
    out.push(testBlocker('P1', first.status === 'errored' ? 'test-error' : 'test-failure', rule, group, idParts, title));
  }
  for (const { entry, tests: group } of quarantined.values()) {
    const rule = `P3: quarantined in the config — ${entry.reason}${entry.until ? ` (until ${entry.until})` : ''}.`;
    const title = `${group.length === 1 ? `${group[0]!.name} fails` : `${group.length} tests fail`} (quarantined): ${short(group[0]!.failure?.message ?? '', 120)}`;
    out.push(testBlocker('P3', 'quarantined', rule, group, [entry.test, entry.package ?? ''], title));
  }

  for (const t of flaky) {
    out.push(testBlocker('P3', 'flaky', RULES.flaky, [t], [t.id], `${t.name} is flaky (passed after ${t.attempts - 1} failed attempt${t.attempts > 2 ? 's' : ''})`));
  }

  const skips = new Map<string, MergedTest[]>();
  for (const t of skipped) {
    // Grouped by the first 139 characters, as when a cut ended in a bare '…': ids and priorities stay as they were.
    const one = oneLine(t.skipReason ?? '');
    const key = one.length > 140 ? `${one.slice(0, 139)}…` : one;
    const group = skips.get(key);
    if (group) group.push(t);
    else skips.set(key, [t]);
  }
  for (const [key, group] of skips) {
    const environment = key !== '' && ENVIRONMENT_SKIP.test(key);
    const reason = short(group[0]!.skipReason ?? '', 140);
    const count = `${group.length} test${group.length === 1 ? '' : 's'} skipped`;
    out.push(
      testBlocker(
        environment ? 'P2' : 'P3',
        environment ? 'skipped-environment' : 'skipped',
        environment ? RULES['skipped-environment'] : RULES.skipped,
        group,
        [normalizeMessage(key)],
        reason ? `${count}: ${reason}` : `${count} (no reason given)`,
      ),
    );
  }
  return out;
}

/** Two blockers with one fingerprint are one root cause: keep one, listing everything both list. */
function unique(blockers: Blocker[]): Blocker[] {
  const byId = new Map<string, Blocker>();
  for (const b of blockers) {
    const seen = byId.get(b.id);
    if (!seen) byId.set(b.id, b);
    else {
      seen.tests = [...new Set([...seen.tests, ...b.tests])];
      seen.locations.push(...b.locations);
      seen.sources = [...new Set([...seen.sources, ...b.sources])];
      seen.blocked = [...new Set([...seen.blocked, ...b.blocked])];
      if (seen.category === 'hook') seen.title = hookTitle(seen.file, seen.package, seen.blocked.length, seen.message ?? '');
      if (b.blockedUnnamed) seen.blockedUnnamed = Math.max(seen.blockedUnnamed ?? 0, b.blockedUnnamed);
      if (b.legs) seen.legs = [...new Set([...(seen.legs ?? []), ...b.legs])].sort();
    }
  }
  return [...byId.values()];
}

const FAILURE_CATEGORIES = new Set(['test-failure', 'test-error']);

/** Critical paths raise failures to P0; then the first matching config rule has the last word. */
const messagePatterns = new Map<string, RegExp>();
/** A rule's message pattern, compiled once for all blockers. */
function messagePattern(source: string): RegExp {
  let re = messagePatterns.get(source);
  if (!re) messagePatterns.set(source, (re = new RegExp(source)));
  return re;
}

function applyPolicy(b: Blocker, policy: Policy): void {
  if (FAILURE_CATEGORIES.has(b.category)) {
    const files = [b.file, ...b.locations.map((l) => l.file)];
    const hit = policy.critical.find((p) => files.some((f) => globMatch(p, f)) || globMatch(p, b.package) || globMatch(p, b.subsystem));
    if (hit) {
      b.priority = 'P0';
      b.rule = `P0: a test failed in a critical path (${hit}); any failure there blocks the release.`;
    }
  }
  const index = policy.rules.findIndex(
    (r) =>
      (!r.category || r.category === b.category) &&
      (!r.package || globMatch(r.package, b.package) || globMatch(r.package, b.subsystem)) &&
      (!r.test || b.tests.some((t) => nameMatch(r.test!, t))) &&
      // The first 1 KiB only: config checks refuse exponential patterns, this bounds polynomial ones (issue 20).
      (!r.message || messagePattern(r.message).test((b.message ?? b.title).slice(0, 1024))),
  );
  if (index >= 0) {
    const r = policy.rules[index]!;
    b.priority = r.priority;
    b.rule = `${r.priority}: ${r.reason} (config rule ${index + 1}).`;
  }
}

/** Each blocked test goes to the blocker that killed its package: the build failure first, else the first crash. */
function assignBlocked(blockers: Blocker[], blocked: BlockedTest[]): void {
  if (blocked.length === 0) return;
  const order = ['compile', 'dependency', 'not-built', 'panic', 'timeout', 'crash'];
  // The owner per package, found once: earliest category in `order`, then earliest blocker.
  const owners = new Map<string | undefined, Blocker>();
  for (const b of blockers) {
    if (!order.includes(b.category)) continue;
    const seen = owners.get(b.package);
    if (!seen || order.indexOf(b.category) < order.indexOf(seen.category)) owners.set(b.package, b);
  }
  for (const t of blocked) owners.get(t.package)?.blocked.push(t.name);
}

export function classify(merged: Merged, policy: Policy, now: Date, blocked: BlockedTest[] = [], layout?: Layout): Blocker[] {
  const today = now.toISOString().slice(0, 10);
  const blockers = unique([...findingBlockers(merged.findings), ...testBlockers(merged.tests.notPassed(), merged.findings, policy, today)]);
  assignBlocked(blockers, blocked);
  for (const b of blockers) {
    b.subsystem = subsystemFor(b.package, b.file, policy, layout);
    applyPolicy(b, policy);
  }
  return blockers.sort(
    // Most pairs share their category: equal text needs no collation.
    (a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || (a.category === b.category ? 0 : compareText(a.category, b.category)) || compareText(a.title, b.title),
  );
}
