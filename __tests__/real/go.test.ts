import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { analyzeReal, brief, projectFile, REAL } from '../helpers/real.js';

/*
 * A real Go module (go 1.19, gotestsum 1.8; __tests__/fixtures/real/go/MANIFEST.md): vetonly
 * builds and passes but go vet finds two problems go test's vet subset does not check;
 * vetprintf's printf misuse is in that subset, so go test runs vet, says `[build failed]` and
 * runs none of its tests; broken does not compile; shapes has coverage where lines and
 * statements differ; ledger has assertion failures (two share a cause), a skip and a panic;
 * setup's TestMain exits before any test; slow outlives -timeout.
 */

const BROKEN = 'P0 compile @ broken.go:9 blocks 2: example.com/gx/broken does not build: undefined: missing';
const VET_PRINTF = 'P2 vet @ vetprintf.go:8: go vet in example.com/gx/vetprintf: fmt.Sprintf format %s has arg n of wrong type int';
const VET_NOT_RUN =
  'P0 not-built blocks 2: Test executable not built in example.com/gx/vetprintf: go test did not run the tests of example.com/gx/vetprintf: go vet, which go test runs before the tests, reported 1 problem';
// go test -json (1.19) says only `[build failed]`: without the build log, vet and compiler look alike.
const UNEXPLAINED_VETPRINTF =
  'P0 compile blocks 2: example.com/gx/vetprintf does not build: package example.com/gx/vetprintf failed to build or failed go vet (go test says [build failed] for both); t… (truncated)';
const RUN = [
  'P0 crash blocks 1: Test binary failed in example.com/gx/setup: test binary of example.com/gx/setup failed with no failing test: setup: SETUP_DSN is not set; cannot reach the database',
  'P0 panic @ ledger.go:18 blocks 1: Panic in TestNth: runtime error: index out of range [3] with length 1 in ledger.Nth',
  'P0 timeout: Timeout in example.com/gx/slow: test binary timed out after 3s while running TestWaitsTooLong',
  'P1 test-failure @ ledger_test.go:19: TestBalance failed: Balance = 3, want 4',
  // One rounding bug, two wrong values: nothing in the evidence joins them.
  'P1 test-failure @ ledger_test.go:13: TestFeeLarge failed: Fee(1250) = 12, want 13',
  'P1 test-failure @ ledger_test.go:7: TestFeeSmall failed: Fee(150) = 1, want 2',
  'P2 skipped-environment: 1 test skipped: export needs a ledger server',
];

describe('go vet', () => {
  const vet = (prefix = '') => [
    'P0 compile @ broken.go:9 blocks 2: example.com/gx/broken does not build: undeclared name: missing',
    'P2 vet @ vetonly.go:13: go vet in example.com/gx/vetonly: ' + prefix.replace('*', 'copylocks') + 'Snapshot passes lock by value: example.com/gx/vetonly.Counter contains sync.Mutex',
    'P2 vet @ vetonly.go:22: go vet in example.com/gx/vetonly: ' + prefix.replace('*', 'unreachable') + 'unreachable code',
    'P2 vet @ vetprintf.go:8: go vet in example.com/gx/vetprintf: ' + prefix.replace('*', 'printf') + 'fmt.Sprintf format %s has arg n of wrong type int',
  ];

  it.each([
    ['go-vet.log', ''],
    ['go-vet-json.log', '*: '],
  ])('%s: each vet finding is a P2 at file:line, never a build failure; the package vet could not type-check does not build', async (file, prefix) => {
    const report = await analyzeReal('go', [file]);
    expect(report.blockers.map(brief)).toEqual(vet(prefix));
    expect(report.blockers.map((b) => `${b.file}:${b.line}`)).toEqual([
      projectFile('go', 'broken/broken.go:9'),
      projectFile('go', 'vetonly/vetonly.go:13'),
      projectFile('go', 'vetonly/vetonly.go:22'),
      projectFile('go', 'vetprintf/vetprintf.go:8'),
    ]);
    expect(report.tests.blocked).toBe(2);
    expect(report.verdict).toBe('NO-GO');
  });

  it('a vet rule in the config moves vet findings to P0', async () => {
    const report = await analyzeReal('go', ['go-vet.log'], { rules: [{ category: 'vet', priority: 'P0', reason: 'vet blocks releases here' }] });
    expect(report.blockers.filter((b) => b.category === 'vet').map((b) => b.priority)).toEqual(['P0', 'P0', 'P0']);
  });
});

