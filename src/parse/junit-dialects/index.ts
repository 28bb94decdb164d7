import type { Finding, TestCase } from '../../model/report.js';
import type { XmlOpen } from '../xml/scanner.js';
import { javaRunnerSign, reviewJavaCase } from './java.js';
import { phpunitRunnerSign, reviewPhpunitCase } from './phpunit.js';

/*
 * What one runner's JUnit says beyond the common dialect: a suite that failed to load written as
 * an errored test case (jest-junit, pytest, vitest), the runner's name in a root attribute. Each
 * runner's rules live in a module of their own here, and are listed below.
 */

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

export const CASE_REVIEWS: readonly CaseReview[] = [
  reviewPhpunitCase,
  reviewJavaCase,
];

export const RUNNER_SIGNS: readonly RunnerSign[] = [
  phpunitRunnerSign,
  javaRunnerSign,
];

export function reviewCase(test: TestCase, context: CaseContext): TestCase | Finding {
  for (const review of CASE_REVIEWS) {
    const result = review(test, context);
    if (result) return result;
  }
  return test;
}

export function runnerSign(open: XmlOpen, depth: number): string | undefined {
  for (const sign of RUNNER_SIGNS) {
    const runner = sign(open, depth);
    if (runner) return runner;
  }
  return undefined;
}

export function isFinding(x: TestCase | Finding): x is Finding {
  return 'kind' in x;
}
