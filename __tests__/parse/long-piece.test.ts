import { describe, expect, it } from '@jest/globals';
import { readOnUntilDoubled } from '../../src/parse/long-piece.js';

describe('reading on until what is held has doubled', () => {
  const stream = (chunks: number) => {
    let held = 10;
    let left = chunks;
    return { held: () => held, more: async () => (left-- > 0 ? ((held += 3), true) : false) };
  };

  it('reads chunks until the held text is twice as long, then stops', async () => {
    const s = stream(100);
    expect(await readOnUntilDoubled(s.held, s.more)).toEqual({ grew: true, ended: false });
    expect(s.held()).toBe(22); // 10 + 4 chunks of 3
  });

  it('stops past the cap, and says when the stream ran out', async () => {
    const capped = stream(100);
    expect(await readOnUntilDoubled(capped.held, capped.more, 12)).toEqual({ grew: true, ended: false });
    expect(capped.held()).toBe(13);
    const short = stream(1);
    expect(await readOnUntilDoubled(short.held, short.more)).toEqual({ grew: true, ended: true });
    let empty = 0;
    expect(await readOnUntilDoubled(() => empty, async () => ((empty += 3), true))).toEqual({ grew: true, ended: false });
    expect(empty).toBe(3);
    const dry = stream(0);
    expect(await readOnUntilDoubled(dry.held, dry.more)).toEqual({ grew: false, ended: true });
  });
});
