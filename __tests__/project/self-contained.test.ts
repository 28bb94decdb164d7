import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, ROOT } from '../helpers/fixtures.js';

/*
 * A clone is the whole project: nothing the tests, scripts or docs use lives beside it. `.ci/run`
 * proves it by running the tests in a fresh clone with nothing beside it; these tests say which
 * file broke the rule when one does.
 */

function filesUnder(dir: string, skip: (rel: string) => boolean = () => false): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((rel) => path.posix.join(dir, rel.split(path.sep).join('/')))
    .filter((rel) => !skip(rel) && statSync(path.join(ROOT, rel)).isFile());
}

const OUTSIDE = ['..', 'shared'].join('/');

describe('a fresh clone is the whole project', () => {
  it('no code, test, script or doc names a file beside the clone', () => {
    const files = [
      ...filesUnder('src'),
      ...filesUnder('__tests__', (rel) => rel.startsWith('__tests__/fixtures/')),
      ...filesUnder('scripts'),
      ...filesUnder('bench', (rel) => rel.startsWith('bench/out')),
      ...filesUnder('docs'),
      ...filesUnder('.ci'),
      ...filesUnder('.github'),
      'README.md',
      'action.yml',
      'package.json',
      'jest.config.js',
    ];
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => readFileSync(path.join(ROOT, f), 'utf8').includes(OUTSIDE))).toEqual([]);
  });

  // A fixture that .gitignore matches (a corpus folder named coverage/) is on this disk but in no clone;
  // the demo's output (examples/out/) is the one thing meant to stay local.
  it.each(['__tests__', 'examples', 'docs', 'scripts'])('git ignores no file under %s', (dir) => {
    if (!existsSync(path.join(ROOT, '.git'))) return;
    expect(execFileSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--', dir], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => f && !f.includes('node_modules') && !f.startsWith('examples/out/'))).toEqual([]);
  });

  it("every relative link in README.md and docs/ names a file of the repository", () => {
    const broken: string[] = [];
    for (const doc of ['README.md', ...filesUnder('docs').filter((f) => f.endsWith('.md'))]) {
      for (const [, target] of readFileSync(path.join(ROOT, doc), 'utf8').matchAll(/\]\(([^)#\s]+)[^)]*\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue;
        const resolved = path.resolve(ROOT, path.dirname(doc), target!);
        const inside = !path.relative(ROOT, resolved).startsWith('..');
        if (!inside || !statSync(resolved, { throwIfNoEntry: false })) broken.push(`${doc}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  describe('the corpus of real reports', () => {
    const manifest = readFileSync(path.join(CORPUS, 'MANIFEST.md'), 'utf8');
    const licences = readFileSync(path.join(CORPUS, 'LICENSES.md'), 'utf8');
    const rows = [...manifest.matchAll(/^\| `([^`]+)` \| [^|]* \| ([^@|\s]+)@[0-9a-f]+:/gm)].map(([, file, repo]) => ({ file: file!, repo: repo! }));
    const own = new Set(['MANIFEST.md', 'LICENSES.md', 'expected.json']);

    it('MANIFEST.md gives the origin of every file, and every file it lists is here', () => {
      const present = filesUnder('__tests__/fixtures/corpus').map((f) => path.posix.relative('__tests__/fixtures/corpus', f)).filter((f) => !own.has(f));
      expect(present.length).toBeGreaterThan(400);
      expect(new Set(rows.map((r) => r.file))).toEqual(new Set(present));
    });

    it('LICENSES.md names the licence of every repository a file came from', () => {
      const repos = [...new Set(rows.map((r) => r.repo))];
      expect(repos.filter((repo) => !new RegExp(`^\\| \`?${repo.replace(/[.]/g, '\\.')}\`? \\| \\S`, 'm').test(licences))).toEqual([]);
    });
  });
});
