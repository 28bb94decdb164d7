import { describe, expect, it } from '@jest/globals';
import { parseCorpus, parseText } from '../../helpers/fixtures.js';

describe('Go coverage profile', () => {
  it('expands blocks to every line they span, as gocover-cobertura counts them', async () => {
    const { format, output } = await parseCorpus('go-coverprofile/gocover-cobertura/testdata_overlap.txt');
    expect(format).toBe('go-coverprofile');
    const file = output.coverage[0]!;
    expect(file.path).toBe('github.com/boumenot/gocover-cobertura/testdata/func_overlap.go');
    // Line 11 lies in 10.13,12.3 (did not run) and in 9.30,12.3 (ran): a line is covered when any block on it ran.
    expect([...file.lines].sort((a, b) => a[0] - b[0])).toEqual([
      [9, 1],
      [10, 1],
      [11, 1],
      [12, 1],
      [13, 1],
    ]);
  });

  it('adds up the same block reported by several test binaries (-coverpkg) and keeps distinct blocks apart', async () => {
    const profile = [
      'mode: count',
      'example.com/m/a.go:3.10,5.2 2 0',
      'example.com/m/a.go:3.10,5.2 2 4',
      'example.com/m/a.go:7.1,8.2 1 0',
      'example.com/m/a.go:7.1,8.2 1 0',
    ].join('\n');
    const { output } = await parseText('cover.out', profile);
    expect(Object.fromEntries(output.coverage[0]!.lines)).toEqual({ 3: 4, 4: 4, 5: 4, 7: 0, 8: 0 });
  });

  it('reads set and atomic modes, and names bad lines', async () => {
    const { output } = await parseText('c.out', 'mode: atomic\nx.go:1.1,1.9 1 7\ngarbage here\n');
    expect(Object.fromEntries(output.coverage[0]!.lines)).toEqual({ 1: 7 });
    expect(output.diagnostics).toEqual([{ file: 'c.out', line: 3, message: "not a coverage block: 'garbage here'; skipped" }]);
  });

  it('lists the first five malformed lines and counts the rest', async () => {
    const { output } = await parseText('c.out', `mode: set\n${'garbage\n'.repeat(8)}x.go:1.1,1.9 1 1\n`);
    expect(output.diagnostics).toEqual([
      ...[2, 3, 4, 5, 6].map((line) => ({ file: 'c.out', line, message: "not a coverage block: 'garbage'; skipped" })),
      { file: 'c.out', message: '3 more malformed lines not listed' },
    ]);
  });
});
