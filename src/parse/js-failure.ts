import { firstLine } from './parser.js';

/*
 * What jest and vitest failures say, whichever report carries them (--json, JUnit, console):
 * the assertion message with its expected and received values, whether the failure was a hook's,
 * whether the test process itself died.
 */

const MAX_MESSAGE = 400;
// A stack frame: V8's `at fn (file:1:2)`, vitest's `❯ file:1:2`.
const FRAME = /^\s*(?:at |❯ )/;

/**
 * The failure's message: every line before the stack (`expect(received).toBe(expected)`, then
 * `Expected: 3`, `Received: 4`), on one line, so that two failures share a message only when
 * they share their values too.
 */
export function assertionMessage(details: string): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of details.split('\n', 60)) {
    if (FRAME.test(line)) break;
    const t = line.trim();
    if (t === '' || /^[-+] (?:Expected|Received)\b/.test(t)) continue;
    kept.push(t);
    if ((length += t.length + 1) > MAX_MESSAGE) break;
  }
  return kept.join(' ').slice(0, MAX_MESSAGE) || firstLine(details);
}

/**
 * An error outside any test as jest's and vitest's file messages write it: a plain Error without
 * its `Error: ` (their JSON does; their console and JUnit do not), so all reports say the same.
 */
export function fileErrorMessage(message: string): string {
  return message.replace(/^Error: /, '');
}

/** jest-circus ran the failing code as a hook: beforeAll/beforeEach (called per test), or a hook that timed out. */
export function isHookFailure(details: string): boolean {
  return /\b_callCircusHook \(|Exceeded timeout of \d+ ms for a hook\./.test(details);
}

/** The test process died (or was stopped from exiting): its tests after that point never ran. */
export function isWorkerCrash(message: string): boolean {
  return /Jest worker encountered \d+ child process exceptions|Call retries were exceeded|A worker process has quit unexpectedly|JavaScript heap out of memory|process\.exit (?:unexpectedly )?called with/.test(message);
}

/**
 * What an error outside any test of a file says happened: the file could not be loaded (a missing
 * module, a syntax error, a failed transform), its process died, or else a hook (afterAll) threw.
 */
export function fileErrorKind(message: string): 'collection' | 'crash' | 'hook' {
  if (/Cannot find module|Failed to load url|Failed to resolve import|Failed to parse source|SyntaxError|Transform failed|Cannot use import statement|does not provide an export named/.test(message)) return 'collection';
  return isWorkerCrash(message) ? 'crash' : 'hook';
}
