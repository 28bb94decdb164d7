import { describe, expect, it } from '@jest/globals';
import { forEachLine, lines } from '../../src/parse/parser.js';
import { inChunks } from '../helpers/chunks.js';

describe('reading a source line by line', () => {
  // A line of 10,000 characters read 7 at a time, CRLF endings (one split between two chunks),
  // an empty line and a last line without a break.
  const long = 'x'.repeat(10_000);
  const text = `first\r\n${long}\r\n\nmiddle\n${long}y\nlast`;
  const expected = ['first', long, '', 'middle', `${long}y`, 'last'];

  it.each([1, 7, 4096, 1 << 20])('gives the same lines whatever the chunk size (%i)', async (size) => {
    const seen: [string, number][] = [];
    for await (const entry of lines(inChunks('r.log', text, size))) seen.push(entry);
    expect(seen).toEqual(expected.map((line, i) => [line, i + 1]));
    const visited: [string, number][] = [];
    await forEachLine(inChunks('r.log', text, size), (line, n) => visited.push([line, n]));
    expect(visited).toEqual(seen);
  });
});
