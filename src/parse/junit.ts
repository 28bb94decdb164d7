import type { Declared, Failure, Finding, PassedTests, TestCase, TestStatus } from '../model/report.js';
import { emptyOutput } from '../model/report.js';
import { addPassed } from '../model/test-set.js';
import { frameInStack } from '../text/frames.js';
import { libtestListed } from './junit-dialects/cargo.js';
import { isFinding, reviewCase, runnerSign } from './junit-dialects/index.js';
import type { Parser } from './parser.js';
import type { XmlElement } from './xml/element.js';
import { attr, children, numberValue, parseXml, text, xmlRootName } from './xml/element.js';
import type { XmlOpen } from './xml/scanner.js';
import { detach, TextBatches } from './xml/detach.js';
import { readLeafElement } from './xml/leaf.js';
import { elementNotRead, scanReport } from './xml/report-scan.js';

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

const CAPTURE = new Set(['testcase', 'error', 'failure', 'skipped']);

export const junitParser: Parser = {
  format: 'junit-xml',
  kind: 'tests',
  detect(head) {
    const root = xmlRootName(head);
    return root === 'testsuites' || root === 'testsuite';
  },
  async parse(source) {
    const out = emptyOutput();
    const scopesOf = new WeakMap<XmlOpen, SuiteScope[]>();
    const reader = testCaseReader(source.path);
    const headers = new Headers();
    let notTests = 0;
    const scan = await scanReport(source, out, {
      capture: CAPTURE,
      onPiece: (piece) => {
        const scopes = suiteScopes(piece.ancestors, scopesOf);
        if (piece.name === 'skipped') {
          const suite = scopes[scopes.length - 1]?.name;
          out.diagnostics.push({ file: source.path, line: piece.line, message: `<skipped> outside any <testcase>${suite ? ` in suite '${suite}'` : ''}: no test is named, so nothing is counted` });
          return;
        }
        // A passing test case with no content — most of a big file — needs no XML parser, nor does
        // one whose children are plain leaves (a failure and its output); anything else gets one.
        let el = piece.empty ? { $: piece.attrs } : readLeafElement(piece);
        if (!el) {
          const parsed = parseXml(piece.xml, source.path);
          if ('diagnostic' in parsed) {
            elementNotRead(out, source.path, piece.line + (parsed.diagnostic.line ?? 1) - 1, parsed.diagnostic.message);
            return;
          }
          el = (parsed.root as Record<string, XmlElement[]>)[piece.name]?.[0];
          if (!el) return;
        }
        // <error>/<failure> outside a test case belong to the suite: it could not run.
        if (piece.name !== 'testcase') out.findings.push(suiteProblem(el, scopes, source.path));
        else {
          // Attribute values stay slices of the stream: reader.read copies the few a test keeps.
          const test = reader.read(el, scopes, piece.empty);
          if (!test) return;
          const suite = scopes[scopes.length - 1];
          const reviewed = test.status === 'passed' ? test : reviewCase(test, { suite, attrs: el.$ ?? {}, output: text(children(el, 'system-out')[0]), runner: headers.runner, origin: source.path });
          if (!isFinding(reviewed)) out.tests.push(reviewed);
          else {
            // Not a test after all: the passing groups' `at` count only what `tests` holds.
            reader.unlist();
            // A dialect may return its last finding again (the second case of one cause).
            if (out.findings[out.findings.length - 1] !== reviewed) out.findings.push(reviewed);
            // A case that was no test (a module that did not load) is in the header's count all the same.
            if (!reviewed.blocks?.length) notTests++;
          }
        }
      },
      copyAttributes: false,
      beforeMore: reader.beforeMore,
      onOpen: (open, depth) => headers.open(open, depth),
      severalRoots: true,
    });
    if (reader.finish()) out.distinctIds = true;
    const declared = headers.declared();
    // A file cut short is one problem (scanReport said it), not also a count that does not add up.
    if (!scan.truncated && declared && declared.total > notTests) out.declared = [withoutReruns({ ...declared, total: declared.total - notTests }, out.tests)];
    if (headers.runner) out.runner = headers.runner;
    if (reader.passed.length > 0) out.passed = reader.passed;
    return out;
  },
};

/**
 * The test count the file's headers state: the root's `tests`, else the sum over the top-level
 * suites'. Compared with the test cases the file holds (classify/declared.ts).
 */
class Headers {
  runner: string | undefined;
  private root: { total: number; what: string; line: number } | undefined;
  private rootSeen = false;
  private roots = 0;
  private suites = 0;
  private sum = 0;
  private firstLine = 0;

