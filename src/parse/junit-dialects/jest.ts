import type { Finding, TestCase } from '../../model/report.js';
import { frameInStack } from '../../text/frames.js';
import { assertionMessage, fileErrorMessage, isHookFailure, isWorkerCrash } from '../js-failure.js';
import { firstLine } from '../parser.js';
import { detach } from '../xml/detach.js';
import type { CaseContext, CaseReview, RunnerSign } from './types.js';

/*
 * jest-junit. By default a suite that failed to load is left out (only the console and --json
 * show it); with reportTestSuiteErrors it is a case of class "Test suite failed to run", written
 * twice: an <error> with jest's text, then a <failure> echoing its bare message. A suite whose
 * tests ran but whose afterAll threw gets a made-up case "Test execution failure: …". jest-circus
 * fails every test of a describe whose beforeAll threw, with the hook's error and frames.
 */

const SUITE_FAILED = 'Test suite failed to run';
const EXEC_FAILURE = "Test execution failure: could be caused by test hooks like 'afterAll'.";

export const jestSign: RunnerSign = (open, depth) => (depth === 0 && open.attrs.name === 'jest tests' ? 'jest' : undefined);

/*
 * The finding the last case became: the <failure> echo of a suite error, the next test failed by
 * the same beforeAll, are that finding again (returned as the same object, kept once). It holds
 * within one <testsuite> element of one parse: the suite's scope object is its identity.
 */
let last: { suite: object; key: string; finding: Finding } | undefined;

function again(context: CaseContext, key: string): Finding | undefined {
  return context.suite && last?.suite === context.suite && last.key === key ? last.finding : undefined;
}

function remember(context: CaseContext, key: string, finding: Finding): Finding {
  last = context.suite ? { suite: context.suite, key, finding } : undefined;
  return finding;
}

export const reviewJestCase: CaseReview = (test, context) => {
  if (context.runner !== 'jest') return undefined;
  const details = test.failure?.details ?? '';
  if (context.attrs.classname === SUITE_FAILED) return suiteError(test, context, details);
  if (test.name.endsWith(EXEC_FAILURE)) return execFailure(test, details);
  if (!details) return undefined;
  const message = detach(assertionMessage(details));
  const where = frameInStack(details);
  if (isHookFailure(details)) return hookFailure(test, context, message, details, where);
  if (isWorkerCrash(message)) return jsFinding('crash', test, message, details, where, { tests: [test.name] });
  test.failure!.message = message;
  return test;
};

/** A test jest-circus failed with its describe's beforeAll error: the hook's finding names it. */
function hookFailure(test: TestCase, context: CaseContext, message: string, details: string, where: { file: string; line: number } | undefined): Finding {
  const key = `hook\u0000${message}\u0000${where?.file ?? ''}:${where?.line ?? ''}`;
  const hook = again(context, key);
  if (hook) {
    hook.blocks!.push(detach(test.name));
    return hook;
  }
  return remember(context, key, jsFinding('hook', test, message, details, where, { blocks: [detach(test.name)] }));
}

function suiteError(test: TestCase, context: CaseContext, details: string): Finding {
  const key = `suite\u0000${test.name}`;
  const echoed = test.status === 'errored' ? undefined : again(context, key);
  if (echoed) return echoed;
  const body = details.replace(/^\s*● Test suite failed to run\s*/, '');
  const message = detach(firstLine(body)) || SUITE_FAILED;
  const file = detach(test.name);
  const babel = /^SyntaxError: .*\((\d+):(\d+)\)$/.exec(message);
  const frame = frameInStack(body, file);
  const finding: Finding = {
    kind: isWorkerCrash(message) ? 'crash' : 'collection',
    file,
    ...(babel ? { line: Number(babel[1]), column: Number(babel[2]) + 1 } : frame ? { line: frame.line } : {}),
    message,
    excerpt: detach(body),
    tests: [],
    origin: test.origin,
  };
  return remember(context, key, finding);
}

/** The made-up case of an afterAll (or other code outside the tests) that threw: its body is jest's error as JSON. */
function execFailure(test: TestCase, details: string): Finding {
  let stack = details;
  try {
    const error = JSON.parse(details) as { message?: string; stack?: string };
    stack = error.stack || error.message || details;
  } catch {
    // Not JSON: jest-junit wrote the text as it is.
  }
  const message = detach(fileErrorMessage(assertionMessage(stack)));
  return jsFinding(isWorkerCrash(message) ? 'crash' : 'hook', test, message, stack, frameInStack(stack), {});
}

function jsFinding(kind: Finding['kind'], test: TestCase, message: string, details: string, where: { file: string; line: number } | undefined, names: { tests?: string[]; blocks?: string[] }): Finding {
  return {
    kind,
    file: where ? detach(where.file) : test.file,
    line: where?.line ?? test.line,
    message,
    excerpt: detach(details),
    tests: names.tests ?? [],
    ...(names.blocks ? { blocks: names.blocks } : {}),
    origin: test.origin,
  };
}
