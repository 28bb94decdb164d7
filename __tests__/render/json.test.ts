import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeJsonFile } from '../../src/render/json.js';

const dir = mkdtempSync(path.join(tmpdir(), 'verdict-json-'));
const written = (value: unknown) => {
  const file = path.join(dir, 'out.json');
  writeJsonFile(file, value);
  return readFileSync(file, 'utf8');
};

describe('the JSON writer', () => {
  it('writes what JSON.stringify(value, null, 2) writes, for long lists of ids whatever they hold', () => {
    const ids = (n: number, odd: (i: number) => string) => Array.from({ length: n }, (_, i) => (i % 997 === 5 ? odd(i) : `pkg.Class::test_${i}`));
    const value = {
      schemaVersion: 1,
      inventory: {
        plain: ids(10_000, (i) => `plain ${i}`),
        quotes: ids(9_000, (i) => `say "hi" \\ ${i}`),
        control: ids(5_000, (i) => `tab\there\nnew line ${i}\u0001`),
        surrogates: ids(4_500, (i) => (i % 2 ? `lone \ud800 ${i}` : `pair 😀 and \u2028 ${i}`)),
        numbers: Array.from({ length: 5_000 }, (_, i) => (i % 3 ? i : null)),
        short: ['a', 'b'],
        empty: [],
      },
      blockers: [{ id: 'x', details: 'line\n\tat frame', tests: ['a'], skipped: undefined }, { id: 'y', nested: { deeper: [1, { k: 'v' }] } }],
      nothing: null,
      gone: undefined,
    };
    expect(written(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
