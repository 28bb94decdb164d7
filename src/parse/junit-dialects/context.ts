import type { Finding, TestCase } from '../../model/report.js';
import type { XmlOpen } from '../xml/scanner.js';

/* The shapes of a dialect's rules, apart from the list of them (index.ts), which imports each dialect. */

export interface CaseContext {
  /** The innermost <testsuite>: its name and file, when it has them. */
  suite?: { name: string; file?: string };
  /** The <testcase>'s attributes. Slices of the stream: copy (detach) what is kept. */
  attrs: Readonly<Record<string, string>>;
  /** The file's runner, as the RUNNER_SIGNS read it so far. */
  runner?: string;
  origin: string;
}

/**
 * Looks at a test case that is not a plain pass. Returns a finding when the case is not a test
 * but the evidence of one that never ran (a load failure, a failed hook), the test itself
 * (changed where the runner says more: a message, a location), or undefined when it is not this
 * runner's to say.
 */
export type CaseReview = (test: TestCase, context: CaseContext) => TestCase | Finding | undefined;

/** Reads a runner's name from an element as it opens (`depth` 0 is the root), or undefined. */
export type RunnerSign = (open: XmlOpen, depth: number) => string | undefined;
