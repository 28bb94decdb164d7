import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonStringCutter } from '../../src/parse/json-cut.js';
import { CUT_MARK } from '../../src/parse/parser.js';

/*
 * Every JSON document among the real reports in the fixtures, passed through the cutter in chunks
 * of every kind of size: unchanged at 64 KiB (none holds a longer string), and at a few characters
 * still JSON, its structure the same, each string as it was or its start ending in CUT_MARK.
 */

const FIXTURES = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return jsonFiles(full);
    // Expected figures are ours, not a tool's.
    return e.name.endsWith('.json') && !/expected/.test(full) ? [full] : [];
  });
}

const documents = jsonFiles(FIXTURES).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  try {
    JSON.parse(text);
    return [[path.relative(FIXTURES, file), text] as const];
  } catch {
    return []; // one JSON object per line (go test -json, cargo), or a cut report
  }
});

function cut(text: string, chunk: number, max?: number): string {
  const cutter = jsonStringCutter(max);
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += chunk) parts.push(cutter(text.slice(i, i + chunk)));
  return parts.join('');
}

/** The string literals of a JSON text (outside them a JSON text holds no '"'), and what is between. */
function literals(text: string): { strings: string[]; structure: string } {
  const strings: string[] = [];
  const structure = text.replace(/"(?:[^"\\]|\\.)*"/g, (s) => {
    strings.push(s.slice(1, -1));
    return '""';
  });
  return { strings, structure };
}

describe('cutting the strings of a JSON text as it is read', () => {
  it('has real documents to read', () => {
    expect(documents.length).toBeGreaterThan(40);
  });

  it('leaves every real report as it is at 64 KiB, in chunks of any size', () => {
    for (const [name, text] of documents) {
      for (const chunk of [1, 7, 4096, text.length]) expect({ name, chunk, same: cut(text, chunk) === text }).toEqual({ name, chunk, same: true });
    }
  });

  it('cuts every longer string where it passes the limit, never inside an escape, and the text stays JSON', () => {
    let cutStrings = 0;
    let escapesNearCut = 0;
    const wrong: unknown[] = [];
    let unicodeNearCut = 0;
    // Limits of every remainder modulo an escape's length, so that escapes fall across the cut;
    // more for the reports with \uXXXX escapes (terminal colours in messages).
    for (const max of Array.from({ length: 60 }, (_, i) => 8 + i)) {
      for (const [name, text] of documents.filter(([, t]) => max < 14 || t.includes('\\u'))) {
        const whole = cut(text, text.length, max);
        for (const chunk of max === 12 ? [1, 5, 333] : [5]) if (cut(text, chunk, max) !== whole) wrong.push({ name, max, chunk });
        expect(() => JSON.parse(whole)).not.toThrow();
        const before = literals(text);
        const after = literals(whole);
        expect(after.structure).toBe(before.structure);
        after.strings.forEach((s, i) => {
          const original = before.strings[i]!;
          if (s === original) {
            if (s.length > max) wrong.push({ name, max, original });
            return;
          }
          cutStrings++;
          if (original.slice(max - 6, max + 6).includes('\\')) escapesNearCut++;
          if (original.slice(max - 6, max + 1).includes('\\u')) unicodeNearCut++;
          const kept = s.slice(0, -CUT_MARK.length);
          // An escape (at most 6 characters) that would pass the limit is left out whole.
          if (!(s.endsWith(CUT_MARK) && original.startsWith(kept) && kept.length <= max && kept.length > max - 6)) wrong.push({ name, max, original, kept });
        });
      }
    }
    expect(wrong).toEqual([]);
    expect(cutStrings).toBeGreaterThan(1000);
    expect(escapesNearCut).toBeGreaterThan(50);
    expect(unicodeNearCut).toBeGreaterThan(50);
  });

  it('keeps a string that fits, an escape at its end included', () => {
    expect(jsonStringCutter(10)('"abcdefgh\\n"')).toBe('"abcdefgh\\n"');
    expect(jsonStringCutter(10)('"abcdefghi\\n"')).toBe(`"abcdefghi${CUT_MARK}"`);
  });

  it('never splits a surrogate pair', () => {
    expect(jsonStringCutter(10)('["abcdefghi\u{1F600}xyz"]')).toBe(`["abcdefghi${CUT_MARK}"]`);
  });
});
