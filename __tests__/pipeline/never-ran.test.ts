import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildReport } from '../../src/pipeline.js';
import type { Parsed } from '../../src/parse/index.js';
import { CORPUS, parseCorpus, parseText } from '../helpers/fixtures.js';
import { context, finding, parsed, test } from '../helpers/model.js';

/*
 * Nothing that failed to run passes as fine: a report cut short, a header that counts more tests
 * than the file holds, a hook that stopped tests; and failures share a blocker only when the
 * evidence shows one cause.
 */

const PYTEST_JUNIT = 'junit-xml/publish-unit-test-result-action/junit-xml/pytest/junit.gloo.elastic.xml';

function report(...files: Parsed[]) {
  return buildReport(files, context());
}

describe('a report that ends early', () => {
  it('is a P0 naming the file and where it ends, for a file a real upload cut short', async () => {
    const r = report(await parseCorpus('junit-xml/publish-unit-test-result-action/junit-xml/pytest/corrupt-xml.xml'));
    const cut = r.blockers.filter((b) => b.category === 'truncated');
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatchObject({ priority: 'P0', file: 'junit-xml/publish-unit-test-result-action/junit-xml/pytest/corrupt-xml.xml' });
    expect(cut[0]!.title).toBe('Report ends early (<testcase> opened here is never closed, line 7): every test after the cut is lost');
    expect(r.verdict).toBe('NO-GO');
  });

  it('is a P0 wherever a real report is cut, and never also a count that does not add up', async () => {
    const text = readFileSync(path.join(CORPUS, PYTEST_JUNIT), 'utf8');
    const whole = report(await parseText('junit.xml', text));
    expect(whole.blockers.filter((b) => b.priority === 'P0')).toEqual([]);
    for (const at of [0.1, 0.5, 0.9, 0.999]) {
      const r = report(await parseText('junit.xml', text.slice(0, Math.floor(text.length * at))));
      expect(r.blockers.filter((b) => b.priority === 'P0').map((b) => b.category)).toEqual(['truncated']);
      expect(r.verdict).toBe('NO-GO');
    }
  });

  it.each([
    'trx/test-reporter/fixtures/dotnet-trx.trx',
    'nunit-xml/test-reporter/fixtures/dotnet-nunit.xml',
    'xunit-net-xml/publish-unit-test-result-action/xunit/mstest/jenkinsci/testcase4.xml',
    'cobertura-xml/gocover-cobertura/regression/mux/v1.8.1/golden.xml',
    'clover-xml/data-structures/coverage/clover.xml',
    'jacoco-xml/jacoco-report/multi_module/appCoverage.xml',
  ])('is a P0 in every XML format: %s cut in half', async (file) => {
    const text = readFileSync(path.join(CORPUS, file), 'utf8');
    const r = report(await parseText(path.basename(file), text.slice(0, Math.floor(text.length / 2))));
    expect(r.blockers.filter((b) => b.category === 'truncated').map((b) => [b.priority, b.file])).toEqual([['P0', path.basename(file)]]);
    expect(r.verdict).toBe('NO-GO');
  });
});

