import path from 'node:path';
import type { Artifact, Finding } from '../model/report.js';

/*
 * Declared vs observed: a JUnit header, a runner's summary line or a `test result:` line says how
 * many tests there were; when the reports show fewer, the rest never reported a result — a suite
 * that did not load, a shard that died, a file cut short. Nothing that never ran passes as fine.
 */

function plural(n: number): string {
  return `${n} test${n === 1 ? '' : 's'}`;
}

function where(a: Artifact, d: NonNullable<Artifact['declared']>[number]): string {
  return `${path.posix.basename(a.path)}${d.line ? `:${d.line}` : ''} (${d.what})`;
}

/** Tests each file's findings already account for as never run. */
function stoppedIn(findings: readonly Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) {
    const n = new Set(f.blocks ?? []).size + (f.blockedCount ?? 0);
    // A finding two files reported (merged into one) accounts for those tests in each of them.
    if (n > 0) for (const origin of [f.origin, ...(f.alsoFrom ?? [])]) out.set(origin, (out.get(origin) ?? 0) + n);
  }
  return out;
}

/**
 * One P0 per runner (or per file, for a file no runner is known for) whose declared total is
 * more than the reports show and the findings account for; every figure it rests on is named.
 */
export function neverReported(artifacts: readonly Artifact[], findings: readonly Finding[]): Finding[] {
  const stopped = stoppedIn(findings);
  const shown = (a: Artifact) => (a.tests ?? 0) + (stopped.get(a.path) ?? 0);
  // Files that report tests rather than summarize them: what a runner-wide figure is compared with.
  const reportsOf = new Map<string, Artifact[]>();
  for (const a of artifacts) {
    if (!a.runner || a.declared?.some((d) => d.scope === 'runner')) continue;
    const list = reportsOf.get(a.runner);
    if (list) list.push(a);
    else reportsOf.set(a.runner, [a]);
  }
  const worst = new Map<string, { missing: number; said: number; seen: number; from: string; origin: string; line?: number; sources: string[] }>();
  for (const a of artifacts) {
    for (const scope of ['file', 'runner'] as const) {
      const declared = a.declared?.filter((d) => d.scope === scope) ?? [];
      if (declared.length === 0) continue;
      const said = declared.reduce((sum, d) => sum + d.total, 0);
      const against = scope === 'file' ? [a] : reportsOf.get(a.runner ?? '') ?? [];
      // A summary with no report of its runner beside it cannot be checked against anything.
      if (against.length === 0) continue;
      const seen = against.reduce((sum, r) => sum + shown(r), 0);
      const key = a.runner ?? a.path;
      const from = declared.map((d) => where(a, d)).join(', ');
      const prior = worst.get(key);
      const sources = [...new Set([...(prior?.sources ?? []), a.path, ...against.map((r) => r.path)])];
      if (said > seen && (!prior || said - seen > prior.missing)) worst.set(key, { missing: said - seen, said, seen, from, origin: a.path, line: declared[0]!.line, sources });
      else if (prior) prior.sources = sources;
    }
  }
  return [...worst.values()].map((w) => ({
    kind: 'never-reported',
    message: `${plural(w.missing)} never reported: ${w.from} says ${w.said}, the reports show ${w.seen}`,
    excerpt: `Sources: ${w.sources.join(', ')}`,
    file: w.origin,
    ...(w.line ? { line: w.line } : {}),
    tests: [],
    blockedCount: w.missing,
    origin: w.origin,
  }));
}
