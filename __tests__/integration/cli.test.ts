import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ReportSchema } from '../../src/model/report.js';
import { makeWorkspace } from '../helpers/action.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, CORPUS } from '../helpers/fixtures.js';

const local = (name: string) => path.join(ROOT, '__tests__/fixtures/reports', name);

describe('verdict CLI', () => {
  it('exit 0 on GO, with the short verdict on stdout and the reports where asked', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml'), 'lcov.info': local('all-pass.lcov') });
    const r = runCli(['--json', 'out/report.json', '--markdown', 'out/report.md', '--min-coverage', '75', 'junit.xml', '*.info'], ws);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'Verdict: GO  (P0 0 · P1 0 · P2 0 · P3 0)',
      'Tests: 3 total — 3 passed, 0 failed, 0 errored, 0 skipped, 0 flaky, 0 blocked · pass rate 100%',
      'Coverage: 75% of lines (3/4)',
    ]);
    const report = ReportSchema.parse(JSON.parse(await readFile(path.join(ws, 'out/report.json'), 'utf8')));
    expect(report.verdict).toBe('GO');
    expect(await readFile(path.join(ws, 'out/report.md'), 'utf8')).toMatch(/^## ✅ GO/);
  });

  it('exit 1 on NO-GO, listing blockers with file:line', async () => {
    const ws = await makeWorkspace({ 'r.xml': path.join(CORPUS, 'junit-xml/test-reporter/fixtures/jest-junit.xml') });
    const r = runCli(['r.xml'], ws);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Verdict: NO-GO  (P0 0 · P1 4 · P2 0 · P3 1)');
    expect(r.stdout).toContain('P1  Failing test failed: Error: expect(received).toBeTruthy() Received: false  (__tests__/main.test.js:10)');
  });

  it('says where the blockers it leaves out are: the --json file, or how to get one', async () => {
    const ws = await makeWorkspace({ 'r.xml': path.join(CORPUS, 'junit-xml/test-reporter/fixtures/jest-junit.xml') });
    expect(runCli(['r.xml'], ws).stdout).toContain('\n…and 1 more blocker (P3 and beyond the first 20): run with --json FILE for all of them\n');
    expect(runCli(['--json', 'out/report.json', 'r.xml'], ws).stdout).toContain('\n…and 1 more blocker (P3 and beyond the first 20) in the full report, out/report.json\n');
  });

  it('exit 2 on a bad flag value, naming the flag', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml') });
    const r = runCli(['--max-p1', 'two', 'junit.xml'], ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("verdict: --max-p1: must be a whole number, 0 or more (got 'two')\n");
  });

  it('exit 2 on a rate written as a fraction, naming the flag; 0.9% is taken as written', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml') });
    const r = runCli(['--min-pass-rate', '0.9', 'junit.xml'], ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("verdict: --min-pass-rate: 0.9 would mean 0.9%; write 90 for 90% (or 0.9% if 0.9 percent is meant) (got '0.9')\n");
    expect(runCli(['--min-pass-rate', '0.9%', '--max-coverage-drop', '0.5', 'junit.xml'], ws).code).toBe(0);
  });

  it('reads 80% from the config file as the flag reads it', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml'), 'lcov.info': local('all-pass.lcov') });
    await writeFile(path.join(ws, 'verdict.yml'), 'gates:\n  min-coverage: 80%\n');
    const fromFile = runCli(['--config', 'verdict.yml', 'junit.xml', 'lcov.info'], ws);
    const fromFlag = runCli(['--min-coverage', '80%', 'junit.xml', 'lcov.info'], ws);
    expect(fromFile.stderr).toBe('');
    expect(fromFile.code).toBe(1);
    expect(fromFile.stdout).toBe(fromFlag.stdout);
    expect(fromFile.stdout).toContain('FAIL  Line coverage: 75% (target ≥ 80%)');
  });

  it('exit 2 on an output path that is a directory, naming the flag, before any analysis', async () => {
    // No report matches: the analysis would stop on that, so the output check came first.
    const ws = await mkdtemp(path.join(tmpdir(), 'verdict-out-'));
    await mkdir(path.join(ws, 'out'));
    expect(runCli(['--json', 'out', 'reports/*.xml'], ws)).toMatchObject({ code: 2, stdout: '', stderr: 'verdict: --json out: is a directory; give a file path\n' });
    expect(runCli(['--markdown', ws, 'reports/*.xml'], ws)).toMatchObject({ code: 2, stdout: '', stderr: `verdict: --markdown ${ws}: is a directory; give a file path\n` });
    expect(runCli(['--json', '', 'reports/*.xml'], ws)).toMatchObject({ code: 2, stdout: '', stderr: 'verdict: --json: needs a file path\n' });
  });

  it('exit 2 on an output path under a file, naming the flag and the file in the way', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml') });
    const r = runCli(['--json', 'junit.xml/out/report.json', 'junit.xml'], ws);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'verdict: --json junit.xml/out/report.json: junit.xml is not a directory\n' });
    const absolute = path.join(ws, 'junit.xml/report.md');
    expect(runCli(['--markdown', absolute, 'junit.xml'], ws)).toMatchObject({ code: 2, stdout: '', stderr: `verdict: --markdown ${absolute}: ${path.join(ws, 'junit.xml')} is not a directory\n` });
  });

  it('exit 2 on an output path in a directory nobody may write in', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml') });
    const locked = path.join(ws, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o555);
    await chmod(ws, 0o755);
    // Root writes anywhere: as root, the run is made as the unprivileged user 'nobody'.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const r = runCli(['--markdown', 'locked/out/report.md', 'junit.xml'], ws, asNobody);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: `verdict: --markdown locked/out/report.md: cannot write in ${locked} (EACCES)\n` });
  });

  it('exit 2 when writing an output fails after all, naming the flag', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml') });
    // /dev/full takes the open and refuses every write, as a full disk does.
    const r = runCli(['--markdown', '/dev/full', 'junit.xml'], ws);
    expect(r).toMatchObject({ code: 2, stderr: 'verdict: --markdown /dev/full: could not be written (ENOSPC)\n' });
  });

  it('exit 2 on a --baseline that cannot be read, naming it', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml') });
    const r = runCli(['--baseline', 'missing.json', 'junit.xml'], ws);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: "verdict: --baseline: baseline missing.json could not be read: ENOENT: no such file or directory, open 'missing.json'\n" });
  });

  it('from a subdirectory of the checkout, or with --workspace, reports what it reports from the root', async () => {
    // The example project as a repository of its own; its config at the default place.
    const repo = await mkdtemp(path.join(tmpdir(), 'verdict-repo-'));
    for (const dir of ['src', 'artifacts']) await cp(path.join(ROOT, 'examples', dir), path.join(repo, dir), { recursive: true });
    await mkdir(path.join(repo, '.github'));
    await cp(path.join(ROOT, 'examples/verdict.yml'), path.join(repo, '.github/verdict.yml'));
    expect(spawnSync('git', ['init', '-q'], { cwd: repo }).status).toBe(0);
    const sub = path.join(repo, 'src/go/cart');
    const run = async (cwd: string, args: string[]) => {
      const r = runCli(['--json', 'out.json', ...args], cwd);
      // The time it was made is all that may differ.
      const report = { ...JSON.parse(await readFile(path.join(cwd, 'out.json'), 'utf8')), generatedAt: undefined };
      return { code: r.code, stdout: r.stdout, stderr: r.stderr, report };
    };
    const fromRoot = await run(repo, ['artifacts/**']);
    expect(fromRoot).toMatchObject({ code: 1, stderr: '', report: { name: 'Verdict demo' } });
    expect(fromRoot.report.artifacts.map((a: { path: string }) => a.path)).toContain('artifacts/go/go-test.json');
    expect(fromRoot.report.blockers.map((b: { file: string }) => b.file)).toContain('src/go/inventory/inventory_test.go');
    expect(await run(sub, ['../../../artifacts/**'])).toEqual(fromRoot);
    expect(await run(sub, ['--config', '../../../.github/verdict.yml', '../../../artifacts/**'])).toEqual(fromRoot);
    const outside = await mkdtemp(path.join(tmpdir(), 'verdict-elsewhere-'));
    expect(await run(outside, ['--workspace', repo, path.join(repo, 'artifacts/**')])).toEqual(fromRoot);
    // With no pattern, the default locations are searched from the root too.
    const byDefault = await run(repo, []);
    expect(byDefault.report.artifacts.map((a: { path: string }) => a.path)).toContain('artifacts/ts/junit.xml');
    expect(await run(sub, [])).toEqual(byDefault);
  });

  it('reads patterns typed in a subdirectory from there: exclusions, and glob characters in its name taken as they are', async () => {
    // As a glob, 'ci [linux]' would also be 'ci l'.
    const ws = await makeWorkspace({
      'ci [linux]/reports/junit.xml': local('all-pass.junit.xml'),
      'ci [linux]/reports/old.junit.xml': local('all-pass.junit.xml'),
      'ci l/reports/junit.xml': local('all-pass.junit.xml'),
    });
    expect(spawnSync('git', ['init', '-q'], { cwd: ws }).status).toBe(0);
    const r = runCli(['--json', 'out.json', 'reports/*.xml', '!reports/old*'], path.join(ws, 'ci [linux]'));
    expect(r.code).toBe(0);
    const report = JSON.parse(await readFile(path.join(ws, 'ci [linux]/out.json'), 'utf8'));
    expect(report.artifacts.map((a: { path: string }) => a.path)).toEqual(['ci [linux]/reports/junit.xml']);
  });

  it('exit 2 on a --workspace that is not a directory', () => {
    expect(runCli(['--workspace', 'no/such/dir'], ROOT)).toMatchObject({ code: 2, stdout: '', stderr: 'verdict: --workspace no/such/dir: is not a directory\n' });
  });

  it('exit 2 on an unknown option, with the usage', async () => {
    const r = runCli(['--frobnicate'], ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--frobnicate'[\s\S]*Usage: verdict/);
  });

  it('exit 2 when nothing matches', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'verdict-empty-'));
    const r = runCli(['reports/*.xml'], ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no report file found: nothing matches the patterns reports/*.xml in ');
  });

  it('exit 2 on a config error naming the key path', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml') });
    await writeFile(path.join(ws, 'verdict.yml'), 'gates:\n  min-coverage: 150\n');
    const r = runCli(['--config', 'verdict.yml', 'junit.xml'], ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('verdict: verdict.yml: gates.min-coverage: must be a percentage from 0 to 100\n');
  });

  it('flags win over the config file', async () => {
    const ws = await makeWorkspace({ 'junit.xml': local('all-pass.junit.xml'), 'lcov.info': local('all-pass.lcov') });
    await writeFile(path.join(ws, 'verdict.yml'), 'gates:\n  min-coverage: 90\n');
    expect(runCli(['--config', 'verdict.yml', 'junit.xml', 'lcov.info'], ws).code).toBe(1);
    expect(runCli(['--config', 'verdict.yml', '--min-coverage', '70', 'junit.xml', 'lcov.info'], ws).code).toBe(0);
  });

  it('--help documents the usage and exits 0', () => {
    const r = runCli(['--help'], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: verdict [options] PATTERN...');
    expect(r.stdout).toContain('Exit status: 0 GO, 1 NO-GO, 2 usage, config or input error.');
  });
});
