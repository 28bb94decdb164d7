import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { GoBuildReader } from '../../../src/parse/logs/go.js';

/* gotestsum's text output (real, __tests__/fixtures/real/go/out/): go's stderr among its own lines, then a summary. */

const SHORT = readFileSync('__tests__/fixtures/real/go/out/gotestsum-short.txt', 'utf8').split('\n');

function read(lines: string[]) {
  const reader = new GoBuildReader('gotestsum-short.txt');
  for (const l of lines) reader.line(l);
  return reader;
}

describe('GoBuildReader on gotestsum text', () => {
  it("a header's package ends where its errors do: the summary's repeats are not the last header's", () => {
    const reader = read(SHORT);
    expect(reader.findings.map((f) => `${f.kind} ${f.package} ${f.file}:${f.line}`)).toEqual([
      'compile example.com/gx/broken example.com/gx/broken/broken.go:9',
      'vet example.com/gx/vetprintf example.com/gx/vetprintf/vetprintf.go:8',
    ]);
    expect([...reader.failedPackages]).toEqual(['example.com/gx/broken', 'example.com/gx/vetprintf']);
  });

  it('errors only in the summary go to the package go named whose path ends with their directory', () => {
    // As if go's stderr had gone elsewhere: no headers, errors only under `=== Errors`.
    const errors = SHORT.indexOf('=== Errors');
    const summary = SHORT.filter((l, i) => !l.startsWith('# ') && (i > errors || !/^\S+\.go:/.test(l)));
    const reader = read(summary);
    expect(reader.findings.map((f) => `${f.kind} ${f.package} ${f.file}`)).toEqual([
      'compile example.com/gx/broken example.com/gx/broken/broken.go',
      'vet example.com/gx/vetprintf example.com/gx/vetprintf/vetprintf.go',
    ]);
  });
});