  open(open: XmlOpen, depth: number): void {
    if (depth <= 1) this.runner ??= runnerSign(open, depth);
    const tests = this.runner === 'cargo' ? libtestListed(open) : numberValue(open.attrs.tests);
    if (depth === 0) {
      this.rootSeen = true;
      // Documents one after another (libtest, `cat`): their roots' counts add up.
      if (tests !== undefined && (open.name === 'testsuites' || open.name === 'testsuite')) {
        const prior = this.root;
        this.roots++;
        this.root = prior
          ? { total: prior.total + tests, what: `the tests="…" of ${this.roots} root elements`, line: prior.line }
          : { total: tests, what: `<${open.name} tests="${tests}">`, line: open.line };
      }
      return;
    }
    if (depth === 1 && open.name === 'testsuite' && tests !== undefined) {
      this.suites++;
      this.sum += tests;
      this.firstLine ||= open.line;
    }
  }

  declared(): Declared | undefined {
    if (!this.rootSeen) return undefined;
    const { root } = this;
    if (root) return root.total > 0 ? { total: Math.trunc(root.total), what: root.what, line: root.line, scope: 'file' } : undefined;
    if (this.sum <= 0) return undefined;
    return { total: Math.trunc(this.sum), what: `the tests="…" of ${this.suites} <testsuite> header${this.suites === 1 ? '' : 's'}`, line: this.firstLine, scope: 'file' };
  }
}

/** Surefire counts each rerun of a test in its header: those runs are not tests that never reported. */
function withoutReruns(declared: Declared, tests: readonly TestCase[]): Declared {
  let reruns = 0;
  for (const t of tests) reruns += t.attempts - 1;
  return reruns > 0 ? { ...declared, total: Math.max(0, declared.total - reruns), what: `${declared.what}, ${reruns} of them reruns` } : declared;
}


