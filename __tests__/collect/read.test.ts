import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPieces } from '../../src/collect/read.js';
import { seededRandom } from '../helpers/random.js';

const dir = mkdtempSync(path.join(tmpdir(), 'verdict-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** What readPieces yields for a file of `text`, each piece copied as it comes (its memory is reused). */
async function pieces(text: string, chunkBytes: number, cutLines = true, start = 0): Promise<string[]> {
  const file = path.join(dir, `f${files++}`);
  writeFileSync(file, text);
  const out: string[] = [];
  for await (const piece of readPieces(file, start, chunkBytes, cutLines)) out.push(piece.toString());
  return out;
}

describe('readPieces', () => {
  it('ends each read after its last line break and carries the rest to the front of the next', async () => {
    expect(await pieces('a\nb\ncd\nef\ng', 5)).toEqual(['a\nb\n', 'cd\nef\n', 'g']);
  });

  it('passes a read without a line break on whole, and one that ends with a break as it is', async () => {
    expect(await pieces('abcde\nghi', 3)).toEqual(['abc', 'de\n', 'ghi']);
  });

  it('never carries more than one read: a long line is passed on as it comes', async () => {
    const text = 'x\n' + 'y'.repeat(30) + 'z\n';
    const got = await pieces(text, 10);
    expect(got[0]).toBe('x\n');
    expect(got.join('')).toBe(text);
    for (const piece of got) expect(piece.length).toBeLessThanOrEqual(20);
  });

  it('reads from `start`, and in reads as they come without cutting at lines', async () => {
    expect(await pieces('\uFEFFa\nbc\nd', 3, false, 3)).toEqual(['a\nb', 'c\nd']);
  });

  // Open files are counted in /proc: Linux only.
  (existsSync('/proc/self/fd') ? it : it.skip)('closes the file when the caller stops early, after the read under way', async () => {
    const file = path.join(dir, 'early');
    writeFileSync(file, 'line\n'.repeat(100));
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for await (const piece of readPieces(file, 0, 8, true)) {
      expect(piece.toString()).toBe('line\n');
      expect(open()).toBe(before + 1);
      break;
    }
    expect(open()).toBe(before);
  });

  it('yields nothing for nothing', async () => {
    expect(await pieces('', 4)).toEqual([]);
  });

  it('gives the file back exactly, each piece but the last ending a line or holding none', async () => {
    const next = seededRandom(5);
    const random = (n: number) => Math.floor(next() * n);
    for (let round = 0; round < 200; round++) {
      let text = '';
      const length = random(200);
      for (let i = 0; i < length; i++) text += random(6) === 0 ? '\n' : String.fromCharCode(97 + random(26));
      const chunk = 1 + random(40);
      const got = await pieces(text, chunk);
      expect(got.join('')).toBe(text);
      for (const piece of got.slice(0, -1)) {
        expect(piece.length).toBeLessThanOrEqual(2 * chunk);
        if (piece.includes('\n')) expect(piece.endsWith('\n')).toBe(true);
      }
    }
  });
});
