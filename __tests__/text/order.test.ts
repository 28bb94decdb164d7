import { describe, expect, it } from '@jest/globals';
import { compareText } from '../../src/text/order.js';

describe('compareText', () => {
  it('orders as localeCompare does: case, accents, digits and punctuation', () => {
    const words = ['b', 'B', 'a', 'á', 'A', 'z10', 'z9', 'file_b', 'file-a', 'Éclair', 'eclair', '', ' x', '😀'];
    const sign = (n: number) => Math.sign(n);
    for (const a of words) for (const b of words) expect([a, b, sign(compareText(a, b))]).toEqual([a, b, sign(a.localeCompare(b))]);
    expect([...words].sort(compareText)).toEqual([...words].sort((a, b) => a.localeCompare(b)));
  });
});
