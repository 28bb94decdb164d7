import type { Finding, ParseOutput, TestCase, TestStatus } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { GoBuildReader, goPackageOf } from '../logs/go.js';
import { goCrashFindings, goFailureOf } from './output.js';
import type { Parser } from '../parser.js';
import { lines, truncatedFile } from '../parser.js';
import { jsonStringsCut } from '../json-cut.js';
import { capText } from '../caps.js';

/*
 * `go test -json` streams (test2json): one event per line. Also reads what real streams mix in:
 * build-output/build-fail events (go >= 1.24), compiler errors as plain lines (older go with
 * 2>&1), reruns of the same test (gotestsum --rerun-fails), and tests cut off by a panic.
 */

interface GoEvent {
  Action?: string;
  Package?: string;
  ImportPath?: string;
  Test?: string;
  Output?: string;
  Elapsed?: number;
  FailedBuild?: string;
}

interface TestState {
  pkg: string;
  name: string;
  outcomes: ('pass' | 'fail' | 'skip')[];
  /** Output of the current attempt. */
  output: string[];
  /** Output of the last failed attempt, kept when a rerun passes. */
  failedOutput?: string[];
  elapsed?: number;
}

interface PackageState {
  output: string[];
  result?: 'pass' | 'fail' | 'skip';
  failedBuild?: string;
}

