import type { TestCase } from '../../model/report.js';
import type { CaseContext } from './types.js';
import { samePath } from '../logs/block.js';
import type { XmlOpen } from '../xml/scanner.js';

/*
 * GoogleTest's XML (`--gtest_output=xml:`): a `<testsuites name="AllTests">` root, test cases
 * with the test's file and line, and failures whose text starts with the assertion's place
 * (`/src/a_test.cpp:12` or `unknown file`) on a line of its own.
 */

export const gtestSign = (open: XmlOpen, depth: number): string | undefined => (depth === 0 && open.name === 'testsuites' && open.attrs.name === 'AllTests' ? 'gtest' : undefined);

const PLACE = /^(?:(.{1,1000}?)(?::(\d+)|\((\d+)\))|unknown file)\r?\n/;

/** The text after the place line, as one line; the place, when it is in the test's own file. */
function split(text: string, testFile: string | undefined): { message: string; line?: number } | undefined {
  const m = PLACE.exec(text);
  if (!m) return undefined;
  const message = text.slice(m[0].length).split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  const line = Number(m[2] ?? m[3]) || undefined;
  return { message, ...(line && m[1] && testFile && samePath(m[1], testFile) ? { line } : {}) };
}

/** The CaseReview of GoogleTest's XML. */
export function reviewGtestCase(test: TestCase, { runner, attrs }: CaseContext): TestCase | undefined {
  if (runner !== 'gtest') return undefined;
  if (test.status === 'skipped') {
    if (attrs.result === 'suppressed') return { ...test, skipReason: 'disabled' };
    const reason = test.skipReason === undefined ? undefined : split(`${test.skipReason}\n`, test.file);
    return reason ? { ...test, skipReason: reason.message || undefined } : undefined;
  }
  const failure = test.failure;
  const at = failure && split(failure.message, test.file);
  if (!failure || !at) return undefined;
  const out: TestCase = { ...test, failure: { ...failure, message: at.message } };
  if (at.line) out.line = at.line;
  return out;
}