describe('go test', () => {
  it('build.log (stderr of go test -json -coverprofile): the compile error is P0, the vet failure P2, columns lost to the cover tool', async () => {
    const report = await analyzeReal('go', ['build.log']);
    expect(report.blockers.map(brief)).toEqual([BROKEN, VET_PRINTF]);
    expect(report.blockers[1]!.file).toBe(projectFile('go', 'vetprintf/vetprintf.go'));
  });

  it('go-test.json: totals as go reports them, both [build failed] packages unexplained without the build log', async () => {
    const report = await analyzeReal('go', ['go-test.json']);
    expect(report.blockers.map(brief)).toEqual([
      'P0 compile blocks 2: example.com/gx/broken does not build: package example.com/gx/broken failed to build or failed go vet (go test says [build failed] for both); the… (truncated)',
      UNEXPLAINED_VETPRINTF,
      ...RUN,
    ]);
    // 12 tests reported ("DONE 12 tests, 1 skipped, 6 failures, 2 errors" less the timed-out and
    // panicked tests' unreported neighbours): 6 pass, 5 fail, 1 skip; 6 never ran.
    expect(report.tests).toMatchObject({ total: 12, passed: 6, failed: 5, skipped: 1, blocked: 6 });
    expect(report.verdict).toBe('NO-GO');
  });

  it('go-test-cut.json: a stream cut short is a P0, the test it cut is lost (not failed), the failures before the cut stay', async () => {
    const report = await analyzeReal('go', ['go-test-cut.json']);
    expect(report.blockers.map(brief)).toEqual([
      'P0 compile blocks 2: example.com/gx/broken does not build: package example.com/gx/broken failed to build or failed go vet (go test says [build failed] for both); the… (truncated)',
      `P0 truncated @ go-test-cut.json:19 blocks 1: Report ends early (no result for example.com/gx/ledger, line 19): every test after the cut is lost`,
      'P1 test-failure @ ledger_test.go:19: TestBalance failed: Balance = 3, want 4',
      // One rounding bug, two wrong values: nothing in the evidence joins them.
      'P1 test-failure @ ledger_test.go:13: TestFeeLarge failed: Fee(1250) = 12, want 13',
      'P1 test-failure @ ledger_test.go:7: TestFeeSmall failed: Fee(150) = 1, want 2',
    ]);
    expect(report.blockers[1]!.blocked).toEqual(['TestBalanceEmpty']);
    expect(report.tests).toMatchObject({ total: 3, failed: 3, blocked: 3 });
    expect(report.diagnostics.map((d) => d.message)).toEqual(['line is not valid JSON (truncated stream?); skipped']);
    expect(report.verdict).toBe('NO-GO');
  });

  it.each(['go-test.txt', 'gotestsum-short.txt', 'gotestsum-standard-verbose.txt', 'gotestsum-testname.txt', 'gotestsum-pkgname.txt'])(
    '%s: the compile error lands on its own package, vet on vetprintf, and the tests go test did not run are a P0',
    async (file) => {
      const report = await analyzeReal('go', [file]);
      expect(report.blockers.map(brief)).toEqual([BROKEN, VET_NOT_RUN, VET_PRINTF]);
      expect(report.blockers.flatMap((b) => b.locations.map((l) => `${l.file}:${l.line}`))).toEqual([projectFile('go', 'broken/broken.go:9'), projectFile('go', 'vetprintf/vetprintf.go:8')]);
    },
  );
});

