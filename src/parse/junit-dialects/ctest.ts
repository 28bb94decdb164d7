import type { Finding, TestCase } from '../../model/report.js';
import type { CaseContext } from './types.js';
import { ctestEnd, ctestOutcome } from '../ctest/outcome.js';
import { detach } from '../xml/detach.js';
import type { XmlOpen } from '../xml/scanner.js';

/*
 * `ctest --output-junit` (CMake ≥ 3.21): one <testsuite> root with CTest's own attributes, a
 * test case per CTest test, `status="fail"` with an empty <failure> for any failure — a crash
 * and a timeout too — and `status="notrun"` for a test whose executable is missing. The
 * test's output, in <system-out>, says the rest.
 */

export const ctestSign = (open: XmlOpen, depth: number): string | undefined =>
  depth === 0 && open.name === 'testsuite' && open.attrs.hostname !== undefined && open.attrs.disabled !== undefined && open.attrs.skipped !== undefined ? 'ctest' : undefined;

/** The CaseReview of CTest's JUnit. */
export function reviewCtestCase(test: TestCase, { runner, attrs, output }: CaseContext): TestCase | Finding | undefined {
  if (runner !== 'ctest' || (test.status === 'skipped' && attrs.status !== 'notrun')) return undefined;
  const text = output ?? '';
  const status = attrs.status === 'notrun' ? (/Disabled/.test(text) ? 'Disabled' : 'Not Run') : test.failure?.message || 'Failed';
  const { result } = ctestOutcome(test.name, ctestEnd(status), status, text.split('\n'), test.origin);
  return 'kind' in result ? detached(result) : improved(test, result);
}

function detached(f: Finding): Finding {
  return { ...f, message: detach(f.message), ...(f.excerpt ? { excerpt: detach(f.excerpt) } : {}) };
}

/** The test as the file lists it, with what its output says: the first failure's message and place. */
function improved(test: TestCase, from: TestCase): TestCase {
  if (!from.failure || !from.file) return test;
  return { ...test, file: detach(from.file), line: from.line, failure: { message: detach(from.failure.message), details: from.failure.details && detach(from.failure.details) } };
}