describe('declared against observed', () => {
  it('makes a P0 of the tests a JUnit header counts and no test case shows, and counts them as blocked', async () => {
    const r = report(await parseCorpus('junit-xml/publish-unit-test-result-action/junit-xml/no-cases-but-tests.xml'));
    expect(r.blockers.map((b) => [b.priority, b.category, b.title, b.blockedUnnamed])).toEqual([
      ['P0', 'never-reported', '6 tests never reported: no-cases-but-tests.xml:1 (the tests="…" of 1 <testsuite> header) says 6, the reports show 0', 6],
    ]);
    expect(r.tests.blocked).toBe(6);
    expect(r.passRate).toBe(0);
    expect(r.artifacts[0]!.declared).toEqual([{ total: 6, what: 'the tests="…" of 1 <testsuite> header', line: 1, scope: 'file' }]);
  });

  it('counts Surefire reruns, which its header counts as tests, as runs of the tests shown', async () => {
    const r = report(await parseCorpus('junit-xml/flaky-test-extractor-maven-plugin/surefire-reports/TEST-com.github.pihme.jenkinstestbed.module1.ErrorTest.xml'));
    expect(r.blockers.filter((b) => b.category === 'never-reported')).toEqual([]);
    expect(r.artifacts[0]!.declared).toEqual([expect.objectContaining({ total: 1, what: expect.stringContaining('15 of them reruns') })]);
  });

  it('compares a runner-wide summary with every report of that runner, and the shortfall once', () => {
    const r = report(
      parsed('junit-a.xml', 'junit-xml', { runner: 'jest', tests: [test('a', 'passed', { origin: 'junit-a.xml' })] }),
      parsed('junit-b.xml', 'junit-xml', { runner: 'jest', tests: [test('b', 'passed', { origin: 'junit-b.xml' })] }),
      parsed('jest.log', 'compiler-output', { runner: 'jest', declared: [{ total: 5, what: 'Tests: 5 total', line: 9, scope: 'runner' }] }),
    );
    expect(r.blockers.map((b) => [b.category, b.title])).toEqual([['never-reported', '3 tests never reported: jest.log:9 (Tests: 5 total) says 5, the reports show 2']]);
    expect(r.tests).toMatchObject({ total: 2, passed: 2, blocked: 3 });
  });

  it('leaves a summary alone when no report of its runner is there to check it against', () => {
    const r = report(parsed('jest.log', 'compiler-output', { runner: 'jest', declared: [{ total: 5, what: 'Tests: 5 total', scope: 'runner' }] }));
    expect(r.blockers).toEqual([]);
  });

  it('does not count twice the tests a finding already says it stopped', () => {
    const r = report(
      parsed('r.xml', 'junit-xml', {
        declared: [{ total: 3, what: '<testsuites tests="3">', scope: 'file' }],
        tests: [test('a', 'passed')],
        findings: [finding('hook', { message: 'beforeAll failed: no database', file: 'db.test.js', blocks: ['b', 'c'], origin: 'r.xml' })],
      }),
    );
    expect(r.blockers.map((b) => [b.category, b.blocked])).toEqual([['hook', ['b', 'c']]]);
    expect(r.tests).toMatchObject({ total: 1, blocked: 2 });
  });
});

describe('the same problem in two files', () => {
  it('is one blocker listing both files, also when only one of them gives the line', () => {
    const r = report(
      parsed('junit.xml', 'junit-xml', { findings: [finding('collection', { file: 'tests/test_db.py', message: "ModuleNotFoundError: No module named 'psycopg'", origin: 'junit.xml' })] }),
      parsed('pytest.log', 'compiler-output', { findings: [finding('collection', { file: 'tests/test_db.py', line: 3, message: "ModuleNotFoundError: No module named 'psycopg'", origin: 'pytest.log' })] }),
    );
    expect(r.blockers).toHaveLength(1);
    expect(r.blockers[0]).toMatchObject({ priority: 'P0', category: 'collection', sources: ['junit.xml', 'pytest.log'] });
    expect(r.blockers[0]!.locations.map((l) => l.line)).toEqual([undefined, 3]);
  });
});

describe('clustering', () => {
  const fail = (name: string, message: string, details?: string) => test(name, 'failed', { failure: { message, details } });

  it('never merges failures whose compared values differ', () => {
    const r = report(parsed('r.xml', 'junit-xml', { tests: [fail('a', 'expected 3, got 4'), fail('b', 'expected 5, got 6'), fail('c', 'expected 3, got 4')] }));
    expect(r.blockers.map((b) => b.tests)).toEqual([['a', 'c'], ['b']]);
  });

  it('never merges on a matcher text alone, and merges when the values after it are the same', () => {
    const matcher = 'expect(received).toBe(expected) // Object.is equality';
    const r = report(
      parsed('r.xml', 'junit-xml', {
        tests: [
          fail('a', matcher, `${matcher}\n\nExpected: 3\nReceived: 4\n    at Object.<anonymous> (src/a.test.js:5:17)`),
          fail('b', matcher, `${matcher}\n\nExpected: 5\nReceived: 6\n    at Object.<anonymous> (src/b.test.js:9:17)`),
          fail('c', matcher, `${matcher}\n\nExpected: 3\nReceived: 4\n    at Object.<anonymous> (src/c.test.js:2:17)`),
          fail('d', matcher),
          fail('e', matcher),
        ],
      }),
    );
    expect(r.blockers.map((b) => b.tests).sort()).toEqual([['a', 'c'], ['b'], ['d'], ['e']]);
    // Each test's own stack is kept: nothing of a clustered failure is dropped.
    const ac = r.blockers.find((b) => b.tests.length === 2)!;
    expect(ac.details).toContain('src/a.test.js:5:17');
    expect(ac.details).toContain('src/c.test.js:2:17');
  });

  it('still groups one cause seen at different addresses and times: a service that refused every connection', () => {
    const r = report(parsed('r.xml', 'junit-xml', { tests: [fail('a', 'connect to 127.0.0.1:45589: connection refused after 32ms'), fail('b', 'connect to 127.0.0.1:43147: connection refused after 428µs')] }));
    expect(r.blockers.map((b) => b.tests)).toEqual([['a', 'b']]);
  });
});
