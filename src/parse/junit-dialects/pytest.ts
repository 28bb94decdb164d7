import type { Finding, TestCase } from '../../model/report.js';
import { finding, samePath } from '../logs/block.js';
import { readPytestTraceback } from '../logs/pytest-traceback.js';
import type { XmlOpen } from '../xml/scanner.js';

/** What index.ts's CaseContext gives (written out here: index.ts lists this module). */
interface PytestCaseContext {
  attrs: Readonly<Record<string, string>>;
  runner?: string;
  origin: string;
}

/*
 * pytest's --junitxml (_pytest/junitxml.py), xunit1 and xunit2 alike: a module that failed to
 * import is a test case named for the module with `<error message="collection failure">`; a
 * fixture that failed is `<error message='failed on setup with "…"'>` (the test never ran) or
 * `failed on teardown with`; pytest-timeout's `Failed: Timeout >2.0s` is a test it killed.
 */

const HOOK = /^failed on (setup|teardown) with "(.*)"$/s;
const TIMEOUT = /^Failed: Timeout >[\d.]+s$/;

/** pytest names its only suite `pytest` (junit_suite_name). */
export const pytestSign = (open: XmlOpen, depth: number): string | undefined => (depth <= 1 && open.name === 'testsuite' && open.attrs.name === 'pytest' ? 'pytest' : undefined);

/** `tests.test_x` (a module's node id, slashes made dots) back to `tests/test_x.py`, as pytest writes it elsewhere. */
function moduleFile(name: string): string {
  return `${name.replace(/\./g, '/')}.py`;
}

/** The test's file as the report gives it, or as its class name (`tests.test_calc`) spells it. */
function testFile(test: TestCase, context: PytestCaseContext): string | undefined {
  return test.file ?? (context.attrs.classname ? moduleFile(context.attrs.classname) : undefined);
}

export const reviewPytestCase = (test: TestCase, context: PytestCaseContext): TestCase | Finding | undefined => {
  if (context.runner !== 'pytest' || !test.failure) return undefined;
  const { message, details = '' } = test.failure;
  if (test.status === 'errored' && message === 'collection failure') {
    const file = context.attrs.file ?? moduleFile(test.name);
    const at = readPytestTraceback(details, file, samePath);
    return finding('collection', context.origin, at.message ?? message, details, file, at.line?.toString());
  }
  const hook = HOOK.exec(message);
  if (test.status === 'errored' && hook) {
    const at = readPytestTraceback(details);
    const f: Finding = { ...finding('hook', context.origin, hook[2]!, details, at.file, at.line?.toString()), tests: [test.name] };
    // A test whose setup failed never ran; one whose teardown failed did.
    if (hook[1] === 'setup') f.blocks = [test.name];
    return f;
  }
  const file = testFile(test, context);
  const at = readPytestTraceback(details, file, samePath);
  const line = at.line ?? test.line;
  if (TIMEOUT.test(message)) {
    return { ...finding('timeout', context.origin, `${test.name}: ${message}`, details, file, line?.toString()), tests: [test.name], blocks: [test.name] };
  }
  // At the test's own failing line rather than its `def` (xunit1's line is 0-based, xunit2 has none).
  return { ...test, file, line, failure: { ...test.failure, message: message || (at.message ?? '') } };
};