export const goTestJsonParser: Parser = {
  format: 'go-test-json',
  kind: 'tests',
  detect(head) {
    // The stream may start with a non-JSON line (compiler errors, `go: downloading`).
    return head
      .split('\n', 20)
      .some((l) => /^\s*\{.*"Action"\s*:\s*"(start|run|pause|cont|pass|fail|skip|output|bench|build-output|build-fail)"/.test(l));
  },
  async parse(source) {
    const out = emptyOutput();
    const tests = new Map<string, TestState>();
    const packages = new Map<string, PackageState>();
    const build = new GoBuildReader(source.path);
    /** The line of the stream's last event when it is not whole JSON: the stream was cut there. */
    let cut: number | undefined;
    let last = 0;
    const pkgState = (name: string) => {
      let p = packages.get(name);
      if (!p) packages.set(name, (p = { output: [] }));
      return p;
    };

    for await (const [raw, n] of lines(jsonStringsCut(source))) {
      const trimmed = raw.trim();
      if (trimmed !== '') last = n;
      if (!trimmed.startsWith('{')) {
        if (trimmed !== '') build.line(capText(raw));
        continue;
      }
      let ev: GoEvent;
      try {
        ev = JSON.parse(trimmed) as GoEvent;
        cut = undefined;
      } catch {
        out.diagnostics.push({ file: source.path, line: n, message: 'line is not valid JSON (truncated stream?); skipped' });
        cut = n;
        continue;
      }
      if (ev.Action === 'build-output' && ev.ImportPath) {
        for (const l of capText(ev.Output ?? '').split('\n')) if (l !== '') build.line(l, goPackageOf(ev.ImportPath));
        continue;
      }
      if (ev.Action === 'build-fail' && ev.ImportPath) {
        build.failedPackages.add(goPackageOf(ev.ImportPath));
        continue;
      }
      // test2json run on a test binary by hand writes no Package: such tests have none.
      const pkgName = ev.Package ?? '';
      const pkg = pkgState(pkgName);
      if (!ev.Test) {
        if (ev.Action === 'output' && ev.Output !== undefined) pkg.output.push(capText(ev.Output));
        if (ev.Action === 'pass' || ev.Action === 'fail' || ev.Action === 'skip') {
          pkg.result = ev.Action;
          if (ev.FailedBuild) pkg.failedBuild = ev.FailedBuild;
        }
        continue;
      }
      const key = `${pkgName}::${ev.Test}`;
      let t = tests.get(key);
      if (!t) tests.set(key, (t = { pkg: pkgName, name: ev.Test, outcomes: [], output: [] }));
      switch (ev.Action) {
        case 'run':
          // A second `run` is a rerun: the previous attempt's output is done with.
          if (t.outcomes.length > 0) t.output = [];
          break;
        case 'output':
          // Cut where it is read: a 200 MB output line is not kept, nor joined and split again.
          if (ev.Output !== undefined) t.output.push(capText(ev.Output));
          break;
        case 'pass':
        case 'fail':
        case 'skip':
          t.outcomes.push(ev.Action);
          if (ev.Action === 'fail') t.failedOutput = t.output;
          if (ev.Elapsed !== undefined) t.elapsed = ev.Elapsed;
          break;
      }
    }

    finish(out, tests, packages, build, source.path, cut ?? last);
    return out;
  },
};

function finish(
  out: ParseOutput,
  tests: Map<string, TestState>,
  packages: Map<string, PackageState>,
  build: GoBuildReader,
  origin: string,
  lastLine: number,
): void {
  // Build failures: compiler errors as findings, and a finding for a package said to have
  // failed to build whose errors went elsewhere (stderr of an older go).
  out.findings.push(...build.findings);
  const failedBuilds = new Set(build.failedPackages);
  for (const [name, p] of packages) if (p.failedBuild || p.output.some((o) => /\[(build|setup) failed\]/.test(o))) failedBuilds.add(name);
  out.findings.push(
    ...build.unbuilt(failedBuilds, (pkg) => `package ${pkg} failed to build or failed go vet (go test says [build failed] for both); the errors are not in this stream (pass the build log, e.g. \`go test -json ./... 2> build.log\`)`),
  );

  // go reports every package it ran, even one whose binary died: a package with tests and no
  // result is where the stream ends early, and its tests without an outcome are lost, not failed.
  const lost: string[] = [];
  const unfinished = [...packages].filter(([name, p]) => p.result === undefined && !failedBuilds.has(name)).map(([name]) => name);
  for (const t of tests.values()) {
    const pkg = packages.get(t.pkg);
    if (t.outcomes.length === 0 && pkg?.result === undefined) lost.push(t.name);
    else out.tests.push(toTestCase(t, pkg, origin));
  }
  // Each package's tests, grouped once: filtered out of all tests per package, 50k packages took 228 s (issue 20).
  const byPackage = new Map<string, TestState[]>();
  for (const t of tests.values()) {
    const own = byPackage.get(t.pkg);
    if (own) own.push(t);
    else byPackage.set(t.pkg, [t]);
  }
  const cutPackages = unfinished.filter((name) => byPackage.has(name));
  if (cutPackages.length > 0) {
    const why = `no result for ${cutPackages.join(', ')}`;
    out.findings.push({ ...truncatedFile(origin, { line: lastLine, message: why }), blocks: lost });
  }

  // Panics, timeouts, races and crashes of the test binary, from test and package output.
  for (const [name, p] of packages) {
    const pkgTests = byPackage.get(name) ?? [];
    const findings: Finding[] = goCrashFindings(name, p.output, pkgTests.map((t) => ({ name: t.name, output: t.failedOutput ?? t.output, finished: t.outcomes.length > 0 })), p.result === 'fail' && !failedBuilds.has(name), origin);
    out.findings.push(...findings);
  }
}

function toTestCase(t: TestState, pkg: PackageState | undefined, origin: string): TestCase {
  const last = t.outcomes[t.outcomes.length - 1];
  let status: TestStatus;
  if (last === 'pass') status = t.outcomes.includes('fail') ? 'flaky' : 'passed';
  else if (last === 'skip') status = 'skipped';
  else if (last === 'fail') status = 'failed';
  // No outcome: the binary died while this test ran (panic, timeout, os.Exit).
  else status = pkg?.result === 'pass' ? 'passed' : 'failed';

  const output = t.failedOutput ?? t.output;
  const failure = status === 'failed' || status === 'flaky' ? goFailureOf(output, last === undefined) : undefined;
  const skipReason = status === 'skipped' ? skipReasonOf(t.output) : undefined;
  return {
    id: t.pkg ? `${t.pkg}::${t.name}` : t.name,
    name: t.name,
    suite: t.pkg,
    package: t.pkg || undefined,
    file: failure?.file ? (t.pkg ? `${t.pkg}/${failure.file}` : failure.file) : undefined,
    line: failure?.line,
    status,
    durationMs: t.elapsed !== undefined ? Math.round(t.elapsed * 1000) : undefined,
    attempts: Math.max(1, t.outcomes.length),
    failure: failure ? { message: failure.message, details: failure.details } : undefined,
    skipReason,
    origin,
  };
}

function skipReasonOf(output: string[]): string | undefined {
  const lines = output
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^\s*(=== |--- SKIP)/.test(l));
  const first = lines[0]?.trim();
  return first ? first.replace(/^\S+\.go:\d+: /, '') : undefined;
}

