import { describe, expect, it } from '@jest/globals';
import { tapParser } from '../../../src/parse/tap/parser.js';
import { readDiagnostics } from '../../../src/parse/tap/yaml.js';
import { parseTextWith } from '../../helpers/parse-direct.js';

/* TAP as other producers write it (plan first, no node:test keys); node:test's own output is in __tests__/real/node-test.test.ts. */

describe('tap parser', () => {
  it('detects TAP by its version line, a first test point or a node:test subtest', () => {
    expect(tapParser.detect('TAP version 14\n1..2\n')).toBe(true);
    expect(tapParser.detect('ok 1 - adds\n')).toBe(true);
    expect(tapParser.detect('# Subtest: cart\n')).toBe(true);
    expect(tapParser.detect('okay then\n')).toBe(false);
    expect(tapParser.detect('{"ok": 1}')).toBe(false);
  });

  it('reads statuses, SKIP and TODO directives, and an escaped # in a name', async () => {
    const out = await parseTextWith(tapParser, 'r.tap', ['TAP version 13', '1..4', 'ok 1 - adds', 'not ok 2 - issue \\#12 # TODO not yet', 'ok 3 - slow # SKIP no network', 'not ok 4 - subtracts', '  ---', "  message: 'nope'", '  ...'].join('\n'));
    expect(out.tests.map((t) => [t.name, t.status])).toEqual([
      ['adds', 'passed'],
      ['issue #12', 'skipped'],
      ['slow', 'skipped'],
      ['subtracts', 'failed'],
    ]);
    expect(out.findings).toEqual([]);
    expect(out.runner).toBeUndefined();
  });

  it('a plan that announces more tests than the stream holds: the rest never reported', async () => {
    const out = await parseTextWith(tapParser, 'r.tap', 'TAP version 13\n1..5\nok 1 - a\nok 2 - b\n');
    expect(out.findings).toEqual([
      { kind: 'never-reported', file: 'r.tap', line: 2, message: 'the plan 1..5 announces 5 tests, the stream reports 2', tests: [], blockedCount: 3, origin: 'r.tap' },
    ]);
  });

  it('a stream without a plan was cut short; Bail out! is a crash', async () => {
    const cut = await parseTextWith(tapParser, 'r.tap', 'TAP version 13\nok 1 - a\n');
    expect(cut.findings.map((f) => f.kind)).toEqual(['truncated']);
    const bail = await parseTextWith(tapParser, 'r.tap', 'TAP version 13\n1..3\nok 1 - a\nBail out! database unreachable\n');
    expect(bail.findings.map((f) => [f.kind, f.message])).toEqual([
      ['crash', 'Bail out! database unreachable'],
      ['never-reported', 'the plan 1..3 announces 3 tests, the stream reports 1'],
    ]);
  });

  it('subtests by indentation: a parent with children is a suite, its name in the test names', async () => {
    const out = await parseTextWith(tapParser, 'r.tap', ['# Subtest: math', '    # Subtest: adds', '    ok 1 - adds', '    1..1', 'ok 1 - math', '1..1', '# tests 1'].join('\n'));
    expect(out.tests.map((t) => t.name)).toEqual(['math adds']);
    expect(out.declared).toEqual([{ total: 1, what: '# tests 1', line: 7, scope: 'file' }]);
    expect(out.runner).toBe('node-test');
  });
});

describe('YAML diagnostics', () => {
  it('reads scalars, quoted strings, |- blocks and nested mappings as text', () => {
    const lines = ["  error: 'it''s wrong'", '  exitCode: ~', '  stack: |-', '    a (x.js:1:2)', '    b (y.js:3:4)', '  expected:', '    total: 0', '  name: "Assertion\\"Error"'];
    expect(Object.fromEntries(readDiagnostics(lines, 2))).toEqual({
      error: "it's wrong",
      exitCode: null,
      stack: 'a (x.js:1:2)\nb (y.js:3:4)',
      expected: 'total: 0',
      name: 'Assertion"Error',
    });
  });
});
