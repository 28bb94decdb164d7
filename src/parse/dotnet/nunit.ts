import type { Failure, Finding, TestCase, TestStatus } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { classFromName, failureLocation, millis, namespaceOf, pieceElement, textOf, withoutClass } from './shared.js';
import type { Parser } from '../parser.js';
import type { XmlElement } from '../xml/element.js';
import { attr, children, numberAttr, xmlRootName } from '../xml/element.js';
import type { XmlOpen } from '../xml/scanner.js';
import { detach } from '../xml/detach.js';
import { scanReport } from '../xml/report-scan.js';

/*
 * NUnit result XML: NUnit 3 (`test-run`, or a bare `test-suite` as Unity writes) and NUnit 2
 * (`test-results`). One reader serves both: they share elements and differ in attribute values.
 *
 * Statuses, and why:
 * - NUnit 3 Failed with label Error, Cancelled, Invalid or a timeout label, NUnit 2 Error,
 *   Cancelled and NotRunnable → 'errored': an exception that is not an assertion (NUnit's own
 *   split, as JUnit's error vs failure), a cancelled run, a time limit, or a test written so it
 *   cannot run (no public method, no arguments, no usable constructor).
 * - Other Failed, NUnit 2 Failure → 'failed'.
 * - Skipped, Ignored, Inconclusive, and NUnit 2 `executed="False"` → 'skipped'.
 * - Passed, Success, and Warning (passed with a warning; not a failure to NUnit) → 'passed'.
 */

const CAPTURE = new Set(['test-case', 'failure', 'reason']);

const ERROR_LABEL = /^(?:Error|Cancelled|Invalid)$|^Test exceeded Timeout/i;

/** Messages NUnit puts on every suite above a failed test: not news. */
const ROLL_UP = /^(?:|One or more child tests had (?:errors|warnings)|Child test failed)$/;

/** Suites that stand for one method, not a class. */
const METHOD_SUITE = new Set(['ParameterizedTest', 'ParameterizedMethod', 'Theory', 'GenericMethod']);

export const nunitParser: Parser = {
  format: 'nunit-xml',
  kind: 'tests',
  detect(head) {
    const root = xmlRootName(head);
    if (root === 'test-run' || root === 'test-results') return true;
    // A bare test-suite root (Unity, nunit-console --result fragments) with NUnit's attributes.
    return root === 'test-suite' && /<test-suite\b[^>]*\b(?:testcasecount|runstate|executed|success)=/.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    await scanReport(source, out, {
      capture: CAPTURE,
      onPiece: (piece) => {
        const el = pieceElement(piece, source.path, out);
        if (!el) return;
        if (piece.name === 'test-case') out.tests.push(toTestCase(el, piece.ancestors, source.path));
        else {
          const suite = piece.ancestors[piece.ancestors.length - 1];
          const finding = suite?.name === 'test-suite' ? suiteFinding(piece.name, el, suite, source.path) : undefined;
          if (finding) out.findings.push(finding);
        }
      },
    });
    return out;
  },
};

function statusOf(el: XmlElement): TestStatus {
  const label = attr(el, 'label') ?? '';
  switch (attr(el, 'result')) {
    case 'Passed':
    case 'Success':
    case 'Warning':
      return 'passed';
    case 'Failed':
      return ERROR_LABEL.test(label) ? 'errored' : 'failed';
    case 'Failure':
      return 'failed';
    case 'Error':
    case 'Cancelled':
    case 'NotRunnable':
      return 'errored';
    case 'Skipped':
      // Early NUnit 3 wrote tests that cannot run as skipped with label Invalid.
      return label === 'Invalid' ? 'errored' : 'skipped';
    case 'Ignored':
    case 'Inconclusive':
      return 'skipped';
    case undefined:
      // NUnit 2.2 writes only executed/success.
      if (attr(el, 'executed') === 'False') return 'skipped';
      return attr(el, 'success') === 'False' || children(el, 'failure').length > 0 ? 'failed' : 'passed';
    default:
      return 'errored';
  }
}