describe('coverage', () => {
  const cover = readFileSync(`${REAL}/go/out/cover-func.txt`, 'utf8');
  const goTotal = /^total:\s+\(statements\)\s+([\d.]+)%$/m.exec(cover)![1]!;

  it('statements beside lines, equal to what go tool cover -func prints; lines stay the gated figure', async () => {
    const report = await analyzeReal('go', ['coverage.out']);
    const st = report.coverage!.statements!;
    expect(goTotal).toBe('87.0');
    expect(((100 * st.covered) / st.total).toFixed(1)).toBe(goTotal);
    expect(report.coverage!.lines).toEqual({ covered: 28, total: 37, percent: 75.67 });
    expect(renderText(report)).toContain('Coverage: 75.67% of lines (28/37), 86.95% of statements (20/23)');
    expect(renderMarkdown(report)).toContain('line coverage 75.67% (28/37) (stmts 86.95%, 20/23)');
  });

  it('per subsystem: statements of the package beside its lines', async () => {
    const report = await analyzeReal('go', ['go-test.json', 'coverage.out']);
    const cell = (name: string) => {
      const s = report.subsystems.find((x) => x.name === name)!;
      return `${s.coverage?.covered}/${s.coverage?.total} lines, ${s.statements?.covered}/${s.statements?.total} stmts`;
    };
    // shapes.go as go tool cover -func has it: Area 7/8, Perimeter 4/4, Scale 2/3 statements.
    expect(cell('example.com/gx/shapes')).toBe('19/25 lines, 13/15 stmts');
    expect(cell('example.com/gx/vetonly')).toBe('8/11 lines, 6/7 stmts');
    expect(renderMarkdown(report)).toContain('(stmts 86.66%)');
  });

  it('two profiles of one package merge block by block, as go tool cover reads them together', async () => {
    const both = /^total:\s+\(statements\)\s+([\d.]+)%$/m.exec(readFileSync(`${REAL}/go/out/cover-func-both.txt`, 'utf8'))![1]!;
    const alone = await Promise.all(['coverage-area.out', 'coverage-scale.out'].map((f) => analyzeReal('go', [f])));
    expect(alone.map((r) => `${r.coverage!.statements!.covered}/${r.coverage!.statements!.total}`)).toEqual(['7/15', '6/15']);
    const report = await analyzeReal('go', ['coverage-area.out', 'coverage-scale.out']);
    const st = report.coverage!.statements!;
    expect(both).toBe('86.7');
    expect(((100 * st.covered) / st.total).toFixed(1)).toBe(both);
  });
});

describe('all files together', () => {
  it('each problem once, vet apart from compile errors; totals as go test -json has them', async () => {
    const report = await analyzeReal('go', ['go-vet.log', 'build.log', 'go-test.json', 'coverage.out']);
    expect(report.blockers.map(brief)).toEqual([
      // go vet's type check and the compiler each word the one error their own way.
      'P0 compile @ broken.go:9 blocks 2: example.com/gx/broken does not build: undefined: missing (+1 more error)',
      RUN[0],
      // The build log's vet finding explains the stream's `[build failed]`: vet stopped the package, not the compiler.
      'P0 not-built @ vetprintf.go:8 blocks 2: Test executable not built in example.com/gx/vetprintf: go vet failed (fmt.Sprintf format %s has arg n of wrong type int), so go test ran none of its tests',
      ...RUN.slice(1),
      'P2 vet @ vetonly.go:13: go vet in example.com/gx/vetonly: Snapshot passes lock by value: example.com/gx/vetonly.Counter contains sync.Mutex',
      'P2 vet @ vetonly.go:22: go vet in example.com/gx/vetonly: unreachable code',
      VET_PRINTF,
    ]);
    expect(report.tests).toMatchObject({ total: 12, passed: 6, failed: 5, skipped: 1 });
    expect(report.verdict).toBe('NO-GO');
  });
});
