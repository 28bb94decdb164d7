import { describe, expect, it } from '@jest/globals';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../../src/analyze.js';
import { ecosystemOf, findTestFiles, testsDeclared } from '../../src/collect/test-files.js';
import { describeWorkspace } from '../../src/collect/workspace.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { makeSettings } from '../../src/settings/layers.js';
import { ROOT } from '../helpers/fixtures.js';

/*
 * The workspace's test files against the reports: the example project's real jest run
 * (examples/src/ts, its JUnit in examples/artifacts/ts) names both its test files; a test file
 * added beside them that the run left out never reported.
 */

const TS = 'examples/src/ts';

async function exampleCopy(): Promise<string> {
  const ws = await mkdtemp(path.join(tmpdir(), 'verdict-test-files-'));
  await cp(path.join(ROOT, TS), path.join(ws, TS), { recursive: true, filter: (src) => !src.includes('node_modules') });
  await cp(path.join(ROOT, 'examples/artifacts/ts/junit.xml'), path.join(ws, 'junit.xml'));
  return ws;
}

function run(workspace: string, testFiles: string[] = []) {
  return analyze({ workspace, settings: makeSettings({ given: { files: ['junit.xml'], testFiles, gates: {} } }), run: {}, now: new Date(0) });
}

describe('test files in no report', () => {
  it('finds every test file a run names, by the name its report gives it', async () => {
    const r = await run(await exampleCopy());
    expect(r.testFiles).toEqual({ found: 2, reported: 2, unreported: [] });
    expect(r.blockers.filter((b) => b.category === 'never-reported')).toEqual([]);
  });

  it('makes a P0 of a test file the run left out beside reported ones, its tests blocked', async () => {
    const ws = await exampleCopy();
    // A developer's new test file, which the CI runner was never told about.
    await cp(path.join(ws, TS, 'test/invoice.test.js'), path.join(ws, TS, 'test/refund.test.js'));
    const r = await run(ws);
    expect(r.testFiles).toMatchObject({ found: 3, reported: 2, unreported: [{ file: `${TS}/test/refund.test.js`, ecosystem: 'javascript', blocked: true }] });
    const p0 = r.blockers.filter((b) => b.category === 'never-reported');
    expect(p0).toHaveLength(1);
    expect(p0[0]).toMatchObject({ priority: 'P0', file: `${TS}/test/refund.test.js` });
    expect(p0[0]!.blocked.length).toBeGreaterThan(0);
    expect(r.tests.blocked).toBe(p0[0]!.blocked.length);
    expect(r.verdict).toBe('NO-GO');
    expect(renderMarkdown(r)).toContain('**Test files in no report: 1 of 3** (1 blocked');
  });

  it('only lists a test file of a project no report came from', async () => {
    const ws = await exampleCopy();
    await cp(path.join(ROOT, '__tests__/fixtures/istanbul-run/project'), path.join(ws, 'other'), { recursive: true });
    const r = await run(ws);
    expect(r.testFiles?.unreported.map((f) => [f.file, f.blocked])).toEqual([
      ['other/test/cart.test.js', false],
      ['other/test/stock.test.js', false],
    ]);
    expect(r.blockers.filter((b) => b.category === 'never-reported')).toEqual([]);
  });

  it('is scoped by the test-files setting: globs, exclusions, none', async () => {
    const ws = await exampleCopy();
    await cp(path.join(ws, TS, 'test/invoice.test.js'), path.join(ws, TS, 'test/refund.test.js'));
    expect((await run(ws, ['none'])).testFiles).toBeNull();
    expect((await run(ws, [`!${TS}/test/refund.test.js`])).testFiles).toEqual({ found: 2, reported: 2, unreported: [] });
    expect((await run(ws, [`${TS}/test/money.test.js`])).testFiles).toEqual({ found: 1, reported: 1, unreported: [] });
  });

  it('makes a P0 of every file the test-files setting names that no report names, whatever ran', async () => {
    const ws = await exampleCopy();
    await cp(path.join(ROOT, '__tests__/fixtures/istanbul-run/project'), path.join(ws, 'other'), { recursive: true });
    const r = await run(ws, ['other/**']);
    expect(r.blockers.filter((b) => b.category === 'never-reported').map((b) => [b.priority, b.file, b.title])).toEqual([
      ['P0', 'other/test/stock.test.js', 'Test file in no report (the test-files setting names it); its 1 test never reported'],
      ['P0', 'other/test/cart.test.js', 'Test file in no report (the test-files setting names it); its 3 tests never reported'],
    ]);
  });

  it('knows each runner family by its naming conventions, and not dependencies or builds', () => {
    expect(
      ['a/b.test.ts', 'test/x.js', 'src/__tests__/y.tsx', 'tests/test_db.py', 'pkg/db_test.py', 'tests/api.rs', 'src/foo_test.cc', 'tests/FooTest.php', 'src/test/java/com/a/FooTest.java', 'node_modules/x/a.test.js', 'target/tests/a.rs', 'src/db.py', 'src/lib.rs'].map((f) => ecosystemOf(f) ?? '-'),
    ).toEqual(['javascript', 'javascript', 'javascript', 'python', 'python', 'rust', 'cpp', 'php', 'java', '-', '-', '-', '-']);
  });

  it('reads the tests a file declares in each family, and skips files that declare none', async () => {
    const files = await findTestFiles(ROOT, (await describeWorkspace(ROOT)).files, ['examples/src/ts/**', '__tests__/fixtures/logs/src/pytest/**']);
    expect(files.map((f) => [f.file, f.ecosystem, f.tests.length > 0])).toEqual(
      expect.arrayContaining([
        ['examples/src/ts/test/money.test.js', 'javascript', true],
        ['__tests__/fixtures/logs/src/pytest/failing/test_totals.py', 'python', true],
      ]),
    );
    expect(testsDeclared('cpp', 'TEST(Cart, Adds) {\n}\nTEST_F(DbTest, Opens) {}')).toEqual(['Cart.Adds', 'DbTest.Opens']);
    expect(testsDeclared('rust', '#[test]\nfn adds() {}\n#[tokio::test]\nasync fn opens() {}')).toEqual(['adds', 'opens']);
    expect(testsDeclared('java', '@Test\npublic void adds() {}\n@ParameterizedTest\nvoid opens(int x) {}')).toEqual(['adds', 'opens']);
    expect(testsDeclared('php', 'public function testAdds(): void {}\nprivate function helper() {}')).toEqual(['testAdds']);
  });
});
