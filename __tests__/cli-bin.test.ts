import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/fixtures.js';

/*
 * npm sets the executable bit of a package's bin when it runs it (`npx verdict`): unless the
 * committed file already has it, that shows as a mode change in the clone.
 */
describe('the CLI bin, dist/cli.js', () => {
  it('is committed executable', () => {
    const staged = execFileSync('git', ['ls-files', '--stage', 'dist/cli.js'], { cwd: ROOT, encoding: 'utf8' });
    expect(staged.split(' ')[0]).toBe('100755');
  });

  it('is built executable where no earlier build left one', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'verdict-build-'));
    for (const entry of ['scripts/build.mjs', 'src', 'package.json', 'tsconfig.json']) cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: copy });
    expect((statSync(path.join(copy, 'dist/cli.js')).mode & 0o777).toString(8)).toBe('755');
  });
});
