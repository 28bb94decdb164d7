import type { Failure, Finding, TestCase, TestStatus } from '../../model/report.js';
import { emptyOutput } from '../../model/report.js';
import { assemblyName, failureLocation, millis, namespaceOf, pieceElement, textOf, withoutClass } from './shared.js';
import type { Parser } from '../parser.js';
import type { XmlElement } from '../xml/element.js';
import { attr, children, numberAttr, xmlRootName } from '../xml/element.js';
import type { XmlOpen } from '../xml/scanner.js';
import { detach } from '../xml/detach.js';
import { scanReport } from '../xml/report-scan.js';

/*
 * xUnit.net's own XML: v2/v3 (`assemblies` › `assembly` › `collection` › `test`) and v1
 * (`assembly` › `class` › `test`), also written by Fixie and others.
 *
 * Statuses: Pass → 'passed', Fail → 'failed', Skip and NotRun (v3 explicit tests) → 'skipped'.
 * xUnit.net does not tell an assertion from any other exception, so nothing is 'errored';
 * a result value it does not define is, with a message that says so.
 * Cleanup failures outside any test (`errors/error`, a v1 class `failure`) are 'crash' findings.
 */

const CAPTURE = new Set(['test', 'error', 'failure']);

const STATUS: Readonly<Record<string, TestStatus>> = { Pass: 'passed', Fail: 'failed', Skip: 'skipped', NotRun: 'skipped' };

export const xunitNetParser: Parser = {
  format: 'xunit-net-xml',
  kind: 'tests',
  detect(head) {
    const root = xmlRootName(head);
    // A bare <assembly> is also the root of Windows application manifests.
    return root === 'assemblies' || (root === 'assembly' && /<(?:class|collection|test)\b|\btest-framework=/.test(head));
  },
  async parse(source) {
    const out = emptyOutput();
    await scanReport(source, out, {
      capture: CAPTURE,
      onPiece: (piece) => {
        const el = pieceElement(piece, source.path, out);
        if (!el) return;
        if (piece.name === 'test') out.tests.push(toTestCase(el, piece.ancestors, source.path));
        else out.findings.push(cleanupFinding(piece.name === 'error' ? children(el, 'failure')[0] : el, el, piece.ancestors, source.path));
      },
    });
    return out;
  },
};

function innermost(ancestors: readonly XmlOpen[], name: string): XmlOpen | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (ancestors[i]!.name === name) return ancestors[i];
  return undefined;
}

function toFailure(el: XmlElement | undefined): Failure {
  const stack = textOf(children(el, 'stack-trace')[0]);
  return { message: detach(textOf(children(el, 'message')[0])), type: attr(el, 'exception-type'), details: detach(stack) || undefined };
}

function toTestCase(el: XmlElement, ancestors: readonly XmlOpen[], origin: string): TestCase {
  const className = attr(el, 'type') || (innermost(ancestors, 'class')?.attrs.name ?? '');
  const rawName = attr(el, 'name') ?? '(unnamed)';
  const name = detach(withoutClass(rawName, className));
  // Tests of no class (other tools' output) are placed by their collection, then their assembly.
  const scope = className || innermost(ancestors, 'collection')?.attrs.name || assemblyName(innermost(ancestors, 'assembly')?.attrs.name) || '';
  const result = attr(el, 'result') ?? '';
  const status = STATUS[result] ?? 'errored';
  let failure: Failure | undefined;
  if (status === 'failed') failure = toFailure(children(el, 'failure')[0]);
  else if (status === 'errored') failure = { message: `unknown xUnit.net result "${result}"` };
  const location = failureLocation(failure?.details, className);
  return {
    id: `${scope}::${name}`,
    name,
    suite: scope,
    package: namespaceOf(className),
    file: location?.file,
    line: location?.line,
    status,
    durationMs: millis(numberAttr(el, 'time')),
    attempts: 1,
    failure,
    skipReason: status === 'skipped' ? detach(textOf(children(el, 'reason')[0])) || undefined : undefined,
    origin,
  };
}

/** A fixture or collection that failed to clean up (v2 `<error type="test-class-cleanup">`, v1 class `<failure>`). */
function cleanupFinding(failureEl: XmlElement | undefined, el: XmlElement, ancestors: readonly XmlOpen[], origin: string): Finding {
  const failure = toFailure(failureEl);
  const where = attr(el, 'name') ?? innermost(ancestors, 'class')?.attrs.name ?? '';
  const location = failureLocation(failure.details, where);
  const what = attr(el, 'type') ?? 'class';
  return {
    kind: 'crash',
    // Only class-level errors are named after a class; others after an assembly or collection.
    package: what.includes('class') ? namespaceOf(where) : undefined,
    file: location?.file,
    line: location?.line,
    message: failure.message || `${what} failure${where ? ` in ${where}` : ''}`,
    excerpt: failure.details,
    tests: [],
    origin,
  };
}
