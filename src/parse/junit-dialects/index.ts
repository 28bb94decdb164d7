import type { Finding, TestCase } from '../../model/report.js';
import type { XmlOpen } from '../xml/scanner.js';
import type { CaseContext, CaseReview, RunnerSign } from './types.js';
import { ctestSign, reviewCtestCase } from './ctest.js';
import { gtestSign, reviewGtestCase } from './gtest.js';
import { pytestSign, reviewPytestCase } from './pytest.js';
import { jestSign, reviewJestCase } from './jest.js';
import { reviewVitestCase, vitestSign } from './vitest.js';
import { mochaSign, reviewMochaCase } from './mocha.js';
import { reviewNodeTestCase } from './node-test.js';
import { libtestCaseReview, libtestSign } from './cargo.js';
import { javaRunnerSign, reviewJavaCase } from './java.js';
import { phpunitRunnerSign, reviewPhpunitCase } from './phpunit.js';

/*
 * What one runner's JUnit says beyond the common dialect: a suite that failed to load written as
 * an errored test case (jest-junit, pytest, vitest), the runner's name in a root attribute. Each
 * runner's rules live in a module of their own here, and are listed below.
 */

export const CASE_REVIEWS: readonly CaseReview[] = [
  reviewCtestCase,
  reviewGtestCase,
  reviewPytestCase,
  reviewJestCase,
  reviewVitestCase,
  reviewMochaCase,
  reviewNodeTestCase,
  libtestCaseReview,
  reviewJavaCase,
  reviewPhpunitCase,
];

export const RUNNER_SIGNS: readonly RunnerSign[] = [ctestSign, gtestSign, pytestSign, jestSign, vitestSign, mochaSign, libtestSign, javaRunnerSign, phpunitRunnerSign];

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
