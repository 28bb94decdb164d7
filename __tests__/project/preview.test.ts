import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildReport } from '../../src/pipeline.js';
import { ROOT } from '../helpers/fixtures.js';
import { context, parsed, test } from '../helpers/model.js';

// `npm run preview` without Chromium (PREVIEW_PNG=0): the HTML GitHub's renderer and CSS make of the comment.
describe('npm run preview', () => {
  it('renders a report’s comment and summary to HTML, with GitHub’s CSS and the comment’s folds', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verdict-preview-test-'));
    const report = buildReport([parsed('junit.xml', 'junit-xml', { tests: [test('adds', 'failed', { file: 'src/a.test.ts', line: 2, failure: { message: 'no' } })] })], context());
    await writeFile(path.join(dir, 'report.json'), JSON.stringify(report));
    const r = spawnSync(process.execPath, ['scripts/preview.mjs', path.join(dir, 'report.json'), dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PREVIEW_PNG: '0' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const html = await readFile(path.join(dir, 'comment.html'), 'utf8');
    expect(html).toContain('.markdown-body');
    expect(html).toContain('<h2>❌ NO-GO — Verdict</h2>');
    expect(html).toContain('<details>');
    expect(html).toMatch(/<table>[^]*<th>Blocker<\/th>/);
    expect(r.stdout).toMatch(/comment: \d+ characters/);
  }, 30_000);
});
