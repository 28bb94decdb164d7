import type { Failure, Finding, TestCase, TestStatus } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { assemblyName, classFromName, failureLocation, namespaceOf, pieceElement, plainClassName, textOf, withoutClass } from './shared.js';
import type { Parser } from '../parser.js';
import type { XmlElement } from '../xml/element.js';
import { attr, children, xmlRootName } from '../xml/element.js';
import { detach } from '../xml/detach.js';
import type { XmlPiece } from '../xml/scanner.js';
import { scanReport } from '../xml/report-scan.js';

/*
 * Visual Studio test results (`dotnet test --logger trx`, vstest.console, MSTest since VS 2010).
 * Results name a test only by display name and testId; the class comes from the test's
 * definition, which vstest writes after all results. So each result is kept in brief and joined
 * to its definition at the end.
 *
 * Outcomes (TRX has fourteen), and why:
 * - Failed → 'failed': the test ran and an assertion or exception failed it.
 * - Error, Timeout, Aborted, Disconnected, InProgress → 'errored': the test never reached a
 *   verdict of its own — the runner broke, it hit its time limit, or the run died while it ran.
 * - NotRunnable → 'errored': the test is written so it cannot run (wrong signature, no data).
 * - NotExecuted, Inconclusive, Pending → 'skipped': not run, or ran without a verdict.
 * - Passed, PassedButRunAborted, Warning, Completed → 'passed'.
 */

const STATUS: Readonly<Record<string, TestStatus>> = {
  Passed: 'passed',
  PassedButRunAborted: 'passed',
  Warning: 'passed',
  Completed: 'passed',
  Failed: 'failed',
  Error: 'errored',
  Timeout: 'errored',
  Aborted: 'errored',
  Disconnected: 'errored',
  InProgress: 'errored',
  NotRunnable: 'errored',
  NotExecuted: 'skipped',
  Inconclusive: 'skipped',
  Pending: 'skipped',
};

/** Outcomes of a test the run was executing when it died. */
const CUT_OFF = new Set(['Aborted', 'InProgress', 'Disconnected']);

/** Run outcomes that mean the run itself broke, not just that tests failed. */
const RUN_BROKE: Readonly<Record<string, 'crash' | 'timeout'>> = { Error: 'crash', Aborted: 'crash', Disconnected: 'crash', Timeout: 'timeout' };

const RESULTS = new Set(['UnitTestResult', 'TestResultAggregation']);
const CAPTURE = new Set([...RESULTS, 'UnitTest', 'ResultSummary']);

/** One result, kept small until its definition is known. */
interface Result {
  testId: string;
  name: string;
  outcome: string;
  status: TestStatus;
  durationMs?: number;
  /** Error message, or for a skipped test why it was not run. */
  message?: string;
  stack?: string;
}

interface Definition {
  className: string;
  assembly?: string;
}

interface Summary {
  outcome?: string;
  runInfos: { outcome?: string; text: string }[];
}

const FAILING = (s: TestStatus) => s === 'failed' || s === 'errored';

export const trxParser: Parser = {
  format: 'trx',
  kind: 'tests',
  detect(head) {
    return xmlRootName(head) === 'TestRun' && /TeamTest|<(?:\w+:)?(?:Results|TestDefinitions|ResultSummary)\b/.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    // Results of one test id and name, in order: more than one means the test was run again.
    const runs = new Map<string, Result[]>();
    const definitions = new Map<string, Definition>();
    let summary: Summary | undefined;
    await scanReport(source, out, {
      capture: CAPTURE,
      onPiece: (piece) => {
        if (piece.name === 'UnitTest') {
          const id = piece.attrs.id;
          if (id) definitions.set(id, definitionOf(piece));
          return;
        }
        const el = pieceElement(piece, source.path, out);
        if (!el) return;
        if (piece.name === 'ResultSummary') summary = summaryOf(el);
        else {
          for (const r of resultsOf(el)) {
            const key = `${r.testId}\u0000${r.name}`;
            const list = runs.get(key);
            if (list) list.push(r);
            else runs.set(key, [r]);
          }
        }
      },
    });
    for (const list of runs.values()) {
      const def = definitions.get(list[0]!.testId);
      // The retry extension of Microsoft.Testing.Platform runs again only the tests that failed.
      if (list.slice(0, -1).every((r) => FAILING(r.status))) out.tests.push(toTestCase(list, def, source.path));
      else for (const r of list) out.tests.push(toTestCase([r], def, source.path));
    }
    const finding = summary && runFinding(summary, [...runs.values()].flat(), source.path);
    if (finding) out.findings.push(finding);
    return out;
  },
};

