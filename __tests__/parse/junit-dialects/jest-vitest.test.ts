import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { assertionMessage, fileErrorKind } from '../../../src/parse/js-failure.js';
import { junitParser } from '../../../src/parse/junit.js';
import { REAL } from '../../helpers/real.js';
import { parseTextWith } from '../../helpers/parse-direct.js';

const out = (runner: string, file: string) => readFileSync(`${REAL}/${runner}/out/${file}`, 'utf8');

describe('jest and vitest failures', () => {
  it('keeps the values of an assertion in its message, and stops at the stack', () => {
    const jest = 'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 6\nReceived: 7\n    at Object.toBe (/p/math.test.js:13:23)\n    at x (/p/node_modules/y.js:1:1)';
    expect(assertionMessage(jest)).toBe('Error: expect(received).toBe(expected) // Object.is equality Expected: 6 Received: 7');
    const vitest = 'AssertionError: expected 7 to be 6 // Object.is equality\n\n- Expected\n+ Received\n\n- 6\n+ 7\n\n ❯ test/math.test.js:14:23';
    expect(assertionMessage(vitest)).toBe('AssertionError: expected 7 to be 6 // Object.is equality - 6 + 7');
    // A diff of thousands of lines is cut: the message stays a message.
    expect(assertionMessage(`Error: x\n${'- a\n'.repeat(5000)}`).length).toBeLessThanOrEqual(400);
  });

  it('tells a file that did not load from a dead worker and from a hook', () => {
    expect(fileErrorKind("Cannot find module '../src/parser' from 'x.test.js'")).toBe('collection');
    expect(fileErrorKind('SyntaxError: /p/x.test.js: Unexpected token (7:47)')).toBe('collection');
    expect(fileErrorKind('Jest worker encountered 4 child process exceptions, exceeding retry limit')).toBe('crash');
    expect(fileErrorKind('temporary directory could not be removed')).toBe('hook');
  });

  it('names each test a beforeAll stopped once, however often the same file is read', async () => {
    const text = out('jest', 'junit.xml');
    for (let i = 0; i < 2; i++) {
      const parsed = await parseTextWith(junitParser, 'junit.xml', text);
      expect(parsed.findings.filter((f) => f.kind === 'hook').map((f) => f.blocks)).toEqual([['database reads a row', 'database writes a row'], undefined]);
    }
    const vitest = out('vitest', 'junit.xml');
    for (let i = 0; i < 2; i++) {
      const parsed = await parseTextWith(junitParser, 'junit.xml', vitest);
      expect(parsed.findings.find((f) => f.message.startsWith('cannot connect'))!.tests).toEqual(['database > reads a row', 'database > writes a row']);
    }
  });
});
