import { basename } from 'node:path/posix';
import type { Finding, TestCase } from '../../model/report.js';
import type { CaseContext } from './types.js';

/*
 * node --test-reporter=junit (lib/internal/test_runner/reporter/junit.js): the failure's type is
 * node:test's failureType. A test cancelled because its describe failed first (a before hook)
 * is `cancelledByParent`; the hook's own error is not written. A test file whose process failed
 * is a test case named after the file, its body stating `exitCode` and `signal`, not why.
 */

const FAILURE_TYPES = new Set(['testCodeFailure', 'testTimeoutFailure', 'cancelledByParent', 'hookFailed', 'subtestsFailed', 'parentAlreadyFinished', 'callbackAndPromisePresent', 'uncaughtException', 'unhandledRejection']);

export function reviewNodeTestCase(test: TestCase, context: CaseContext): TestCase | Finding | undefined {
  const type = test.failure?.type;
  if (!type || !FAILURE_TYPES.has(type)) return undefined;
  const body = test.failure?.details ?? '';
  const file = context.attrs.file ?? test.file;
  if (type === 'cancelledByParent') {
    return {
      kind: 'hook',
      file,
      message: `'${test.suite}' failed before its tests ran (a before hook; node's JUnit report does not give the hook's error)`,
      tests: [],
      blocks: [test.name],
      origin: context.origin,
    };
  }
  // node 20 writes no file attribute, and names a file's test after the file's absolute path.
  const name = test.name.replace(/\\/g, '/').replace(/^\.\//, '');
  const path = file ?? (/^\/\S{1,4096}\.[cm]?[jt]sx?$/.test(name) ? name : undefined);
  if (!path || !(path === name || path.endsWith(`/${name}`)) || !/\b(?:exitCode|signal): /.test(body) && type !== 'testTimeoutFailure') return undefined;
  // node counts a file whose process failed as one test: it stands for the tests it never ran.
  const signal = /\bsignal: '(\w{1,20})'/.exec(body)?.[1];
  const code = /\bexitCode: (\d{1,5})\b/.exec(body)?.[1];
  const [kind, why] =
    type === 'testTimeoutFailure'
      ? (['timeout', `${test.failure?.message ?? 'timed out'}; the file's process was stopped`] as const)
      : signal
        ? (['crash', `the test process was killed by ${signal}`] as const)
        : (['crash', `the test process exited with code ${code ?? '?'} (a crash or a file that did not load: node's JUnit report does not say which)`] as const);
  return { kind, file: path, message: `${basename(name)}: ${why}`, excerpt: body || undefined, tests: [], blockedCount: 1, origin: context.origin };
}
