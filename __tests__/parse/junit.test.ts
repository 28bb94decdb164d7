import { describe, expect, it } from '@jest/globals';
import { allTests } from '../../src/model/test-set.js';
import { parseCorpus, parseText } from '../helpers/fixtures.js';

const count = (tests: { status: string }[], status: string) => tests.filter((t) => t.status === status).length;

describe('JUnit XML', () => {
  it('reads jest-junit: counts, messages, and the failing line from the stack', async () => {
    const { format, output } = await parseCorpus('junit-xml/test-reporter/fixtures/jest-junit.xml');
    expect(format).toBe('junit-xml');
    const tests = allTests(output);
    expect(tests).toHaveLength(6);
    expect(count(tests, 'passed')).toBe(1);
    expect(count(tests, 'failed')).toBe(4);
    expect(count(tests, 'skipped')).toBe(1);
    const failing = tests.find((t) => t.name === 'Failing test')!;
    // The message carries what jest-junit leaves in the body: the value received.
    expect(failing.failure?.message).toBe('Error: expect(received).toBeTruthy() Received: false');
    expect(failing.file).toBe('__tests__\\main.test.js');
    expect(failing.line).toBe(10);
    expect(failing.package).toBeUndefined();
    expect(failing.id).toBe('__tests__\\main.test.js::Test 1 › Test 1.1::Failing test');
  });

  it('trusts the body over a header that disagrees with it', async () => {
    const xml = `<?xml version="1.0"?>
<testsuite name="s" tests="10" failures="7">
  <testcase classname="com.acme.CartTest" name="adds" time="0.5"/>
  <testcase classname="com.acme.CartTest" name="removes" time="0.25"><failure message="expected 1 but was 2" type="AssertionError">stack</failure></testcase>
  <testcase classname="com.acme.CartTest" name="crashes"><error message="NPE"/></testcase>
</testsuite>`;
    const { output } = await parseText('r.xml', xml);
    const tests = allTests(output);
    expect(tests.map((t) => t.status)).toEqual(['passed', 'failed', 'errored']);
    expect(tests[0]!.package).toBe('com.acme');
    expect(tests[1]!.durationMs).toBe(250);
    expect(tests[1]!.failure).toEqual({ message: 'expected 1 but was 2', type: 'AssertionError', details: 'stack' });
  });

  it('reads Surefire reruns: flakyFailure passed in the end, rerunFailure failed every time', async () => {
    const xml = `<testsuite name="s">
  <testcase classname="a.B" name="flaky"><flakyFailure message="boom" type="X"/><flakyFailure message="boom" type="X"/></testcase>
  <testcase classname="a.B" name="broken"><failure message="no"/><rerunFailure message="no"/></testcase>
</testsuite>`;
    const { output } = await parseText('r.xml', xml);
    expect(output.tests.map((t) => [t.status, t.attempts])).toEqual([
      ['flaky', 3],
      ['failed', 2],
    ]);
  });

  it('turns a suite-level <error> into a finding instead of dropping it', async () => {
    const { output } = await parseText('r.xml', '<testsuites><testsuite name="tests/test_db.py"><error message="ImportError: no module named db"/></testsuite></testsuites>');
    expect(output.tests).toHaveLength(0);
    expect(output.findings).toEqual([
      expect.objectContaining({ kind: 'collection', message: 'ImportError: no module named db', file: 'tests/test_db.py' }),
    ]);
  });

  it('names the file and line of malformed XML', async () => {
    const { output } = await parseText('broken.xml', '<testsuite name="a">\n<testcase name="x">\n</testsuite>');
    expect(output.tests).toHaveLength(0);
    expect(output.diagnostics).toEqual([{ file: 'broken.xml', line: 2, message: '<testcase> opened here is never closed (truncated file?)' }]);
  });

  it('reads status="disabled" as skipped, and an error after a failure as errored', async () => {
    const xml = `<testsuite name="s">
  <testcase name="off" status="disabled"><failure>old</failure></testcase>
  <testcase classname="c" name="teardown"><failure message="assert"/><error message="teardown failed"/></testcase>
</testsuite>`;
    const { output } = await parseText('r.xml', xml);
    expect(output.tests.map((t) => [t.name, t.status, t.failure?.message ?? t.skipReason])).toEqual([
      ['off', 'skipped', 'status disabled'],
      ['teardown', 'errored', 'teardown failed'],
    ]);
  });

  it('gives unnamed test cases distinct ids, and includes the suite file in the id (jest reuses names across files)', async () => {
    const { output } = await parseText('r.xml', '<testsuites><testsuite name="a.test.js"><testcase classname="x" name="t"/></testsuite><testsuite name="b.test.js"><testcase classname="x" name="t"/><testcase/><testcase/></testsuite></testsuites>');
    expect(allTests(output).map((t) => t.id)).toEqual(['a.test.js::x::t', 'b.test.js::x::t', 'b.test.js::(unnamed test 1)', 'b.test.js::(unnamed test 2)']);
  });

  it('tells the merge stage whether ids are distinct, only when no name could blur the parts of an id', async () => {
    const suite = (cases: string) => `<testsuites><testsuite name="s">${cases}</testsuite></testsuites>`;
    const distinct = async (cases: string) => (await parseText('r.xml', suite(cases))).output.distinctIds ?? false;
    expect(await distinct('<testcase classname="A" name="x"/><testcase classname="A" name="y"/><testcase classname="B" name="x"/>')).toBe(true);
    // A class that comes back after another is not followed: the merge stage checks that file.
    expect(await distinct('<testcase classname="A" name="x"/><testcase classname="B" name="x"/><testcase classname="A" name="y"/>')).toBe(false);
    expect(await distinct('<testcase classname="A" name="x"/><testcase classname="B" name="y"/><testcase classname="A" name="x"/>')).toBe(false);
    // 's::A::B' + 'x' and 's::A' + 'B::x' are the same id: the parser does not claim to know.
    expect(await distinct('<testcase classname="A::B" name="x"/><testcase classname="A" name="B::x"/>')).toBe(false);
    expect(await distinct('<testcase classname="A" name="scheme: http"/>')).toBe(true);
    expect(await distinct('<testcase classname="A" name="ends with:"/>')).toBe(false);
  });

  it('finds a repeated id in a class of thousands of tests read in several reads', async () => {
    // Over 4096 names a class's set takes copies as they come; 1.3 MB of tests take two reads.
    const many = Array.from({ length: 5000 }, (_, i) => `<testcase classname="A" name="t${i}${'x'.repeat(240)}"/>`);
    const distinct = async (cases: string[]) => (await parseText('r.xml', `<testsuite name="s">${cases.join('\n')}</testsuite>`)).output.distinctIds ?? false;
    expect(await distinct(many)).toBe(true);
    expect(await distinct([...many, many[0]!])).toBe(false);
    expect(await distinct([...many, many[4500]!])).toBe(false);
    expect(await distinct([...many.slice(0, 4100), many[10]!, ...many.slice(4100)])).toBe(false);
  });

  it('keeps passing test cases without content as ids of their class, and anything else as a test', async () => {
    const xml = `<testsuite name="s">
  <testcase classname="a.B" name="one" time="1"/>
  <testcase classname="a.B" name="two" line="12"></testcase>
  <testcase classname="a.B" name="out"><system-out>hi</system-out></testcase>
  <testcase classname="a.B" name="off" status="skipped"/>
  <testcase classname="a.B" name="own" file="b/own.py"/>
  <testcase classname="a.C" name="one"/>
  <testcase classname="a.C" name="one"/>
</testsuite>`;
    const { output } = await parseText('r.xml', xml);
    expect(output.passed).toEqual([
      { suite: 's', package: 'a', origin: 'r.xml', nameAt: 8, at: 0, ids: ['s::a.B::one', 's::a.B::two'], lines: [0, 12] },
      { suite: 's', package: undefined, file: 'b/own.py', origin: 'r.xml', nameAt: 8, at: 2, ids: ['s::a.B::own'] },
      { suite: 's', package: 'a', origin: 'r.xml', nameAt: 8, at: 2, ids: ['s::a.C::one'] },
    ]);
    // The second 'one' repeats an id: it stays a test, after the first, and the file is not called distinct.
    expect(output.tests.map((t) => [t.id, t.status])).toEqual([
      ['s::a.B::out', 'passed'],
      ['s::a.B::off', 'skipped'],
      ['s::a.C::one', 'passed'],
    ]);
    expect(output.distinctIds).toBeUndefined();
    // Told again in the file's order.
    expect(allTests(output).map((t) => t.name)).toEqual(['one', 'two', 'out', 'off', 'own', 'one', 'one']);
  });

  it('ends a run of passing tests at a test listed as an object, so the file order can be told again', async () => {
    const xml = `<testsuite name="s">
  <testcase classname="C" name="a"/>
  <testcase classname="C" name="b"><failure message="x"/></testcase>
  <testcase classname="C" name="c"/>
  <testcase classname="D" name="a"/>
  <testcase classname="C" name="d"/>
</testsuite>`;
    const { output } = await parseText('r.xml', xml);
    expect(output.passed!.map((g) => [g.at, g.ids])).toEqual([
      [0, ['s::C::a']],
      [1, ['s::C::c']],
      [1, ['s::D::a']],
    ]);
    expect(allTests(output).map((t) => t.id)).toEqual(['s::C::a', 's::C::b', 's::C::c', 's::D::a', 's::C::d']);
  });

  it('names a <skipped> that belongs to no test case', async () => {
    const { output } = await parseCorpus('junit-xml/test-results-parser/tests/error.xml');
    expect(output.diagnostics).toEqual([
      { file: 'junit-xml/test-results-parser/tests/error.xml', line: 8, message: "<skipped> outside any <testcase> in suite 'Thing': no test is named, so nothing is counted" },
    ]);
  });
});