/**
 * The class of a test case: NUnit 3 names it in `fullname` (which also tells apart the instances
 * of a parameterized fixture) or `classname`; NUnit 2 prefixes it to the test name, where a
 * generic or nested fixture (`Ns.Fixture<T>(1).Test`, `Ns.Outer+Inner.Test`) is found by the name
 * of the suite around the test; the oldest files only nest the test in a suite named after the class.
 */
function classOf(el: XmlElement, name: string, ancestors: readonly XmlOpen[]): string {
  const fullname = attr(el, 'fullname');
  if (fullname && fullname.length > name.length + 1 && fullname.endsWith(`.${name}`)) return fullname.slice(0, -name.length - 1);
  const named = attr(el, 'classname') ?? classFromName(name);
  if (named) return named;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    const suite = a.attrs.fullname ?? a.attrs.name;
    if (a.name !== 'test-suite' || !suite || METHOD_SUITE.has(a.attrs.type ?? '') || /\.(?:dll|exe)$/i.test(suite)) continue;
    const at = name.indexOf(`${suite}.`);
    return at >= 0 ? name.slice(0, at + suite.length) : suite;
  }
  return '';
}

function toTestCase(el: XmlElement, ancestors: readonly XmlOpen[], origin: string): TestCase {
  const rawName = attr(el, 'name') ?? '(unnamed)';
  const className = classOf(el, rawName, ancestors);
  const name = detach(withoutClass(rawName, className));
  const status = statusOf(el);
  const label = attr(el, 'label');
  const failureEl = children(el, 'failure')[0];
  const reason = textOf(children(children(el, 'reason')[0], 'message')[0]);
  let failure: Failure | undefined;
  if (status === 'failed' || status === 'errored') {
    // A timeout leaves <failure/> empty and says it in the label; a test that cannot run says why in <reason>.
    const fallback = status === 'errored' ? label || `result ${attr(el, 'result')}` : '';
    const message = textOf(children(failureEl, 'message')[0]) || reason || fallback;
    failure = { message: detach(message), details: detach(textOf(children(failureEl, 'stack-trace')[0])) || undefined };
  }
  const location = failureLocation(failure?.details, className);
  return {
    id: `${className}::${name}`,
    name,
    suite: className,
    package: namespaceOf(className),
    file: location?.file,
    line: location?.line,
    status,
    durationMs: millis(numberAttr(el, 'duration') ?? numberAttr(el, 'time')),
    attempts: 1,
    failure,
    skipReason: status === 'skipped' ? detach(reason || label || '') || undefined : undefined,
    origin,
  };
}

/**
 * A failure or reason on a suite rather than a test: a OneTimeSetUp/TearDown that threw (a crash
 * around the tests), or a fixture NUnit could not load. Failures that only say a child failed are
 * left out: the child is reported.
 */
function suiteFinding(kind: string, el: XmlElement, suite: XmlOpen, origin: string): Finding | undefined {
  const message = textOf(children(el, 'message')[0]);
  const name = suite.attrs.fullname ?? suite.attrs.name ?? '';
  const className = suite.attrs.classname ?? (suite.attrs.type === 'TestFixture' ? name : '');
  if (kind === 'failure') {
    const site = suite.attrs.site;
    if (site ? site !== 'SetUp' && site !== 'TearDown' : ROLL_UP.test(message)) return undefined;
    const stack = textOf(children(el, 'stack-trace')[0]);
    const location = failureLocation(stack, className);
    return {
      kind: 'crash',
      package: namespaceOf(className),
      file: location?.file,
      line: location?.line,
      message: detach(message || `${site ?? 'setup or teardown'} of ${name} failed`),
      excerpt: detach(stack) || undefined,
      tests: [],
      origin,
    };
  }
  const { label, runstate, result } = suite.attrs;
  if (label !== 'Invalid' && runstate !== 'NotRunnable' && result !== 'NotRunnable') return undefined;
  return { kind: 'collection', package: namespaceOf(className), message: detach(message || `${name} could not be loaded`), tests: [], origin };
}
