import type { Failure, Finding, ParseOutput, TestCase, TestStatus } from '../model.js';
import { emptyOutput } from '../model.js';
import type { Parser } from './parser.js';
import { readAll } from './parser.js';
import type { XmlElement } from './xml.js';
import { attr, children, numberAttr, parseXml, text, xmlRootName } from './xml.js';

/*
 * JUnit XML in its dialects: generic Ant/Maven Surefire, jest-junit, pytest, gotestsum and
 * go-junit-report, mocha, phpunit, vitest, playwright. Counts come from the <testcase> elements
 * (the body); the totals in <testsuite> headers are often wrong and are ignored.
 */

interface SuiteScope {
  name: string;
  file?: string;
  /** Package attribute of Ant junitreport's aggregated suites. */
  package?: string;
}

const FAILURE_TAGS = ['failure', 'error'] as const;

export const junitParser: Parser = {
  format: 'junit-xml',
  kind: 'tests',
  detect(head) {
    const root = xmlRootName(head);
    return root === 'testsuites' || root === 'testsuite';
  },
  async parse(source) {
    const out = emptyOutput();
    const parsed = parseXml(await readAll(source), source.path);
    if ('diagnostic' in parsed) {
      out.diagnostics.push(parsed.diagnostic);
      return out;
    }
    for (const root of children(parsed.root as XmlElement, 'testsuites')) walkSuite(root, [], source.path, out);
    for (const suite of children(parsed.root as XmlElement, 'testsuite')) walkSuite(suite, [], source.path, out);
    return out;
  },
};

function walkSuite(el: XmlElement, scopes: SuiteScope[], origin: string, out: ParseOutput): void {
  const name = attr(el, 'name');
  // jest-junit and vitest name suites after their test file by default.
  const namedAfterFile = name !== undefined && /^[^\s<>|]+\.(?:[cm]?[jt]sx?|py|rb|php)$/.test(name) ? name : undefined;
  const scope: SuiteScope | undefined =
    name !== undefined || attr(el, 'file') !== undefined
      ? { name: name ?? '', file: attr(el, 'file') ?? attr(el, 'filepath') ?? namedAfterFile, package: attr(el, 'package') }
      : undefined;
  const here = scope ? [...scopes, scope] : scopes;
  for (const tc of children(el, 'testcase')) out.tests.push(toTestCase(tc, here, origin));
  for (const nested of children(el, 'testsuite')) walkSuite(nested, here, origin, out);
  // An <error> on the suite itself: the suite could not run (import error, failing hook).
  for (const tag of FAILURE_TAGS) {
    for (const problem of children(el, tag)) out.findings.push(suiteProblem(problem, here, origin));
  }
}

function suiteProblem(problem: XmlElement, scopes: SuiteScope[], origin: string): Finding {
  const scope = scopes[scopes.length - 1];
  const failure = toFailure(problem);
  return {
    kind: 'collection',
    package: scope?.package,
    file: scope?.file,
    message: failure.message || `suite ${scope?.name ?? ''} failed to run`,
    excerpt: failure.details,
    tests: [],
    origin,
  };
}

function toFailure(el: XmlElement): Failure {
  const body = text(el).trim();
  const message = (attr(el, 'message') ?? '').trim() || firstMeaningfulLine(body);
  return { message, type: attr(el, 'type'), details: body || undefined };
}

function firstMeaningfulLine(body: string): string {
  for (const line of body.split('\n')) if (line.trim() !== '') return line.trim();
  return '';
}