/** The suites around an element, computed once per open <testsuite>. */
function suiteScopes(ancestors: readonly XmlOpen[], cache: WeakMap<XmlOpen, SuiteScope[]>): SuiteScope[] {
  let innermost: XmlOpen | undefined;
  for (let i = ancestors.length - 1; i >= 0 && !innermost; i--) if (ancestors[i]!.name === 'testsuite') innermost = ancestors[i];
  if (!innermost) return [];
  const cached = cache.get(innermost);
  if (cached) return cached;
  const scopes: SuiteScope[] = [];
  for (const a of ancestors) {
    if (a.name !== 'testsuite') continue;
    const name = a.attrs.name;
    // jest-junit and vitest name suites after their test file by default.
    const namedAfterFile = name !== undefined && /^[^\s<>|]+\.(?:[cm]?[jt]sx?|py|rb|php)$/.test(name) ? name : undefined;
    if (name === undefined && a.attrs.file === undefined) continue;
    scopes.push({ name: name ?? '', file: a.attrs.file ?? a.attrs.filepath ?? namedAfterFile, package: a.attrs.package });
  }
  cache.set(innermost, scopes);
  return scopes;
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

/**
 * The failure an element states. Its details are copied now, or with `texts` when their batch
 * is joined; until then they are the text as read (which the reader looks for a stack frame in).
 */
function toFailure(el: XmlElement, texts?: TextBatches): Failure {
  const body = text(el).trim();
  const message = (attr(el, 'message') ?? '').trim() || firstMeaningfulLine(body);
  const type = attr(el, 'type');
  const failure: Failure = { message: detach(message), type: type === undefined ? undefined : detach(type), details: body || undefined };
  if (body && texts) texts.keep(failure, 'details', body);
  else if (body) failure.details = detach(body);
  return failure;
}

function firstMeaningfulLine(body: string): string {
  for (const line of body.split('\n')) if (line.trim() !== '') return line.trim();
  return '';
}

// Tools that write a status attribute use these words for a test that did not run.
const NOT_RUN = /^(disabled|skipped|skip|notrun|not_run|ignored|pending)$/i;

const NO_CHILDREN: readonly XmlElement[] = [];
const NO_ATTRIBUTES: Readonly<Record<string, string>> = {};

const BIG_CLASS = 4096;

/**
 * Reads <testcase> elements of one file. Attribute values are slices of a megabyte of the stream:
 * what a test keeps is copied, and what repeats from test to test (class names, files, packages)
 * is copied once.
 */
function testCaseReader(origin: string): {
  /** The test, or undefined when it passed with nothing to say: then it joins `passed`. */
  read: (tc: XmlElement, scopes: SuiteScope[], empty: boolean) => TestCase | undefined;
  passed: PassedTests[];
  /** Copies what the reader keeps of the text read so far: the scanner is about to read on. */
  beforeMore: () => void;
  /** Puts the last ids in place; says whether no two tests of the file share an id. */
  finish: () => boolean;
  /** The test `read` returned last is not one (a dialect made it a finding). */
  unlist: () => void;
} {
  let unnamedCount = 0;
  const copies = new Map<string, string>();
  const keep = (value: string) => {
    let copy = copies.get(value);
    if (copy === undefined) copies.set((copy = detach(value)), copy);
    return copy;
  };
  const keepMaybe = (value: string | undefined) => (value === undefined ? undefined : keep(value));

  // Whether no two tests of the file share an id, told to the merge stage so that it need not look
  // up half a million ids to learn it. Ids are grouped by suite and class, and a file lists each
  // group's tests together: names are compared within the group being read, a few dozen at a
  // time. A group that comes back later is not followed (the merge stage checks that file).
  let distinct = true;
  const groups = new Map<string, Map<string, IdGroup>>();
  // Each group gets a new set rather than clear(): V8 makes the tables of a set that has moved to
  // the old generation there too, and a dead table there keeps the names it held (and what
  // refers to them) alive through every scavenge until the next full collection. Measured on
  // junit-500k: 14 MB less copied by scavenges, about a tenth off the parse.
  let names = new Set<string>();
  // Names the set took since the scanner last read on: slices of the text it holds, copied
  // before it reads on, so that the set never keeps what was read. A class of more than
  // BIG_CLASS tests has its names copied as they come instead: copying them at every read would
  // delete and add them again and again.
  const unread: string[] = [];
  const addName = (name: string): boolean => {
    const before = names.size;
    if (before < BIG_CLASS) return names.add(name).size > before && unread.push(name) > 0;
    if (unread.length > 0) {
      names = new Set([...names].map(detach));
      unread.length = 0;
    }
    return names.add(detach(name)).size > before;
  };
  let current: IdGroup | undefined;
  const groupOf = (scope: string, classname: string): IdGroup => {
    let byClass = groups.get(scope);
    if (!byClass) groups.set(keep(scope), (byClass = new Map()));
    let group = byClass.get(classname);
    if (group === current && group) return group;
    if (group) distinct = false;
    else {
      const head = scope && classname && scope !== classname ? [scope, classname].join('::') : scope || classname;
      group = { prefix: keep(head ? `${head}::` : ''), plain: plainPart(scope) && plainPart(classname) };
      byClass.set(keep(classname), group);
    }
    names = new Set();
    unread.length = 0;
    return (current = group);
  };

  // What the tests of one class in one suite share, found when the class changes: consecutive
  // tests are nearly always of the same class.
  let last: { scopes: SuiteScope[]; classname: string; group: IdGroup; pkg: string | undefined; passed?: PassedTests } | undefined;
  const classOf = (scopes: SuiteScope[], classname: string) => {
    if (last && last.scopes === scopes && last.classname === classname) return last;
    const suite = scopes[scopes.length - 1];
    // Identity: the suite's file (or name) and the class, without repeating what is the same —
    // go-junit-report names both after the package; jest reuses test names across files.
    const group = groupOf(suite?.file ?? suite?.name ?? '', classname);
    last = { scopes, classname: keep(classname), group, pkg: keepMaybe(packageOf(classname, suite, suite?.file)) };
    return last;
  };

  const passed: PassedTests[] = [];
  // Tests read returns as objects so far.
  let listed = 0;
  // The ids of passing tests, half a million in a big file, are copied out in batches.
  const texts = new TextBatches();
  const read = (tc: XmlElement, scopes: SuiteScope[], empty: boolean): TestCase | undefined => {
    const suite = scopes[scopes.length - 1];
    // Loads by fixed names rather than through attr(): a file's test cases have attribute objects
    // of one shape, and such a load is then one check.
    const attrs = tc.$ ?? NO_ATTRIBUTES;
    const rawName = attrs.name ?? `(unnamed test ${++unnamedCount})`;
    const classname = attrs.classname ?? attrs.class ?? '';
    const ownFile = attrs.file ?? attrs.filepath;
    let file = ownFile !== undefined ? keep(ownFile) : suite?.file;
    let line = numberValue(attrs.line);
    const kind = classOf(scopes, classname);
    const { group, pkg: suitePackage } = kind;
    if (distinct) distinct = group.plain && plainPart(rawName) && addName(rawName);
    const pkg = ownFile === undefined ? suitePackage : keepMaybe(packageOf(classname, suite, file));
    const statusAttr = attrs.status;
    // A passing test with no content joins its class's passing tests, unless it may repeat an id.
    if (empty && distinct && (statusAttr === undefined || !NOT_RUN.test(statusAttr))) {
      const suiteName = suite?.name || keep(classname);
      let into = kind.passed;
      if (!into || into.file !== (file || undefined) || into.package !== pkg || into.suite !== suiteName) {
        into = kind.passed = { suite: suiteName, package: pkg, file: file || undefined, origin, nameAt: group.prefix.length, at: listed, ids: [] };
        passed.push(into);
      }
      texts.keep(into.ids, addPassed(into, line), group.prefix, rawName);
      return undefined;
    }
    // A test listed as an object ends the class's run of passing tests: a group holds tests the
    // file lists one after another, so that the file's order can be told again (allTests).
    kind.passed = undefined;
    listed++;
    const id = group.prefix ? [group.prefix, rawName].join('') : detach(rawName);
    // The name is the end of the id: one copy of the text, not two, and none of the stream.
    const name = id.slice(id.length - rawName.length);
    const time = numberValue(attrs.time);

    // A test case without content (most of a big file) has none of these.
    const failures = empty ? NO_CHILDREN : children(tc, 'failure');
    const errors = empty ? NO_CHILDREN : children(tc, 'error');
    const skipped = empty ? NO_CHILDREN : [...children(tc, 'skipped'), ...children(tc, 'ignored')];
    // Surefire's rerun elements: flaky* = failed then passed; rerun* = failed again on every rerun.
    const flaky = empty ? NO_CHILDREN : [...children(tc, 'flakyFailure'), ...children(tc, 'flakyError')];
    const reruns = empty ? NO_CHILDREN : [...children(tc, 'rerunFailure'), ...children(tc, 'rerunError')];

    let status: TestStatus = 'passed';
    let failure: Failure | undefined;
    let skipReason: string | undefined;
    // An error after a failure (a teardown that broke too) makes the whole test errored.
    if (statusAttr !== undefined && NOT_RUN.test(statusAttr)) {
      status = 'skipped';
      skipReason = detach(`status ${statusAttr}`);
    } else if (errors.length > 0) {
      status = 'errored';
      failure = toFailure(errors[0]!, texts);
    } else if (failures.length > 0) {
      status = 'failed';
      failure = toFailure(failures[0]!, texts);
    } else if (skipped.length > 0) {
      status = 'skipped';
      const s = skipped[0]!;
      skipReason = detach((attr(s, 'message') ?? text(s)).trim()) || undefined;
    } else if (flaky.length > 0) {
      status = 'flaky';
      failure = toFailure(flaky[0]!, texts);
    }

    // Without a line attribute, the first stack frame in the test's file (or, with no file known,
    // in code outside dependencies) says where it failed.
    if (failure?.details && line === undefined) {
      const frame = frameInStack(failure.details, file);
      if (frame) {
        file ??= keep(frame.file);
        line = frame.line;
      }
    }

    return {
      id,
      name,
      suite: suite?.name || keep(classname),
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
  };
  const finish = () => {
    texts.flush();
    return distinct;
  };
  const beforeMore = () => {
    texts.flush();
    for (const name of unread) {
      names.delete(name);
      names.add(detach(name));
    }
    unread.length = 0;
  };
  return { read, passed, beforeMore, finish, unlist: () => void listed-- };
}

interface IdGroup {
  /** What comes before the name in the id: suite (file) and class, or either, and '::' ('' for none). */
  prefix: string;
  /** Whether ids of this group can equal no id of another group (see plainPart). */
  plain: boolean;
}

/**
 * Whether `part` cannot blur the '::' between the parts of an id: then two ids are equal only
 * when their groups and names are, and names need only be compared within a group.
 */
function plainPart(part: string): boolean {
  return !part.includes(':') || (!part.includes('::') && !part.startsWith(':') && !part.endsWith(':'));
}

/**
 * The default subsystem of a test: its class's package or Go import path. Tests with neither
 * fall back to the directory of their file, once the merge stage has made it a repository path.
 */
function packageOf(classname: string, suite: SuiteScope | undefined, file: string | undefined): string | undefined {
  if (suite?.package) return suite.package;
  if (/^[\w$]+(\.[\w$]+)+$/.test(classname) && !file) return classname.slice(0, classname.lastIndexOf('.'));
  if (/^[\w.-]+(\/[\w.-]+)+$/.test(classname)) return classname;
  if (!file && suite?.name && /^[\w.-]+(\/[\w.-]+)+$/.test(suite.name)) return suite.name;
  return undefined;
}
