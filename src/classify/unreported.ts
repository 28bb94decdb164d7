import path from 'node:path';
import type { TestFile } from '../collect/test-files.js';
import type { Merged } from '../merge/merge.js';
import type { Finding, TestFilesInfo } from '../model/report.js';
import { toPosix } from '../text/paths.js';

/*
 * Test files in the workspace that no report names. Where the reports of an ecosystem name other
 * test files of the same project, its runner ran that project's tests, and a file it left out
 * never reported: a P0 whose tests count as blocked. Elsewhere (a project no report came from)
 * the file is only listed: it may simply not be this workflow's to run.
 */

const EXTENSION = /\.[A-Za-z0-9]{1,5}$/;
const DOTTED = /^[\w$]+(?:\.[\w$]+)+$/;
const LISTED = 200;

/** Where reports say tests came from, by base name (no extension): the directories that go with it. */
class Identities {
  private readonly byBase = new Map<string, Set<string>>();

  private put(dir: string, base: string): void {
    let dirs = this.byBase.get(base);
    if (!dirs) this.byBase.set(base, (dirs = new Set()));
    dirs.add(dir);
  }

  /** A path, a file name, a dotted module or class name (`tests.test_db`, `com.acme.FooTest$Inner`) or a plain name. */
  add(raw: string | undefined): void {
    if (!raw || raw.length > 1000) return;
    const s = toPosix(raw.trim());
    if (s.includes('/')) {
      const base = path.posix.basename(s).replace(EXTENSION, '');
      this.put(path.posix.dirname(s).replace(/^\.$/, ''), base);
      return;
    }
    if (EXTENSION.test(s)) this.put('', s.replace(EXTENSION, ''));
    if (DOTTED.test(s)) {
      const parts = s.replace(/\$.*$/, '').split('.');
      for (let n = 1; n <= parts.length; n++) this.put(parts.slice(0, n - 1).join('/'), parts[n - 1]!);
    } else this.put('', s);
  }

  names(file: string): boolean {
    const dirs = this.byBase.get(path.posix.basename(file).replace(EXTENSION, ''));
    if (!dirs) return false;
    const own = path.posix.dirname(file).replace(/^\.$/, '').split('/');
    for (const dir of dirs) {
      if (dir === '') return true;
      // The last directories agree (two at most): an absolute runner path, a package, a source root.
      const theirs = dir.split('/');
      const k = Math.min(2, own.length, theirs.length);
      if (k > 0 && own.slice(-k).join('/') === theirs.slice(-k).join('/')) return true;
    }
    return false;
  }
}

function identities(merged: Merged): Identities {
  const ids = new Identities();
  const seen = new Set<string>();
  const add = (s: string | undefined) => {
    if (s !== undefined && !seen.has(s)) {
      seen.add(s);
      ids.add(s);
    }
  };
  merged.tests.tally((_status, _count, where) => {
    add(where.file);
    add(where.suite);
    add(where.package);
    const id = 'ids' in where ? where.ids[0] : where.id;
    // The parts of an id before its name: suite, class or module (`pytest::tests.test_db::test_x`).
    if (id) for (const part of id.split('::').slice(0, -1)) add(part);
  });
  for (const f of merged.findings) add(f.file);
  return ids;
}

export function unreportedTestFiles(files: readonly TestFile[], merged: Merged): { findings: Finding[]; info: TestFilesInfo | null } {
  if (files.length === 0) return { findings: [], info: null };
  const ids = identities(merged);
  const reported = files.map((f) => ids.names(f.file));
  const ran = new Set(files.filter((_, i) => reported[i]).map((f) => `${f.ecosystem}\u0000${f.root}`));
  const findings: Finding[] = [];
  const unreported: TestFilesInfo['unreported'] = [];
  files.forEach((f, i) => {
    if (reported[i]) return;
    const blocked = ran.has(`${f.ecosystem}\u0000${f.root}`);
    unreported.push({ file: f.file, ecosystem: f.ecosystem, tests: f.tests.length, blocked });
    if (!blocked) return;
    findings.push({
      kind: 'never-reported',
      file: f.file,
      package: f.file,
      message: `${f.file} appears in no report, though the ${f.ecosystem} reports name other test files of ${f.root || 'the repository'}: its ${f.tests.length} test${f.tests.length === 1 ? '' : 's'} never reported`,
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