/** A data-driven or ordered test's result holds one inner result per data row or step: those are the tests. */
function resultsOf(el: XmlElement, parent?: { testId: string; name: string; row: string }): Result[] {
  const testId = attr(el, 'testId') ?? parent?.testId ?? '';
  let name = attr(el, 'testName') ?? parent?.name ?? '(unnamed)';
  const inner = children(el, 'InnerResults').flatMap((i) => [...children(i, 'UnitTestResult'), ...children(i, 'TestResultAggregation')]);
  if (inner.length > 0) return inner.flatMap((r, i) => resultsOf(r, { testId, name, row: attr(r, 'dataRowInfo') ?? String(i + 1) }));
  // A data row without a display name of its own is told apart by its row number.
  if (parent && name === parent.name) name = `${name} [row ${parent.row}]`;
  const outcome = attr(el, 'outcome') ?? '';
  const status = STATUS[outcome] ?? 'errored';
  const output = children(el, 'Output')[0];
  const error = children(output, 'ErrorInfo')[0];
  const message = textOf(children(error, 'Message')[0]);
  const stack = textOf(children(error, 'StackTrace')[0]);
  const result: Result = { testId: detach(testId), name: detach(name), outcome: detach(outcome), status, durationMs: timeSpanMs(attr(el, 'duration')) };
  if (status === 'skipped') {
    // xUnit.net writes the skip reason to StdOut only; NUnit and MSTest to ErrorInfo too.
    result.message = detach(message || textOf(children(output, 'StdOut')[0])) || undefined;
  } else if (status !== 'passed') {
    // An errored test with no message still says what happened to it.
    const fallback = !STATUS[outcome] ? `unknown outcome "${outcome}"` : status === 'errored' ? `outcome ${outcome}` : '';
    result.message = detach(message || fallback) || undefined;
    result.stack = detach(stack) || undefined;
  }
  return [result];
}

/** `d.hh:mm:ss.fffffff` (a .NET TimeSpan) in milliseconds. */
function timeSpanMs(raw: string | undefined): number | undefined {
  const m = raw ? /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(raw.trim()) : null;
  if (!m) return undefined;
  const [, days, hours, minutes, seconds] = m;
  return Math.round((((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000);
}

// Attribute values may hold '>', so the tag is matched honouring quotes.
const TEST_METHOD = /<(?:[\w.-]+:)?TestMethod\b(?:[^>"']|"[^"]*"|'[^']*')*>/;

/** Only the <TestMethod> tag of a definition matters: a regular expression is enough, and fast. */
function definitionOf(piece: XmlPiece): Definition {
  const tag = TEST_METHOD.exec(piece.xml)?.[0];
  const method = tag ? piece.names.parseAttributes(tag) : {};
  return { className: detach(plainClassName(method.className ?? '')), assembly: assemblyName(method.codeBase ?? piece.attrs.storage) };
}

function summaryOf(el: XmlElement): Summary {
  const infos = children(children(el, 'RunInfos')[0], 'RunInfo');
  return { outcome: attr(el, 'outcome'), runInfos: infos.map((i) => ({ outcome: attr(i, 'outcome'), text: textOf(children(i, 'Text')[0]) })) };
}

function toTestCase(runs: Result[], def: Definition | undefined, origin: string): TestCase {
  const last = runs[runs.length - 1]!;
  const failedRun = [...runs].reverse().find((r) => FAILING(r.status));
  const status: TestStatus = runs.length > 1 && last.status === 'passed' ? 'flaky' : last.status;
  const className = def?.className || (classFromName(last.name) ?? '');
  const name = withoutClass(last.name, className);
  const scope = className || def?.assembly || '';
  const failure: Failure | undefined =
    failedRun && status !== 'skipped' && (failedRun.message || failedRun.stack) ? { message: failedRun.message ?? '', details: failedRun.stack } : undefined;
  const location = failureLocation(failure?.details, className);
  const durations = runs.map((r) => r.durationMs).filter((d) => d !== undefined);
  return {
    id: `${scope}::${name}`,
    name,
    suite: scope,
    package: namespaceOf(className) ?? def?.assembly,
    file: location?.file,
    line: location?.line,
    status,
    durationMs: durations.length > 0 ? durations.reduce((a, b) => a + b, 0) : undefined,
    attempts: runs.length,
    failure,
    skipReason: status === 'skipped' ? last.message : undefined,
    origin,
  };
}

/**
 * A run that broke (test host crash, run timeout) says so in its summary outcome and RunInfos;
 * a run with no results at all says why there (no test adapter found). RunInfos of a run that
 * merely had failing tests repeat those failures and are left out.
 */
function runFinding(summary: Summary, results: Result[], origin: string): Finding | undefined {
  const texts = summary.runInfos.map((i) => i.text).filter(Boolean);
  const kind = RUN_BROKE[summary.outcome ?? ''];
  if (kind) {
    const errors = summary.runInfos.filter((i) => i.outcome === 'Error' && i.text).map((i) => i.text);
    return {
      kind,
      message: errors[0] ?? `test run ended with outcome ${summary.outcome}`,
      excerpt: texts.join('\n') || undefined,
      tests: results.filter((r) => CUT_OFF.has(r.outcome)).map((r) => r.name),
      origin,
    };
  }
  if (results.length === 0 && texts.length > 0) return { kind: 'collection', message: texts[0]!, excerpt: texts.join('\n'), tests: [], origin };
  return undefined;
}
