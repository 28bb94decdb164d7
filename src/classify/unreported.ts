import path from 'node:path';
import type { TestFile } from '../collect/test-files.js';
import type { Merged } from '../merge/merge.js';
import type { Finding, TestFilesInfo } from '../model/report.js';
import { toPosix } from '../text/paths.js';

/*
 * Test files in the workspace that no report names. A runner that runs a whole test set (jest,
 * pytest, cargo, CTest, …) and names test files of a folder in its reports ran that folder's
 * tests: a file of the folder it left out never reported — a P0 whose tests count as blocked.
 * So is every file the `test-files` setting names: the maintainer said they must be reported.
 * Elsewhere (a folder no such report came from, a GoogleTest binary that runs only its own file)
 * the file is only listed: it may simply not be this workflow's to run.
 */

/** Runners that run every test file of a project unless told otherwise. */
const SET_RUNNERS = new Set(['jest', 'vitest', 'mocha', 'node-test', 'pytest', 'unittest', 'cargo', 'ctest', 'phpunit', 'surefire', 'maven', 'gradle', 'ant']);

const EXTENSION = /\.[A-Za-z0-9]{1,5}$/;
const DOTTED = /^[\w$]+(?:\.[\w$]+)+$/;
const LISTED = 200;

/** A name as runners spell it in one place and files in another: `CalcTest`, `calc_test`, `calc-test.cc`. */
function key(base: string): string {
  return base.toLowerCase().replace(/[-_.\s]/g, '');
}

/** Where reports say tests came from, by base name (no extension): the directories that go with it, and whether a set runner said so. */
class Identities {
  private readonly byBase = new Map<string, Map<string, boolean>>();

  private put(dir: string, base: string, setRunner: boolean): void {
    let dirs = this.byBase.get(key(base));
    if (!dirs) this.byBase.set(key(base), (dirs = new Map()));
    dirs.set(dir, setRunner || dirs.get(dir) === true);
  }

  /** A path, a file name, a dotted module or class name (`tests.test_db`, `com.acme.FooTest$Inner`) or a plain name. */
  add(raw: string, setRunner: boolean): void {
    if (raw.length > 1000) return;
    const s = toPosix(raw.trim());
    if (s === '') return;
    if (s.includes('/')) {
      this.put(path.posix.dirname(s).replace(/^\.$/, ''), path.posix.basename(s).replace(EXTENSION, ''), setRunner);
      return;
    }
    if (EXTENSION.test(s)) this.put('', s.replace(EXTENSION, ''), setRunner);
    if (DOTTED.test(s)) {
      const parts = s.replace(/\$.*$/s, '').split('.');
      for (let n = 1; n <= parts.length; n++) this.put(parts.slice(0, n - 1).join('/'), parts[n - 1]!, setRunner);
    } else this.put('', s, setRunner);
  }

  /** undefined: no report names the file; else whether a runner of whole test sets does. */
  named(file: string): boolean | undefined {
    const dirs = this.byBase.get(key(path.posix.basename(file).replace(EXTENSION, '')));
    if (!dirs) return undefined;
    const own = path.posix.dirname(file).replace(/^\.$/, '').split('/');
    let found: boolean | undefined;
    for (const [dir, setRunner] of dirs) {
      // The last directories agree (two at most): an absolute runner path, a package, a source root.
      const theirs = dir.split('/');
      const k = Math.min(2, own.length, theirs.length);
      if (dir === '' || (k > 0 && own.slice(-k).join('/') === theirs.slice(-k).join('/'))) found = found === true || setRunner;
    }
    return found;
  }
}

function identities(merged: Merged): Identities {
  const ids = new Identities();
  const runnerOf = new Map(merged.artifacts.map((a) => [a.path, a.runner]));
  const fromSetRunner = (origin: string) => SET_RUNNERS.has(runnerOf.get(origin) ?? '');
  const seen = new Set<string>();
  const add = (s: string | undefined, setRunner: boolean) => {
    if (s === undefined) return;
    const k = `${setRunner ? 1 : 0}${s}`;
    if (seen.has(k)) return;
    seen.add(k);
    ids.add(s, setRunner);
  };
  merged.tests.tally((_status, _count, where) => {
    const setRunner = fromSetRunner(where.origin);
    add(where.file, setRunner);
    add(where.suite, setRunner);
    add(where.package, setRunner);
    const id = 'ids' in where ? where.ids[0] : where.id;
    // The parts of an id before its name: suite, class or module (`pytest::tests.test_db::test_x`).
    if (id) for (const part of id.split('::').slice(0, -1)) add(part, setRunner);
    // A test named as its file is (CTest names a test after its executable).
    if (!('ids' in where) && !/\s/.test(where.name)) add(where.name, setRunner);
  });
  for (const f of merged.findings) {
    const setRunner = fromSetRunner(f.origin);
    add(f.file, setRunner);
    add(f.package, setRunner);
    for (const t of [...f.tests, ...(f.blocks ?? [])]) if (!/\s/.test(t)) add(t, setRunner);
  }
  return ids;
}

/** `required`: the files were named by the test-files setting, not found by convention alone. */
export function unreportedTestFiles(files: readonly TestFile[], merged: Merged, required = false): { findings: Finding[]; info: TestFilesInfo | null } {
  if (files.length === 0) return { findings: [], info: null };
  const ids = identities(merged);
  const named = files.map((f) => ids.named(f.file));
  const folder = (f: TestFile) => `${f.ecosystem}\u0000${path.posix.dirname(f.file)}`;
  const ran = new Set(files.filter((_, i) => named[i] === true).map(folder));
  const findings: Finding[] = [];
  const unreported: TestFilesInfo['unreported'] = [];
  files.forEach((f, i) => {
    if (named[i] !== undefined) return;
    const blocked = required || ran.has(folder(f));
    unreported.push({ file: f.file, ecosystem: f.ecosystem, tests: f.tests.length, blocked });
    if (!blocked) return;
    findings.push({
      kind: 'never-reported',
      file: f.file,
      package: f.file,
      message: `Test file in no report${required ? ' (the test-files setting names it)' : ': the run names the other test files of its folder, not this one'}; its ${f.tests.length} test${f.tests.length === 1 ? '' : 's'} never reported`,
      tests: [],
      blocks: f.tests,
      origin: f.file,
    });
  });
  const count = unreported.length;
  // The blocked ones first: they are what a reviewer must see if the list is cut.
  unreported.sort((a, b) => Number(b.blocked) - Number(a.blocked));
  return {
    findings,
    info: { found: files.length, reported: files.length - count, unreported: unreported.slice(0, LISTED), ...(count > LISTED ? { more: count - LISTED } : {}) },
  };
}
