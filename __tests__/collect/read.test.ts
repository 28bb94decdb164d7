import { describe, expect, it } from '@jest/globals';
import { cutAfterLines } from '../../src/collect/read.js';

async function pieces(reads: string[]): Promise<string[]> {
  const out: string[] = [];
  const source = (async function* () {
    for (const r of reads) yield Buffer.from(r);
  })();
  for await (const piece of cutAfterLines(source)) out.push(piece.toString());
  return out;
}

describe('cutAfterLines', () => {
  it('ends each read after its last line break and carries the rest to the next', async () => {
    expect(await pieces(['a\nb\nc', 'd\ne', 'f\n', 'g'])).toEqual(['a\nb\n', 'cd\n', 'ef\n', 'g']);
  });

  it('passes a read without a line break on whole, and one that ends with a break as it is', async () => {
    expect(await pieces(['abc', 'def\n', 'ghi'])).toEqual(['abc', 'def\n', 'ghi']);
  });

  it('never carries more than one read: a long line is passed on as it comes', async () => {
    const got = await pieces(['x\n' + 'y'.repeat(10), 'y'.repeat(10), 'y'.repeat(10), 'z\n']);
    expect(got).toEqual(['x\n', 'y'.repeat(20), 'y'.repeat(10), 'z\n']);
    expect(got.join('')).toBe('x\n' + 'y'.repeat(30) + 'z\n');
  });

  it('yields nothing for nothing', async () => {
    expect(await pieces([])).toEqual([]);
  });
});
