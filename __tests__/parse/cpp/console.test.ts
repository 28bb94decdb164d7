import { describe, expect, it } from '@jest/globals';
import { sourceFromText } from '../../../src/collect/read.js';
import { ctestLogParser } from '../../../src/parse/ctest/log.js';
import { gtestLogParser } from '../../../src/parse/gtest/log.js';
import { detectFormat } from '../../../src/parse/index.js';

/* Forms of CTest and GoogleTest output the real corpus (__tests__/real/) does not hold. */

describe('GoogleTest console', () => {
  it('reads MSVC places, parameterized results and a failed global set-up', async () => {
    const log = [
      '[==========] Running 3 tests from 2 test suites.',
      '[----------] Global test environment set-up.',
      'C:\\src\\env.cpp(12): error: Value of: db.open()',
      '  Actual: false',
      '[----------] 1 test from Math',
      '[ RUN      ] Math.Adds',
      '[  SKIPPED ] Math.Adds (0 ms)',
      '[----------] 2 tests from Inst/Param',
      '[ RUN      ] Inst/Param.Works/0',
      'C:\\src\\param_test.cpp(30): error: Expected equality of these values:',
      '  f(GetParam())',
      '    Which is: 4',
      '  5',
      '[  FAILED  ] Inst/Param.Works/0, where GetParam() = 2 (1 ms)',
      '[ RUN      ] Inst/Param.Works/1',
      '[       OK ] Inst/Param.Works/1 (0 ms)',
      '[==========] 3 tests from 2 test suites ran. (1 ms total)',
    ].join('\n');
    expect(detectFormat(log)?.format).toBe('gtest-log');
    const out = await gtestLogParser.parse(sourceFromText('t.log', log));
    expect(out.tests.map((t) => [t.id, t.status, t.file, t.line, t.failure?.message])).toEqual([
      ['Inst/Param::Works/0', 'failed', 'C:\\src\\param_test.cpp', 30, 'Expected equality of these values: f(GetParam()) Which is: 4 5'],
      ['Inst/Param::Works/1', 'passed', undefined, undefined, undefined],
    ]);
    expect(out.findings.map((f) => [f.kind, f.file, f.line, f.message, f.blocks])).toEqual([
      ['hook', 'C:\\src\\env.cpp', 12, 'the global test environment set-up failed: Value of: db.open() Actual: false', ['Math.Adds']],
    ]);
  });

  it('a binary that stops between tests without its summary stopped the rest', async () => {
    const log = ['[==========] Running 4 tests from 1 test suite.', '[ RUN      ] A.B', '[       OK ] A.B (0 ms)', 'Killed'].join('\n');
    const out = await gtestLogParser.parse(sourceFromText('t.log', log));
    expect(out.findings.map((f) => [f.kind, f.message, f.blockedCount])).toEqual([['crash', 'the test binary ended after 1 of 4 tests, without its summary (Killed)', 3]]);
  });
});

describe('CTest console', () => {
  it('reads a run cut off mid-test (no summary) and a disabled test, with the build before it', async () => {
    const log = [
      '/src/a.cpp:3:1: error: expected declaration',
      'Test project /build',
      '    Start 1: a',
      '1/3 Test #1: a ................................   Passed    0.01 sec',
      '    Start 2: b',
      '2/3 Test #2: b ................................***Not Run (Disabled)   0.00 sec',
      '    Start 3: c',
      '3/3 Test #3: c ................................Child aborted***Exception:   0.40 sec',
      '[==========] Running 2 tests from 1 test suite.',
      '[ RUN      ] C.Dies',
    ].join('\n');
    expect(detectFormat(log)?.format).toBe('ctest-log');
    const out = await ctestLogParser.parse(sourceFromText('t.log', log));
    expect(out.tests.map((t) => [t.name, t.status, t.skipReason])).toEqual([
      ['a', 'passed', undefined],
      ['b', 'skipped', 'Not Run (Disabled)'],
    ]);
    expect(out.findings.map((f) => [f.kind, f.message, f.blocks])).toEqual([
      ['compile', 'expected declaration', undefined],
      ['crash', 'c crashed in C.Dies (Child aborted Exception)', ['c']],
    ]);
    expect(out.declared).toEqual([{ total: 3, what: '3 tests announced by the result lines (the log has no summary)', scope: 'file' }]);
  });
});
