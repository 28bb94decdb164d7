import type { Finding, TestCase } from '../../model/report.js';
import { javaFrame, sourcePathOf } from '../../text/java-frames.js';
import type { XmlOpen } from '../xml/scanner.js';

/*
 * The JUnit XML of the JVM runners: Maven Surefire/Failsafe (`TEST-*.xml` with surefire's
 * schema), Ant's junit task and junitreport. Both write a failing @BeforeClass/@AfterClass
 * (@BeforeAll/@AfterAll) as an error on a case named after the class (Ant: classname
 * `junit.framework.TestSuite`), or with no name; Ant writes a forked JVM that died as an error
 * on the test that was running, and its own timeout likewise. Failures name no file: the frame
 * in the test class gives one, as a package path the merge stage finds under a source root.
 */

const JVM_RUNNERS = new Set(['surefire', 'failsafe', 'ant', 'gradle']);
const CLASS_NAME = /^[\w$]{1,200}(?:\.[\w$]{1,200}){0,50}$/;
const FORKED_VM_DIED = /^Forked Java VM exited abnormally/;
const FORKED_VM_TIMEOUT = /^Timeout occurred\. Please note the time in the report does not reflect the time until the timeout\./;

export function javaRunnerSign(open: XmlOpen, depth: number): string | undefined {
  if (open.name !== 'testsuite') return undefined;
  // The scanner gives attributes their local names: xsi:noNamespaceSchemaLocation.
  const schema = open.attrs.noNamespaceSchemaLocation ?? '';
  if (depth === 0 && /surefire/.test(schema)) return /failsafe/.test(schema) ? 'failsafe' : 'surefire';
  // junitreport's aggregate gives each suite an id and a package; the junit task's own files
  // carry a hostname, and Ant's DOM writer lists attributes alphabetically (errors first).
  if (depth === 1 && open.attrs.id !== undefined && open.attrs.package !== undefined) return 'ant';
  if (depth === 0 && open.attrs.hostname !== undefined && Object.keys(open.attrs)[0] === 'errors') return 'ant';
  return undefined;
}

/** What the review reads of index.ts's CaseContext (index.ts imports this module, so not imported back). */
interface ReviewContext {
  attrs: Readonly<Record<string, string>>;
  runner?: string;
  origin: string;
}

export function reviewJavaCase(test: TestCase, context: ReviewContext): TestCase | Finding | undefined {
  const classname = context.attrs.classname ?? '';
  if (!(context.runner !== undefined ? JVM_RUNNERS.has(context.runner) : CLASS_NAME.test(classname) && classname.includes('.'))) return undefined;
  const failure = test.failure;
  if (!failure) return undefined;
  const details = failure.details ?? '';
  // The class the case is about: Ant's class-level cases name it, surefire's use it twice.
  const testClass = classname === 'junit.framework.TestSuite' ? test.name : classname;
  const frame = javaFrame(details, testClass);
  const where = frame ? { file: frame.file, line: frame.line } : CLASS_NAME.test(testClass) && testClass.includes('.') ? { file: sourcePathOf(testClass, `${testClass.slice(testClass.lastIndexOf('.') + 1)}.java`) } : {};
  const base = { package: packageOf(testClass), ...where, message: failure.message, excerpt: details || undefined, origin: context.origin };
  if (FORKED_VM_DIED.test(failure.message)) {
    return { kind: 'crash', ...base, message: `forked JVM exited abnormally while ${testClass}.${test.name} ran (System.exit, a crash or a kill)`, tests: [test.name], blocks: [test.name] };
  }
  if (FORKED_VM_TIMEOUT.test(failure.message)) {
    return { kind: 'timeout', ...base, message: `the junit task's timeout killed the forked JVM while ${testClass}.${test.name} ran`, tests: [test.name], blocks: [test.name] };
  }
  // A class-level case: the class's setup or teardown (whose frame names the hook method).
  if (test.status === 'errored' && (test.name === '' || test.name === classname || classname === 'junit.framework.TestSuite')) {
    const hook = frame && frame.className === testClass ? javaFrameMethod(details, testClass) : undefined;
    return { kind: 'hook', ...base, message: `${hook ? `${testClass}.${hook}` : `class-level setup or teardown of ${testClass}`} failed: ${failure.message}`, tests: [] };
  }
  if (!frame || test.line !== undefined) return undefined;
  return { ...test, file: test.file ?? frame.file, line: frame.line };
}

/** The method of the first frame of `className` (the hook that threw). */
function javaFrameMethod(details: string, className: string): string | undefined {
  const at = details.indexOf(`at ${className}.`);
  if (at < 0) return undefined;
  return /^[\w$]{1,200}/.exec(details.slice(at + 4 + className.length))?.[0];
}

function packageOf(className: string): string | undefined {
  const dot = className.lastIndexOf('.');
  return dot > 0 && CLASS_NAME.test(className) ? className.slice(0, dot) : undefined;
}
