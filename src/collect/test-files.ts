import { globMatch } from '../text/match.js';
import { readWorkspaceText } from './workspace.js';

/*
 * Test files in the workspace by the conventions of each ecosystem's runners, with the tests each
 * declares: what a run should have reported. Go has its own inventory (inventory.ts), read only
 * for packages whose binary died.
 */

export const ECOSYSTEMS = ['javascript', 'python', 'rust', 'cpp', 'php', 'java'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export interface TestFile {
  /** Repository-relative POSIX path. */
  file: string;
  ecosystem: Ecosystem;
  /** Names of the tests the file declares. */
  tests: string[];
}

// Default test file names of jest, vitest, mocha, node:test; pytest and unittest; cargo's
// integration tests; GoogleTest/CTest habits; PHPUnit; Surefire and Gradle.
const CONVENTIONS: Record<Ecosystem, RegExp> = {
  javascript: /(?:^|\/)(?:[^/]+[._-](?:test|spec)|test-[^/]+|test)\.[cm]?[jt]sx?$|(?:^|\/)(?:__tests__|tests?)\/(?:[^/]+\/)*[^/]+\.[cm]?[jt]sx?$/,
  python: /(?:^|\/)(?:test_[^/]*|[^/]+_test)\.py$/,
  rust: /(?:^|\/)tests\/[^/]+\.rs$/,
  cpp: /(?:^|\/)(?:[^/]+_(?:unit)?test|test_[^/]+)\.(?:cc|cpp|cxx|c)$|(?:^|\/)tests?\/(?:[^/]+\/)*[^/]+\.(?:cc|cpp|cxx)$/,
  php: /(?:^|\/)[^/]+Test\.php$/,
  java: /(?:^|\/)src\/test\/(?:[^/]+\/)*(?:Test[^/]*|[^/]+Tests?|[^/]+TestCase|IT[^/]*|[^/]+IT)\.(?:java|kt)$/,
};

// Never anyone's own tests: dependencies, builds, caches.
const NOT_SOURCE = /(?:^|\/)(?:node_modules|vendor|target|build|dist|out|coverage|\.git|\.venv|venv|site-packages|__pycache__|third_party|external)\//;

/** Files the inventory reads at most, and how much of each: a test file declares its tests near its top. */
export const MAX_TEST_FILES = 5000;
const MAX_READ = 512 * 1024;

/** The ecosystem whose runners would take `file` for a test file, if any. */
export function ecosystemOf(file: string): Ecosystem | undefined {
  if (NOT_SOURCE.test(file)) return undefined;
  return ECOSYSTEMS.find((e) => CONVENTIONS[e].test(file));
}

/*
 * What declares a test, line by line: each pattern is anchored and bounded, so a line costs time
 * in proportion to its length whatever it holds.
 */
const JS_TEST = /^\s*(?:it|test)(?:\.(?:only|skip|todo|concurrent|failing))?\s*\(\s*(['"`])([^'"`\n]{1,300})\1/;
const PY_TEST = /^\s*(?:async\s+)?def\s+(test\w{0,200})\s*\(/;
const PHP_TEST = /^\s*(?:(?:public|protected|private|static|final)\s+){0,4}function\s+(test\w{0,200})\s*\(/;
const CPP_TEST = /^\s*(?:TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P)\s*\(\s*(\w{1,200})\s*,\s*(\w{1,200})\s*\)/;
const MARK = { rust: /^\s*#\[(?:[\w:]{0,40}::)?test\b/, java: /^\s*@(?:Test|ParameterizedTest|RepeatedTest|TestFactory)\b/ };
const MARKED_NAME = { rust: /^\s*(?:pub\s+)?(?:async\s+)?fn\s+(\w{1,200})/, java: /\b(?:void|fun)\s+`?(\w{1,200})/ };

export function testsDeclared(ecosystem: Ecosystem, source: string): string[] {
  const names: string[] = [];
  let marked = false;
  for (const line of source.split('\n')) {
    let m: RegExpExecArray | null;
    switch (ecosystem) {
      case 'javascript':
        if ((m = JS_TEST.exec(line))) names.push(m[2]!);
        break;
      case 'python':
        if ((m = PY_TEST.exec(line))) names.push(m[1]!);
        break;
      case 'php':
        if ((m = PHP_TEST.exec(line))) names.push(m[1]!);
        break;
      case 'cpp':
        if ((m = CPP_TEST.exec(line))) names.push(`${m[1]}.${m[2]}`);
        break;
      case 'rust':
      case 'java':
        if (MARK[ecosystem].test(line)) marked = true;
        else if (marked && (m = MARKED_NAME[ecosystem].exec(line))) {
          names.push(m[1]!);
          marked = false;
        }
        break;
    }
  }
  return names;
}


/**
 * The test files among the workspace's `files` (collect/workspace.ts) that `scope` admits:
 * globs, `!` ones excluding; none: every file the conventions name; `none`: no inventory.
 * A file that declares no test (a helper in test/) is not one.
 */
export async function findTestFiles(workspace: string, files: Iterable<string>, scope: readonly string[]): Promise<TestFile[]> {
  if (scope.length === 1 && scope[0] === 'none') return [];
  const include = scope.filter((s) => !s.startsWith('!'));
  const exclude = scope.filter((s) => s.startsWith('!')).map((s) => s.slice(1));
  // The config's globs, from the pull request: matched in linear time.
  const inScope = (file: string) => include.length === 0 || include.some((g) => globMatch(g, file));
  const excluded = (file: string) => exclude.some((g) => globMatch(g, file));
  const out: TestFile[] = [];
  for (const file of files) {
    if (out.length >= MAX_TEST_FILES) break;
    const ecosystem = ecosystemOf(file);
    if (!ecosystem || !inScope(file) || excluded(file)) continue;
    let tests: string[];
    try {
      tests = testsDeclared(ecosystem, await readWorkspaceText(workspace, file, MAX_READ));
    } catch {
      continue;
    }
    if (tests.length > 0) out.push({ file, ecosystem, tests });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
