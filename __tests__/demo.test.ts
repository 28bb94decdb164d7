import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { ROOT } from './helpers/fixtures.js';

describe('npm run demo', () => {
  it('ends with the verdict line it starts with, on screen when the output stops', () => {
    const r = spawnSync(process.execPath, ['scripts/demo.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const verdict = lines.find((line) => line.startsWith('Verdict: '));
    expect(verdict).toMatch(/^Verdict: NO-GO {2}\(P0 \d+/);
    expect(lines.at(-1)).toBe(verdict);
    expect(r.stdout).toContain('in the full report, examples/out/report.json\n');
  });
});