function toTestCase(tc: XmlElement, scopes: SuiteScope[], origin: string): TestCase {
  const suite = scopes[scopes.length - 1];
  const name = attr(tc, 'name') ?? '(unnamed)';
  const classname = attr(tc, 'classname') ?? attr(tc, 'class') ?? '';
  let file = attr(tc, 'file') ?? attr(tc, 'filepath') ?? suite?.file;
  let line = numberAttr(tc, 'line');
  const time = numberAttr(tc, 'time');
  const scopeName = classname || scopes.map((s) => s.name).filter(Boolean).join(' › ');

  const failures = children(tc, 'failure');
  const errors = children(tc, 'error');
  const skipped = [...children(tc, 'skipped'), ...children(tc, 'ignored')];
  // Surefire's rerun elements: flaky* = failed then passed; rerun* = failed again on every rerun.
  const flaky = [...children(tc, 'flakyFailure'), ...children(tc, 'flakyError')];
  const reruns = [...children(tc, 'rerunFailure'), ...children(tc, 'rerunError')];

  let status: TestStatus = 'passed';
  let failure: Failure | undefined;
  let skipReason: string | undefined;
  if (failures.length > 0) {
    status = 'failed';
    failure = toFailure(failures[0]!);
  } else if (errors.length > 0) {
    status = 'errored';
    failure = toFailure(errors[0]!);
  } else if (skipped.length > 0) {
    status = 'skipped';
    const s = skipped[0]!;
    skipReason = (attr(s, 'message') ?? text(s)).trim() || undefined;
  } else if (flaky.length > 0) {
    status = 'flaky';
    failure = toFailure(flaky[0]!);
  }

  const pkg = packageOf(classname, suite, file);
  // Without a line attribute, the first stack frame in the test's file (or, with no file known,
  // in code outside dependencies) says where it failed.
  if (failure?.details && line === undefined) {
    const frame = frameInStack(failure.details, file);
    if (frame) {
      file ??= frame.file;
      line = frame.line;
    }
  }

  return {
    id: `${scopeName}::${name}`,
    name,
    suite: suite?.name || classname,
    package: pkg,
    file: file || undefined,
    line: line !== undefined && line > 0 ? Math.trunc(line) : undefined,
    status,
    durationMs: time !== undefined ? Math.round(time * 1000) : undefined,
    attempts: 1 + (status === 'flaky' ? flaky.length : reruns.length),
    failure,
    skipReason,
    origin,
  };
}

/** The default subsystem of a test: its class's package, Go import path, or source directory. */
function packageOf(classname: string, suite: SuiteScope | undefined, file: string | undefined): string | undefined {
  if (suite?.package) return suite.package;
  if (/^[\w$]+(\.[\w$]+)+$/.test(classname)) return classname.slice(0, classname.lastIndexOf('.'));
  if (/^[\w.-]+(\/[\w.-]+)+$/.test(classname)) return classname;
  if (file) {
    const dir = file.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
    return dir === file ? '.' : dir;
  }
  if (suite?.name && /^[\w.-]+(\/[\w.-]+)+$/.test(suite.name)) return suite.name;
  return undefined;
}

/** The first stack frame outside dependencies and the runtime: JavaScript, Java, Python, Go, C#. */
export function frameInStack(details: string, preferFile?: string): { file: string; line: number } | undefined {
  const patterns = [
    /\(((?:[A-Za-z]:)?[^():\s]+\.[cm]?[jt]sx?):(\d+):\d+\)/, // at fn (file.js:10:21)
    /\bat ((?:[A-Za-z]:)?[^():\s]+\.[cm]?[jt]sx?):(\d+):\d+/, // at file.js:10:21
    /File "([^"]+)", line (\d+)/, // Python
    /^\s*([^\s:]+\.(?:go|py|rb|php|rs|swift|kt|cs)):(\d+)/, // file.go:12: message
    / in ((?:[A-Za-z]:)?[^:]+\.cs):line (\d+)/, // .NET
  ];
  for (const raw of details.split('\n')) {
    if (/node_modules|node:internal|internal\/|site-packages|\/lib\/python|jest-circus|jasmine/.test(raw)) continue;
    for (const p of patterns) {
      const m = p.exec(raw);
      if (m && (!preferFile || m[1]!.replace(/\\/g, '/').endsWith(preferFile.replace(/\\/g, '/').replace(/^\.\//, '')))) {
        return { file: m[1]!, line: Number(m[2]) };
      }
    }
  }
  return undefined;
}
