import type { CaseContext } from './types.js';
import type { TestCase } from '../../model/report.js';
import { libtestFailure } from '../cargo/panic.js';
import { plainName } from '../cargo/test-case.js';
import { numberValue } from '../xml/element.js';
import type { XmlOpen } from '../xml/scanner.js';

/*
 * libtest's JUnit (`cargo test -- -Z unstable-options --format junit`): one document per test
 * binary, each `<testsuite name="test" package="test">`; a failure is an empty
 * `<failure type="assert"/>` (or a `message` for a should_panic that did not panic) with the
 * panic in <system-out>; ignored tests are counted in `skipped` but not listed.
 */

export function libtestSign(open: XmlOpen, depth: number): string | undefined {
  return depth === 1 && open.name === 'testsuite' && open.attrs.name === 'test' && open.attrs.package === 'test' ? 'cargo' : undefined;
}

/** The tests a libtest suite lists: its `tests` less the ignored ones, which it counts and leaves out. */
export function libtestListed(open: XmlOpen): number | undefined {
  const tests = numberValue(open.attrs.tests);
  return tests === undefined ? undefined : tests - (numberValue(open.attrs.skipped) ?? 0);
}

/** The panic's message and its place in the user's code, from <system-out>. */
export function libtestCaseReview(test: TestCase, context: CaseContext): TestCase | undefined {
  if (context.runner !== 'cargo' || test.status !== 'failed') return undefined;
  const failure = libtestFailure(`${test.failure?.message ?? ''}\n${context.output ?? ''}`);
  if (!failure) return undefined;
  return {
    ...test,
    name: plainName(test.name),
    ...(failure.file ? { file: failure.file, line: failure.line } : {}),
    failure: { message: failure.message, type: failure.type, details: failure.details },
  };
}
