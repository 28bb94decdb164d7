import { describe, expect, it } from '@jest/globals';
import { junitParser } from '../../../src/parse/junit.js';
import { xunitNetParser } from '../../../src/parse/dotnet/xunit-net.js';
import { headOf } from '../../helpers/fixtures.js';
import { parseCorpusWith, parseTextWith, statusCounts } from '../../helpers/parse-direct.js';

const X = 'xunit-net-xml/publish-unit-test-result-action/xunit/mstest';
const parse = (text: string) => parseTextWith(xunitNetParser, 'r.xml', text);
const counts = (total: number, passed: number, failed: number, skipped: number) => ({ total, passed, failed, errored: 0, skipped, flaky: 0 });

describe('xUnit.net XML', () => {
  it.each([
    // EnricoMi: 5 tests (the three rows of one theory are one test to it), 7 runs — each row is a test here.
    [`${X}/fixie.xml`, counts(7, 3, 3, 1)],
    // EnricoMi: 3 tests, 4 runs, likewise.
    [`${X}/pickles.xml`, counts(4, 3, 1, 0)],
    [`${X}/jenkinsci/testcase1.xml`, counts(3, 1, 1, 1)],
    // The header says 3 tests; the body has 1.
    [`${X}/jenkinsci/testcase2.xml`, counts(1, 1, 0, 0)],
    [`${X}/jenkinsci/testcase3.xml`, counts(3, 1, 1, 1)],
    [`${X}/jenkinsci/testcase4.xml`, counts(0, 0, 0, 0)],
    [`${X}/jenkinsci/testcase5.xml`, counts(5, 5, 0, 0)],
    [`${X}/jenkinsci/testcase6.xml`, counts(1, 0, 1, 0)],
  ])('counts %s as its source does', async (rel, expected) => {
    expect(xunitNetParser.detect(headOf(rel))).toBe(true);
    const out = await parseCorpusWith(xunitNetParser, rel);
    expect(out.diagnostics).toEqual([]);
    expect(out.findings).toEqual([]);
    expect(statusCounts(out.tests)).toEqual(expected);
  });

  it('reads v2: names without the class, exception type, the failing line, skip reason, duration', async () => {
    const out = await parseCorpusWith(xunitNetParser, `${X}/jenkinsci/testcase1.xml`);
    expect(out.tests).toEqual([
      {
        id: 'MyProject.Tests.SampleFact::FailedTest',
        name: 'FailedTest',
        suite: 'MyProject.Tests.SampleFact',
        package: 'MyProject.Tests',
        file: 'c:\\Jenkins\\jobs\\my-project\\workspace\\MyProject\\MyProject.Tests\\SampleFact.cs',
        line: 16,
        status: 'failed',
        durationMs: 14,
        attempts: 1,
        failure: {
          message: 'Assert.True() Failure',
          type: 'Xunit.Sdk.TrueException',
          details: 'at MyProject.Tests.SampleFact.FailedTest() in c:\\Jenkins\\jobs\\my-project\\workspace\\MyProject\\MyProject.Tests\\SampleFact.cs:line 16',
        },
        skipReason: undefined,
        origin: `${X}/jenkinsci/testcase1.xml`,
      },
      expect.objectContaining({ id: 'MyProject.Tests.SampleFact::SuccessfulTest', status: 'passed', durationMs: 10, failure: undefined }),
      expect.objectContaining({ id: 'MyProject.Tests.SampleFact::SkippedTest', status: 'skipped', skipReason: 'On Purpose' }),
    ]);
  });

  it('keeps display names, and places a test of no class under its collection', async () => {
    const named = await parseCorpusWith(xunitNetParser, `${X}/jenkinsci/testcase5.xml`);
    expect(named.tests[0]).toMatchObject({ id: 'UnitTest.UnitTest::Uninstall application if it is installed.', package: 'UnitTest', durationMs: 48391 });
    const classless = await parseCorpusWith(xunitNetParser, `${X}/jenkinsci/testcase6.xml`);
    expect(classless.tests[0]).toMatchObject({ id: 'collection1::collection1\\test.xml', package: undefined, status: 'failed' });
    expect(classless.tests[0]!.failure?.message).toBe('OK: TestProcess.Execution.ExitCode == 0\nFAIL: Output differs from reference.\n  Left:  data\\ref\n  Right: results\\out');
  });

  it('reads v1 (assembly › class › test) and theory rows one by one', async () => {
    const out = await parseCorpusWith(xunitNetParser, `${X}/pickles.xml`);
    expect(out.tests.map((t) => t.id)).toEqual([
      'Pickles.TestHarness.xUnit.AdditionFeature::AddTwoNumbers',
      'Pickles.TestHarness.xUnit.AdditionFeature::AddingSeveralNumbers(firstNumber: "40", secondNumber: "50", result: "90", exampleTags: System.String[])',
      'Pickles.TestHarness.xUnit.AdditionFeature::AddingSeveralNumbers(firstNumber: "60", secondNumber: "70", result: "130", exampleTags: System.String[])',
      'Pickles.TestHarness.xUnit.AdditionFeature::FailToAddTwoNumbers',
    ]);
    expect(out.tests[3]!.failure).toMatchObject({ message: 'System.InvalidOperationException : This is a fake failure message', type: 'System.InvalidOperationException' });
  });

  it('reads Fixie output: placeholder frames give no location', async () => {
    const out = await parseCorpusWith(xunitNetParser, `${X}/fixie.xml`);
    const fail = out.tests.find((t) => t.name === 'Fail')!;
    expect(fail).toMatchObject({ id: '[testClass]::Fail', package: undefined, file: undefined, line: undefined, failure: { message: "'Fail' failed!" } });
    expect(out.tests.find((t) => t.status === 'skipped')).toMatchObject({ name: 'Skip', skipReason: '⚠ Skipped with attribute.' });
  });

  it('reports cleanup failures outside any test as crashes, and reads v3 NotRun as skipped', async () => {
    const xml = `<assemblies schema-version="3">
  <assembly name="/src/bin/Acme.Tests.dll" test-framework="xUnit.net 3.0.0" total="2">
    <errors>
      <error type="test-class-cleanup" name="Acme.Data.DbTests">
        <failure exception-type="System.IO.IOException">
          <message>file in use</message>
          <stack-trace>   at Acme.Data.DbTests.Dispose() in /src/Data/DbTests.cs:line 40</stack-trace>
        </failure>
      </error>
      <error type="assembly-cleanup" name="/src/bin/Acme.Tests.dll"><failure exception-type="System.Exception"><message>fixture torn down twice</message></failure></error>
    </errors>
    <collection name="Test collection for Acme.Data.DbTests" total="2">
      <test name="Acme.Data.DbTests.Reads" type="Acme.Data.DbTests" method="Reads" result="Pass" time="0.25" />
      <test name="Acme.Data.DbTests.Slow" type="Acme.Data.DbTests" method="Slow" result="NotRun" time="0" />
      <test name="Acme.Data.DbTests.Odd" type="Acme.Data.DbTests" method="Odd" result="Exploded" time="0" />
    </collection>
  </assembly>
</assemblies>`;
    const out = await parse(xml);
    expect(out.diagnostics).toEqual([]);
    expect(out.tests.map((t) => [t.id, t.status, t.durationMs, t.failure?.message])).toEqual([
      ['Acme.Data.DbTests::Reads', 'passed', 250, undefined],
      ['Acme.Data.DbTests::Slow', 'skipped', 0, undefined],
      ['Acme.Data.DbTests::Odd', 'errored', 0, 'unknown xUnit.net result "Exploded"'],
    ]);
    expect(out.findings).toEqual([
      {
        kind: 'crash',
        package: 'Acme.Data',
        file: '/src/Data/DbTests.cs',
        line: 40,
        message: 'file in use',
        excerpt: 'at Acme.Data.DbTests.Dispose() in /src/Data/DbTests.cs:line 40',
        tests: [],
        origin: 'r.xml',
      },
      { kind: 'crash', package: undefined, file: undefined, line: undefined, message: 'fixture torn down twice', excerpt: undefined, tests: [], origin: 'r.xml' },
    ]);
  });

  it('reports a v1 class-level failure as a crash', async () => {
    const xml = `<assembly name="Acme.Tests.dll" test-framework="xUnit.net 1.9">
  <class name="Acme.Web.ApiTests" total="1">
    <failure exception-type="System.Net.Sockets.SocketException"><message>connection refused</message></failure>
    <test name="Acme.Web.ApiTests.Gets" type="Acme.Web.ApiTests" method="Gets" result="Skip"><reason>fixture failed</reason></test>
  </class>
</assembly>`;
    const out = await parse(xml);
    expect(out.tests.map((t) => [t.id, t.status, t.skipReason])).toEqual([['Acme.Web.ApiTests::Gets', 'skipped', 'fixture failed']]);
    expect(out.findings).toEqual([
      { kind: 'crash', package: 'Acme.Web', file: undefined, line: undefined, message: 'connection refused', excerpt: undefined, tests: [], origin: 'r.xml' },
    ]);
  });

  it('decodes character references in names alike, whether the test element has content or not', async () => {
    const xml = `<assemblies><assembly name="a.dll"><collection name="c">
<test name="A.B.M(&quot;x&#xA;y&quot;)" type="A.B" result="Pass" />
<test name="A.B.M(&quot;x&#xA;y&quot;)" type="A.B" result="Fail"><failure><message>no</message></failure></test>
</collection></assembly></assemblies>`;
    const out = await parse(xml);
    expect(out.tests.map((t) => [t.id, t.status])).toEqual([
      ['A.B::M("x\ny")', 'passed'],
      ['A.B::M("x\ny")', 'failed'],
    ]);
  });

  it('names the line of a truncated file and of a malformed test, and keeps the rest', async () => {
    const truncated = '<assemblies>\n<assembly name="a.dll">\n<collection name="c">\n<test name="A.B.Ok" type="A.B" result="Pass"/>\n<test name="A.B.Cut" type="A.B" result="Fail">\n<failure><message>bo';
    const out = await parse(truncated);
    expect(out.tests.map((t) => t.id)).toEqual(['A.B::Ok']);
    expect(out.diagnostics).toEqual([{ file: 'r.xml', line: 5, message: '<test> opened here is never closed (truncated file?)' }]);

    const malformed = '<assemblies>\n<assembly name="a.dll">\n<test name="A.B.M("x")" type="A.B" result="Pass"/>\n<test name="A.B.Ok" type="A.B" result="Pass"/>\n</assembly>\n</assemblies>';
    const bad = await parse(malformed);
    expect(bad.tests.map((t) => t.id)).toEqual(['A.B::Ok']);
    expect(bad.diagnostics).toEqual([{ file: 'r.xml', line: 3, message: 'malformed <test> tag (an attribute value with unescaped quotes?); element skipped' }]);
    expect(bad.findings.map((f) => [f.kind, f.line])).toEqual([['truncated', 3]]);
  });

  it('is told from JUnit, NUnit, TRX and application manifests by content', () => {
    for (const rel of [`${X}/fixie.xml`, `${X}/pickles.xml`, `${X}/jenkinsci/testcase4.xml`]) {
      expect([xunitNetParser.detect(headOf(rel)), junitParser.detect(headOf(rel))]).toEqual([true, false]);
    }
    for (const rel of [
      'junit-xml/publish-unit-test-result-action/junit-xml/xunit/xunit.xml',
      'nunit-xml/test-reporter/fixtures/dotnet-nunit.xml',
      'trx/test-reporter/fixtures/dotnet-trx.trx',
    ]) {
      expect(xunitNetParser.detect(headOf(rel))).toBe(false);
    }
    expect(xunitNetParser.detect('<?xml version="1.0"?>\n<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0"><assemblyIdentity name="App"/></assembly>')).toBe(false);
  });
});
