import type { Finding, TestCase } from '../../model/report.js';
import type { XmlOpen } from '../xml/scanner.js';

/*
 * PHPUnit's JUnit (PHPUnit\Util\Log\JUnit): the body of a failure is
 * `Class::method\n<message lines>\n\n/path/FooTest.php:12`, the message attribute is absent.
 * A failing setUpBeforeClass is an error on the class's first test, whose location lies before
 * that test's own line, and its other tests are skipped without a word; a failing
 * tearDownAfterClass is a case of its own, named after the hook.
 */

const LOCATION = /^(\S.{0,1000}?\.php):(\d{1,7})$/;
const CLASS_HOOKS = /^(?:setUpBeforeClass|tearDownAfterClass)$/;

export function phpunitRunnerSign(open: XmlOpen, depth: number): string | undefined {
  // Only PHPUnit counts assertions in its suites' headers.
  return open.name === 'testsuite' && depth <= 1 && open.attrs.assertions !== undefined ? 'phpunit' : undefined;
}

/** The setUpBeforeClass finding of the suite being read, which its skipped tests join. */
let setUpOf: { origin: string; suite: string; finding: Finding } | undefined;

/** What the review reads of index.ts's CaseContext (index.ts imports this module, so not imported back). */
interface ReviewContext {
  suite?: { name: string };
  attrs: Readonly<Record<string, string>>;
  runner?: string;
  origin: string;
}

export function reviewPhpunitCase(test: TestCase, context: ReviewContext): TestCase | Finding | undefined {
  if (context.runner !== 'phpunit') return undefined;
  const suite = context.suite?.name ?? '';
  const open = setUpOf && setUpOf.origin === context.origin && setUpOf.suite === suite ? setUpOf.finding : undefined;
  if (test.status === 'skipped') {
    if (!open || test.skipReason || Number(context.attrs.time) !== 0) return undefined;
    open.blocks!.push(test.name);
    return open;
  }
  const body = readBody(test.failure?.details ?? '');
  if (!body) return undefined;
  const located = { ...test, failure: { ...test.failure!, message: body.message || test.failure!.message }, file: body.file, line: body.line };
  const origin = context.origin;
  if (CLASS_HOOKS.test(test.name)) {
    // PHPUnit heads the hook's message with `Exception in Class::hook`, which the title already says.
    const message = body.message.replace(/^Exception in \S{1,500}\n/, '');
    return { kind: 'hook', file: body.file, line: body.line, message: `${suite}::${test.name} failed: ${message}`, excerpt: test.failure!.details, tests: [], origin };
  }
  // PHPUnit does not time a test whose class never set up; a test cannot fail before its own first line.
  if (test.status === 'errored' && Number(context.attrs.time) === 0 && test.line !== undefined && body.line < test.line && samePhpFile(body.file, test.file)) {
    const finding: Finding = { kind: 'hook', file: body.file, line: body.line, message: `${suite}::setUpBeforeClass failed: ${body.message}`, excerpt: test.failure!.details, tests: [], blocks: [test.name], origin };
    setUpOf = { origin, suite, finding };
    return finding;
  }
  return located;
}

/** The message and location of a PHPUnit failure body; undefined when it is not one. */
function readBody(details: string): { message: string; file: string; line: number } | undefined {
  const lines = details.trim().split('\n');
  const location = LOCATION.exec(lines[lines.length - 1]!.trim());
  if (!location || lines.length < 2) return undefined;
  // The first line repeats the test's name; the message runs to the blank line before the location.
  const message = lines.slice(1, -1).join('\n').trim();
  return { message, file: location[1]!, line: Number(location[2]) };
}

function samePhpFile(a: string, b: string | undefined): boolean {
  return b !== undefined && a.replace(/\\/g, '/') === b.replace(/\\/g, '/');
}
