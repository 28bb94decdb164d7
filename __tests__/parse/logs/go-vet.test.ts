import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { isVetMessage } from '../../../src/parse/logs/go-vet.js';

describe('isVetMessage', () => {
  it.each([
    'fmt.Sprintf format %s has arg n of wrong type int',
    'fmt.Println call has possible Printf formatting directive %d',
    'Snapshot passes lock by value: example.com/gx/vetonly.Counter contains sync.Mutex',
    'unreachable code',
    'struct field tag `json:x` not compatible with reflect.StructTag.Get: bad syntax for struct tag value',
    'loop variable v captured by func literal',
    'the cancel function is not used on all paths (possible context leak)',
    'result of fmt.Sprintf call not used',
    'conversion from int to string yields a string of one rune, not a string of digits (did you mean fmt.Sprint(x)?)',
    'impossible type assertion: no type can implement both io.Reader and T (conflicting types for Read method)',
  ])('vet: %s', (message) => {
    expect(isVetMessage(message)).toBe(true);
  });

  it("no compiler error of the real broken Go runs is taken for vet's", () => {
    const logs = ['go-triage/artifacts/build.log', 'go-triage/artifacts/build-nocover.log', 'go-triage/artifacts/deps/deps-build.log', 'real/go/out/go-test.txt'];
    const messages = logs
      .flatMap((f) => readFileSync(`__tests__/fixtures/${f}`, 'utf8').split('\n'))
      .map((l) => /^\S+\.go:\d+(?::\d+)?: (.*)$/.exec(l)?.[1])
      .filter((m): m is string => m !== undefined && !m.startsWith('fmt.Sprintf format'));
    expect(messages.length).toBeGreaterThan(10);
    expect(messages.filter(isVetMessage)).toEqual([]);
  });
});
