import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceFromText } from '../../src/collect/read.js';
import { ctrfParser } from '../../src/parse/ctrf.js';
import { jestJsonParser } from '../../src/parse/jest-json.js';
import { CORPUS } from '../helpers/fixtures.js';
import { byName, parseCorpusWith, parseTextWith, statusCounts } from '../helpers/parse-direct.js';

const C = 'ctrf-json';

const parseCorpus = (rel: string) => parseCorpusWith(ctrfParser, rel);
const parseText = (report: unknown) => parseTextWith(ctrfParser, 'ctrf.json', typeof report === 'string' ? report : JSON.stringify(report));
const report = (tests: unknown[], extra: object = {}) => ({ results: { tool: { name: 'x' }, tests, ...extra } });

describe('CTRF JSON', () => {
  it('recognizes every CTRF fixture from a head cut mid-document, and nothing else', () => {
    for (const rel of [
      'ctrf-github-test-reporter/ctrf-reports/ctrf-report.json',
      'ctrf-github-test-reporter/test.json',
      'flaky-test-project-playwright/ctrf/ctrf-report.json',
      'ctrf-spec/examples/comprehensive.json',
      'ctrf-spec/examples/minimal.json',
      'ctrf-spec/examples/with-diagnostics.json',
      'ctrf-spec/examples/with-insights.json',
      'ctrf-spec/examples/with-retries.json',
    ]) {
      const text = readFileSync(path.join(CORPUS, C, rel), 'utf8');
      // Up to the tests array's opening bracket, and no further.
      const head = text.slice(0, text.indexOf('"tests": [') + 12);
      expect([rel, ctrfParser.detect(head), jestJsonParser.detect(head)]).toEqual([rel, true, false]);
    }
    // Without reportFormat, `results` must hold both `tool` and `tests`.
    expect(ctrfParser.detect('{"results": {"tool": {"name": "jest"}, "tests": [')).toBe(true);
    expect(ctrfParser.detect('{"results": {"tests": []}}')).toBe(false);
    expect(ctrfParser.detect('{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [], "tests": []}]}')).toBe(false);
    expect(ctrfParser.detect('<testsuite name="results"/>')).toBe(false);
  });

  it('reads every status of the github-test-reporter sample: pending and other are not passes, flaky counts its retries', async () => {
    const out = await parseCorpus(`${C}/ctrf-github-test-reporter/ctrf-reports/ctrf-report.json`);
    // The file's summary (self-declared): 10 tests, 5 passed, 2 failed, 1 skipped, 1 pending, 1 other.
    expect(statusCounts(out.tests)).toEqual({ total: 10, passed: 2, failed: 2, errored: 0, skipped: 3, flaky: 3 });
    expect(out.diagnostics).toEqual([]);
    expect(out.findings).toEqual([]);

    const tests = byName(out.tests);
    expect(tests['should be able to update profile']).toMatchObject({ status: 'flaky', attempts: 3, failure: undefined });
    expect(tests['should handle session timeouts']).toMatchObject({ status: 'flaky', attempts: 2 });
    expect(tests['should allow user to change password']).toMatchObject({ status: 'flaky', attempts: 4 });
    expect(tests['should load user data']).toMatchObject({ id: '::should load user data', suite: '', file: undefined, status: 'skipped', skipReason: 'pending' });
    expect(tests['should clean up user session on logout']).toMatchObject({ status: 'skipped', skipReason: "CTRF status 'other': outcome not reported", durationMs: 1050 });
    expect(tests['should be able to logout']).toMatchObject({ status: 'skipped', skipReason: undefined });

    const title = tests['should display title']!;
    expect(title).toMatchObject({ id: 'login.test.ts › profile::should display title', suite: 'login.test.ts › profile', file: 'tests/login.test.ts', line: undefined, status: 'failed', durationMs: 800, attempts: 1 });
    // Colours stripped; the first line is the message, the rest stays in the details.
    expect(title.failure?.message).toBe('Timed out 5000ms waiting for expect(locator).toHaveTitle(expected)');
    expect(title.failure?.details).toContain('Expected pattern: /Playwrc cight/\nReceived string:  "Fast and reliable end-to-end testing for modern web apps | Playwright"');
    expect(title.failure?.details).toMatch(/\n\nProfileTest\.js:45$/);
    expect(tests['should fail to update profile on network failure']!.failure).toEqual({ message: 'Network Timeout', details: 'Network Timeout\n\nProfileUpdateTest.js:60' });
  });

  it('reads a real jest-ctrf report: 65 passed, with rawStatus, retries 0 and flaky false', async () => {
    const out = await parseCorpus(`${C}/ctrf-github-test-reporter/test.json`);
    expect(statusCounts(out.tests)).toEqual({ total: 65, passed: 65, failed: 0, errored: 0, skipped: 0, flaky: 0 });
    expect(out.tests.every((t) => t.attempts === 1)).toBe(true);
    expect(out.tests[0]).toMatchObject({
      id: 'string.test.ts › String Helpers › splitLines::String Helpers splitLines should split lines correctly for multiline strings',
      file: '/home/runner/work/github-test-reporter/github-test-reporter/__tests__/handlebars/string.test.ts',
      durationMs: 21,
    });
    expect(new Set(out.tests.map((t) => t.id)).size).toBe(65);
  });

  it('reads a real playwright run: 1 passed, 9 failed, failing lines from the trace in the spec file', async () => {
    const out = await parseCorpus(`${C}/flaky-test-project-playwright/ctrf/ctrf-report.json`);
    expect(statusCounts(out.tests)).toEqual({ total: 10, passed: 1, failed: 9, errored: 0, skipped: 0, flaky: 0 });
    const tests = byName(out.tests);
    const cart = tests['flaky test - cart drawer timing issues']!;
    // The trace's first frame is in a helper; the line is the spec file's frame.
    expect(cart).toMatchObject({ file: '/Users/pati/flaky-test-detector/src/tests/flaky-test.spec.ts', line: 215, suite: 'chromium › flaky-test.spec.ts › FriedHats Coffee Purchase Flow - Realistic Flaky Tests' });
    expect(cart.failure?.message).toBe('Error: Timed out 5000ms waiting for expect(page).toHaveURL(expected)');
    expect(tests['Handle sold out products gracefully']!.line).toBe(125);
    // rawStatus timedOut under status failed stays a failure.
    expect(tests['flaky test - race condition with navigation']).toMatchObject({ status: 'failed', line: undefined, failure: { message: 'Test timeout of 30000ms exceeded.', details: 'Test timeout of 30000ms exceeded.' } });
  });

  it('reads the spec examples: suite arrays, line, retries and retryAttempts', async () => {
    const comprehensive = await parseCorpus(`${C}/ctrf-spec/examples/comprehensive.json`);
    // Self-declared summary: 3 tests, 2 passed (one of them flaky), 1 failed.
    expect(statusCounts(comprehensive.tests)).toEqual({ total: 3, passed: 1, failed: 1, errored: 0, skipped: 0, flaky: 1 });
    const c = byName(comprehensive.tests);
    expect(c['user can login']).toMatchObject({ id: 'Authentication › Login::user can login', suite: 'Authentication › Login', file: 'tests/auth/login.test.js', status: 'passed', attempts: 1, durationMs: 3500 });
    expect(c['user can checkout']).toMatchObject({ status: 'flaky', attempts: 2, failure: { message: 'Payment gateway timeout', details: 'Error: Payment gateway timeout\n    at processPayment (payment.js:23:10)' } });
    expect(c['admin dashboard loads']).toMatchObject({ status: 'failed', file: 'tests/admin/dashboard.test.js', line: 42, failure: expect.objectContaining({ message: 'Element not found: .dashboard-metrics' }) });

    const retries = await parseCorpus(`${C}/ctrf-spec/examples/with-retries.json`);
    expect(retries.tests.map((t) => [t.name, t.status, t.attempts, t.failure?.message])).toEqual([
      ['stable test', 'passed', 1, undefined],
      ['flaky test', 'flaky', 3, 'Connection timeout'],
    ]);

    const minimal = await parseCorpus(`${C}/ctrf-spec/examples/minimal.json`);
    expect(minimal.tests).toEqual([{ id: '::should pass', name: 'should pass', suite: '', file: undefined, line: undefined, status: 'passed', durationMs: 100, attempts: 1, failure: undefined, skipReason: undefined, origin: `${C}/ctrf-spec/examples/minimal.json` }]);

    // No filePath: the first frame outside dependencies places the failure, as for JUnit.
    const diagnostics = await parseCorpus(`${C}/ctrf-spec/examples/with-diagnostics.json`);
    expect(diagnostics.tests.map((t) => [t.status, t.file, t.line, t.failure?.message])).toEqual([['failed', 'test.js', 45, 'Expected element to be visible']]);

    const insights = await parseCorpus(`${C}/ctrf-spec/examples/with-insights.json`);
    expect(statusCounts(insights.tests)).toEqual({ total: 2, passed: 2, failed: 0, errored: 0, skipped: 0, flaky: 0 });
  });

  it('maps "other" by the runner’s own status: not run, broke, or unknown', async () => {
    const out = await parseText(
      report([
        { name: 'todo', status: 'other', rawStatus: 'todo', duration: 0 },
        { name: 'disabled', status: 'other', rawStatus: 'disabled', duration: 0 },
        { name: 'interrupted', status: 'other', rawStatus: 'interrupted', duration: 5 },
        { name: 'said why', status: 'other', message: 'worker exited unexpectedly', trace: 'at run (src/w.ts:3:1)', duration: 5 },
        { name: 'silent', status: 'other', rawStatus: 'weird', duration: 5 },
        { name: 'pending with reason', status: 'pending', message: 'needs a database', duration: 0 },
        { name: 'skipped with reason', status: 'skipped', message: '\u001b[33mflag off\u001b[39m', duration: 0 },
      ]),
    );
    expect(out.tests.map((t) => [t.name, t.status, t.skipReason ?? t.failure?.message])).toEqual([
      ['todo', 'skipped', 'todo'],
      ['disabled', 'skipped', 'disabled'],
      ['interrupted', 'errored', 'interrupted'],
      ['said why', 'errored', 'worker exited unexpectedly'],
      ['silent', 'skipped', "CTRF status 'other' (runner status 'weird'): outcome not reported"],
      ['pending with reason', 'skipped', 'needs a database'],
      ['skipped with reason', 'skipped', 'flag off'],
    ]);
    expect(out.tests[3]!.line).toBe(3);
    expect(out.diagnostics).toEqual([]);
  });

  it('reads flaky from flaky, retries or failed retry attempts, and a failure with retries as failed with every attempt', async () => {
    const out = await parseText(
      report([
        { name: 'flag only', status: 'passed', duration: 1, flaky: true },
        { name: 'retries only', status: 'passed', duration: 1, retries: 2 },
        { name: 'attempts only', status: 'passed', duration: 1, retryAttempts: [{ attempt: 1, status: 'failed', message: 'first' }, { attempt: 2, status: 'failed', message: 'second' }] },
        { name: 'still failing', status: 'failed', duration: 1, retries: 2, flaky: true, message: 'nope' },
        { name: 'clean', status: 'passed', duration: 1, retries: 0, flaky: false },
      ]),
    );
    expect(out.tests.map((t) => [t.name, t.status, t.attempts, t.failure?.message])).toEqual([
      ['flag only', 'flaky', 2, undefined],
      ['retries only', 'flaky', 3, undefined],
      ['attempts only', 'flaky', 2, 'second'],
      ['still failing', 'failed', 3, 'nope'],
      ['clean', 'passed', 1, undefined],
    ]);
  });

  it('gives a suite the same id whether written as an array or with " > "', async () => {
    const out = await parseText(
      report([
        { name: 't', status: 'passed', duration: 1, suite: ['a.test.ts', 'A', 'B'] },
        { name: 't', status: 'passed', duration: 1, suite: 'a.test.ts > A > B' },
      ]),
    );
    expect(out.tests.map((t) => t.id)).toEqual(['a.test.ts › A › B::t', 'a.test.ts › A › B::t']);
  });

  it('counts the tests array, not the summary, and says when they disagree', async () => {
    const out = await parseText({ results: { tool: { name: 'x' }, summary: { tests: 3, passed: 3, failed: 0 }, tests: [{ name: 'a', status: 'failed', duration: 1 }] } });
    expect(statusCounts(out.tests)).toEqual({ total: 1, passed: 0, failed: 1, errored: 0, skipped: 0, flaky: 0 });
    expect(out.diagnostics).toEqual([{ file: 'ctrf.json', message: 'results.summary says 3 tests but results.tests lists 1; counted the list' }]);
  });

  it('turns errors outside any test (playwright reporter: results.extra.errors) into findings', async () => {
    const out = await parseText(
      report([], {
        extra: {
          errors: [
            { message: 'Error: globalSetup failed: database unreachable\n\nmore', stack: 'Error: globalSetup failed\n    at setup (/r/global-setup.ts:7:9)', location: { file: '/r/global-setup.ts', line: 7, column: 9 } },
            { value: 'not an error object' },
          ],
        },
      }),
    );
    expect(out.findings).toEqual([
      {
        kind: 'crash',
        file: '/r/global-setup.ts',
        line: 7,
        column: 9,
        message: 'Error: globalSetup failed: database unreachable',
        excerpt: 'Error: globalSetup failed\n    at setup (/r/global-setup.ts:7:9)',
        tests: [],
        origin: 'ctrf.json',
      },
    ]);
  });

  it('says which statuses CTRF does not define, and skips entries that are not tests', async () => {
    const out = await parseText(report([{ name: 'x', status: 'broken', duration: 1 }, null, 'y', { status: 'passed' }, { name: 'z', status: 'broken' }, { name: 'w', status: 'crashed', message: 'boom' }]));
    expect(out.tests.map((t) => [t.name, t.status])).toEqual([
      ['x', 'skipped'],
      ['(unnamed)', 'passed'],
      ['z', 'skipped'],
      ['w', 'errored'],
    ]);
    expect(out.diagnostics).toEqual([
      { file: 'ctrf.json', message: "2 tests (first: 'x') have status 'broken', which CTRF does not define; read as 'other'" },
      { file: 'ctrf.json', message: "test 'w' has status 'crashed', which CTRF does not define; read as 'other'" },
    ]);
  });

  it('names the file and line of malformed or truncated JSON, and of JSON that is not CTRF', async () => {
    const M = path.join(CORPUS, 'malformed-json/publish-unit-test-result-action/json');
    const malformed = readFileSync(path.join(M, 'malformed-json.json'), 'utf8');
    expect((await ctrfParser.parse(sourceFromText('malformed-json.json', malformed))).diagnostics).toEqual([
      { file: 'malformed-json.json', line: 1, message: expect.stringMatching(/^not valid JSON at line 1, column 16: /) },
    ]);

    const text = readFileSync(path.join(CORPUS, C, 'ctrf-spec/examples/comprehensive.json'), 'utf8');
    const cut = text.slice(0, text.indexOf('"name": "user can checkout"'));
    const truncated = await parseText(cut);
    expect(truncated.tests).toEqual([]);
    expect(truncated.diagnostics).toEqual([{ file: 'ctrf.json', line: 79, message: expect.stringMatching(/^not valid JSON at line 79, column \d+: .*\(truncated\?\)$/) }]);

    expect((await parseText({ results: { tool: {} } })).diagnostics).toEqual([{ file: 'ctrf.json', message: 'no results.tests array (not a CTRF report?)' }]);
  });
});
