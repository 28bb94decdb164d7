import { describe, expect, it } from '@jest/globals';
import { parseCorpus, parseText } from '../helpers/fixtures.js';

describe('lcov', () => {
  it('reads line hits per file; the totals match the summary istanbul wrote in the same run', async () => {
    const { format, output } = await parseCorpus('../istanbul-run/coverage/lcov.info');
    expect(format).toBe('lcov');
    let covered = 0;
    let total = 0;
    for (const f of output.coverage) {
      for (const hits of f.lines.values()) {
        total++;
        if (hits > 0) covered++;
      }
    }
    // coverage-summary.json of the same run (__tests__/fixtures/istanbul-run): total.lines = 18 / 23
    expect([covered, total]).toEqual([18, 23]);
    expect(output.diagnostics).toEqual([]);
  });

  it('names the line of a bad record and keeps the good ones', async () => {
    const { output } = await parseText('cov.info', 'SF:src/a.ts\nDA:1,1\nDA:x,1\nDA:3,0\nend_of_record\n');
    expect(output.coverage).toHaveLength(1);
    expect([...output.coverage[0]!.lines]).toEqual([
      [1, 1],
      [3, 0],
    ]);
    expect(output.diagnostics).toEqual([{ file: 'cov.info', line: 3, message: "bad lcov line 'DA:x,1'; skipped" }]);
  });

  it('says when the last record is cut off', async () => {
    const { output } = await parseText('cov.info', 'SF:src/a.ts\nDA:1,1\n');
    expect(output.coverage).toHaveLength(1);
    expect(output.diagnostics[0]!.message).toMatch(/no end_of_record/);
  });

  it('lists the first five bad lines and counts the rest', async () => {
    const { output } = await parseText('cov.info', `SF:src/a.ts\nDA:1,1\n${'DA:x,1\n'.repeat(7)}`);
    expect(output.diagnostics).toEqual([
      ...[3, 4, 5, 6, 7].map((line) => ({ file: 'cov.info', line, message: "bad lcov line 'DA:x,1'; skipped" })),
      { file: 'cov.info', message: 'last record for src/a.ts has no end_of_record (truncated file?)' },
      { file: 'cov.info', message: '2 more bad lines not listed' },
    ]);
  });
});
