import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { openSource, sourceFromText } from '../../src/collect/read.js';
import { ctrfParser } from '../../src/parse/ctrf.js';
import { jestJsonParser } from '../../src/parse/jest-json.js';
import { junitParser } from '../../src/parse/junit.js';
import { ROOT, CORPUS } from '../helpers/fixtures.js';
import { byName, parseTextWith, statusCounts } from '../helpers/parse-direct.js';

const DIR = path.join(ROOT, '__tests__/fixtures/reports/jest-json');

async function parseFixture(name: string) {
  const absolute = path.join(DIR, name);
  const { size } = await stat(absolute);
  return jestJsonParser.parse(await openSource({ absolute, path: `reports/${name}`, size }));
}

const parseText = (text: string) => parseTextWith(jestJsonParser, 'jest.json', text);

/** The figures jest computed for the same run (numTotalTests, ...), from the fixture itself. */
function jestFigures(name: string) {
  const text = readFileSync(path.join(DIR, name), 'utf8');
  return JSON.parse(text.slice(text.indexOf('{'))) as Record<string, number>;
}

describe('jest --json', () => {
  it('recognizes jest output from its head, even cut short or after npm’s banner, and nothing else', () => {
    for (const name of ['example.json', 'suite-failed.json', 'npm-test-stdout.json']) {
      const head = readFileSync(path.join(DIR, name), 'utf8').slice(0, 1200);
      expect([name, jestJsonParser.detect(head), ctrfParser.detect(head), junitParser.detect(head)]).toEqual([name, true, false, false]);
    }
    const ctrf = readFileSync(path.join(CORPUS, 'ctrf-json/ctrf-github-test-reporter/test.json'), 'utf8');
    expect(jestJsonParser.detect(ctrf)).toBe(false);
    expect(jestJsonParser.detect('{"Action":"run","Package":"p","Test":"TestA"}\n')).toBe(false);
    expect(jestJsonParser.detect('<testsuites><testsuite name="numTotalTests"/></testsuites>')).toBe(false);
  });

  it('reads a run with failures: the counts jest printed, statuses, messages, and where each test failed', async () => {
    const out = await parseFixture('example.json');
    const figures = jestFigures('example.json');
    expect(statusCounts(out.tests)).toEqual({ total: 9, passed: 6, failed: 2, errored: 0, skipped: 1, flaky: 0 });
    expect([figures.numTotalTests, figures.numPassedTests, figures.numFailedTests, figures.numPendingTests]).toEqual([9, 6, 2, 1]);
    expect(out.findings).toEqual([]);
    expect(out.diagnostics).toEqual([]);

    const tests = byName(out.tests);
    const separator = tests['parseAmount accepts a thousands separator']!;
    expect(separator).toMatchObject({
      id: 'money.test.js › parseAmount::parseAmount accepts a thousands separator',
      suite: 'money.test.js › parseAmount',
      file: '/work/main/examples/src/ts/test/money.test.js',
      // The test is declared on line 12; the call that threw is on line 13.
      line: 13,
      status: 'failed',
      attempts: 1,
      durationMs: 0,
      origin: 'reports/example.json',
    });
    expect(separator.failure?.message).toBe('TypeError: invalid amount: "1,234.50"');
    expect(separator.failure?.details).toMatch(/^TypeError: invalid amount: "1,234\.50"\n {4}at parseAmount \(\/work\/main\/examples\/src\/ts\/src\/money\.js:9:11\)/);

    const remainder = tests['splitEvenly spreads the remainder over the first parts']!;
    // The message carries the values (the diff), so that two failures share it only when they share those.
    expect([remainder.status, remainder.line, remainder.failure?.message]).toEqual(['failed', 34, 'Error: expect(received).toEqual(expected) // deep equality Array [ -   334, +   333, 333, 333, ]']);
    expect(remainder.failure?.details).toContain('-   334,\n+   333,');

    // Tests that did not fail are placed where they are declared.
    expect(tests['formatMoney formats negative amounts in accounting style']).toMatchObject({ status: 'skipped', line: 23, durationMs: undefined, skipReason: undefined });
    expect(tests['createInvoice totals net, VAT and gross']).toMatchObject({ status: 'passed', line: 11, file: '/work/main/examples/src/ts/test/invoice.test.js', suite: 'invoice.test.js › createInvoice' });
  });

  it('turns a test file that failed to run into a collection finding with its file, line and message', async () => {
    const out = await parseFixture('suite-failed.json');
    const figures = jestFigures('suite-failed.json');
    // The files that did run are still read.
    expect(statusCounts(out.tests)).toEqual({ total: 9, passed: 6, failed: 2, errored: 0, skipped: 1, flaky: 0 });
    expect(out.findings).toHaveLength(figures.numRuntimeErrorTestSuites!);
    expect(out.findings.map((f) => [f.kind, f.file, f.line, f.column, f.message, f.tests, f.origin])).toEqual([
      ['collection', '/tmp/jest-suite-failed/test/report.test.js', 3, undefined, "Cannot find module '../src/report' from 'test/report.test.js'", [], 'reports/suite-failed.json'],
      ['collection', '/tmp/jest-suite-failed/test/due.test.js', 7, 64, 'SyntaxError: /tmp/jest-suite-failed/test/due.test.js: Unexpected token, expected "," (7:64)', [], 'reports/suite-failed.json'],
    ]);
    expect(out.findings[0]!.excerpt).toContain("> 3 | const { renderReport } = require('../src/report');");
    expect(out.findings[0]!.excerpt).not.toContain('Test suite failed to run');

    // Without --testLocationInResults a failing test is still placed by its stack; a passing one is not.
    const tests = byName(out.tests);
    expect(tests['parseAmount accepts a thousands separator']!.line).toBe(13);
    expect(tests['parseAmount parses whole and decimal amounts']!.line).toBeUndefined();
  });

  it('reads npm’s stdout: retries as flaky or failed with every attempt, todo, and hooks that throw', async () => {
    const out = await parseFixture('npm-test-stdout.json');
    const figures = jestFigures('npm-test-stdout.json');
    const c = statusCounts(out.tests);
    expect(c).toEqual({ total: 13, passed: 7, failed: 3, errored: 0, skipped: 2, flaky: 1 });
    // jest counts a flaky test as passed and lists todo apart from skipped; the test its beforeAll
    // stopped it counts as failed, Verdict as blocked by the hook.
    const stopped = out.findings.flatMap((f) => f.blocks ?? []);
    expect([c.total + stopped.length, c.passed + c.flaky, c.failed + stopped.length, c.skipped]).toEqual([
      figures.numTotalTests,
      figures.numPassedTests,
      figures.numFailedTests,
      figures.numPendingTests! + figures.numTodoTests!,
    ]);
    expect(out.diagnostics).toEqual([]);

    const tests = byName(out.tests);
    expect(tests.flaky).toMatchObject({ id: 'retry.test.js::flaky', status: 'flaky', attempts: 2, failure: undefined });
    expect(tests.always).toMatchObject({ status: 'failed', attempts: 3, line: 4 });
    expect(tests.always!.failure?.message).toBe('Error: expect(received).toBe(expected) // Object.is equality Expected: 1 Received: 0');
    expect(tests.later).toMatchObject({ status: 'skipped', skipReason: 'todo', attempts: 1 });
    // beforeAll threw: jest fails the test with the hook's error; it is the hook's finding.
    expect(tests.b).toBeUndefined();
    // afterAll threw: the test passed, the file failed outside it.
    expect(tests.a!.status).toBe('passed');
    expect(out.findings).toEqual([
      {
        kind: 'hook',
        file: '/tmp/jest-retries/test/after.test.js',
        line: 1,
        column: undefined,
        message: 'teardown broke',
        excerpt: expect.stringContaining("> 1 | afterAll(() => { throw new Error('teardown broke'); });"),
        tests: [],
        origin: 'reports/npm-test-stdout.json',
      },
      expect.objectContaining({ kind: 'hook', line: 1, message: 'Error: setup broke', tests: [], blocks: ['b'] }),
    ]);
  });

  it('reads testExecError, the failure of the last retry, and says which statuses it does not know', async () => {
    const report = {
      numTotalTests: 3,
      testResults: [
        { name: '/r/a.test.ts', status: 'failed', message: '', assertionResults: [], testExecError: { message: 'Jest encountered an unexpected token', stack: 'x' } },
        {
          name: '/r/b.test.ts',
          status: 'passed',
          message: '',
          assertionResults: [
            { ancestorTitles: ['B'], title: 'retried', status: 'passed', invocations: 3, retryReasons: ['Error: one', 'Error: two\n    at Object.<anonymous> (/r/b.test.ts:9:3)'], failureMessages: [] },
            { ancestorTitles: [], title: 'odd', fullName: 'odd', status: 'exploded', failureMessages: [] },
            { ancestorTitles: [], title: 'only', fullName: 'only', status: 'focused', failureMessages: [], location: { line: 5, column: 1 } },
          ],
        },
      ],
    };
    const out = await parseText(JSON.stringify(report));
    expect(out.findings.map((f) => [f.kind, f.file, f.message])).toEqual([['collection', '/r/a.test.ts', 'Jest encountered an unexpected token']]);
    expect(out.tests.map((t) => [t.id, t.status, t.attempts, t.failure?.message, t.line])).toEqual([
      ['b.test.ts › B::B retried', 'flaky', 3, 'Error: two', 9],
      ['b.test.ts::odd', 'errored', 1, "jest status 'exploded'", undefined],
      ['b.test.ts::only', 'passed', 1, undefined, 5],
    ]);
    expect(out.diagnostics).toEqual([{ file: 'jest.json', message: "test 'odd' has unknown status 'exploded'; counted as errored" }]);
  });

  it('strips terminal colours from messages', async () => {
    const report = {
      numTotalTests: 1,
      testResults: [
        {
          name: '/r/c.test.js',
          status: 'failed',
          message: '\u001b[1m\u001b[31m  \u001b[1m● \u001b[22m\u001b[1mTest suite failed to run\u001b[39m\u001b[22m\n\n    \u001b[31mboom\u001b[39m\n',
          assertionResults: [],
        },
      ],
    };
    const out = await parseText(JSON.stringify(report));
    expect(out.findings.map((f) => [f.kind, f.message])).toEqual([['collection', 'boom']]);
  });

  it('names the file and line of malformed JSON and never throws', async () => {
    const M = path.join(CORPUS, 'malformed-json/publish-unit-test-result-action/json');
    const read = (name: string) => jestJsonParser.parse(sourceFromText(name, readFileSync(path.join(M, name), 'utf8')));
    // Python's json module (the source's expectation) says "line 1 column 16 (char 15)".
    expect((await read('malformed-json.json')).diagnostics).toEqual([
      { file: 'malformed-json.json', line: 1, message: expect.stringMatching(/^not valid JSON at line 1, column 16: Expected double-quoted property name in JSON at position 15\b/) },
    ]);
    // Node names no position for an unexpected first token.
    const nonJson = await read('non-json.json');
    expect(nonJson.diagnostics).toEqual([{ file: 'non-json.json', message: expect.stringMatching(/^not valid JSON: Unexpected token 'h'/) }]);
    expect((await read('empty.json')).diagnostics[0]).toMatchObject({ file: 'empty.json', line: 1 });

    const text = readFileSync(path.join(DIR, 'npm-test-stdout.json'), 'utf8');
    const cut = text.slice(0, text.indexOf('"name":"/tmp/jest-retries/test/invoice.test.js"'));
    const truncated = await parseText(cut);
    expect(truncated.tests).toEqual([]);
    expect(truncated.diagnostics).toEqual([
      { file: 'jest.json', line: 5, message: expect.stringMatching(/^not valid JSON at line 5, column \d+: .*; the file ends inside the document \(truncated\?\)$/) },
    ]);
  });

  it('says so when the JSON is not a jest report', async () => {
    expect((await parseText('[1, 2]')).diagnostics).toEqual([{ file: 'jest.json', message: 'no testResults array (not a jest --json report?)' }]);
    expect((await parseText('{"numTotalTests": 0, "testResults": [null, 3]}')).tests).toEqual([]);
  });
});

describe('a JSON report longer than a string can hold', () => {
  it('says so, naming the limit, rather than "Invalid string length"', async () => {
    const { readAll } = await import('../../src/parse/parser.js');
    const text = `{"testResults":[${'{"name":"x.test.js","assertionResults":[]},'.repeat(60_000)}{}]}`;
    await expect(readAll(sourceFromText('big.json', text), 2_000_000)).rejects.toThrow(
      'the file is one document of more than 2000000 characters, longer than a JavaScript string can hold; split the report (one file per test job or shard)',
    );
    expect(await readAll(sourceFromText('big.json', text), text.length)).toBe(text);
  });
});
