import type { Finding, TestCase } from '../../model/report.js';
import { hookBlocks, mochaHook } from '../mocha/hook.js';
import { ownFrameLine } from '../mocha/where.js';
import type { CaseContext } from './types.js';
import type { XmlOpen } from '../xml/scanner.js';

/*
 * mocha-junit-reporter (name = full title, classname = title) and mocha's own xunit reporter
 * (name = title, classname = the describe's full title): a failed hook is written as a test case
 * titled after the hook. Mocha writes stack frames relative to its working directory, which
 * the common reader does not match with the suite's absolute file.
 */

/** Both reporters name the root after mocha unless told otherwise. */
export function mochaSign(open: XmlOpen, depth: number): string | undefined {
  return depth === 0 && open.attrs.name === 'Mocha Tests' ? 'mocha' : undefined;
}

export function reviewMochaCase(test: TestCase, context: CaseContext): TestCase | Finding | undefined {
  const { name = '', classname = '' } = context.attrs;
  const title = mochaHook(classname) ? classname : mochaHook(name) ? name : undefined;
  if (title === undefined && context.runner !== 'mocha') return undefined;
  const file = test.file ?? context.suite?.file;
  const line = test.line ?? (file && test.failure?.details ? ownFrameLine(test.failure.details, file) : undefined);
  if (title === undefined) return line === test.line ? undefined : { ...test, file, line };
  const hook = mochaHook(title)!;
  const suite = title === classname && name.endsWith(classname) ? name.slice(0, name.length - classname.length).trim() : classname;
  const blocks = hookBlocks(hook, title === name ? classname : suite);
  return {
    kind: 'hook',
    file,
    line,
    message: `"${hook.kind}" hook failed in '${(title === name ? classname : suite) || 'the root suite'}': ${test.failure?.message ?? 'no message'}`,
    excerpt: test.failure?.details,
    tests: [],
    ...(blocks.length > 0 ? { blocks } : {}),
    origin: context.origin,
  };
}
