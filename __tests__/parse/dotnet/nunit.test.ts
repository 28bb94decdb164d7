import { describe, expect, it } from '@jest/globals';
import { junitParser } from '../../../src/parse/junit.js';
import { nunitParser } from '../../../src/parse/dotnet/nunit.js';
import { headOf } from '../../helpers/fixtures.js';
import { parseCorpusWith, parseTextWith, statusCounts } from '../../helpers/parse-direct.js';

const J = 'nunit-xml/publish-unit-test-result-action/nunit/nunit3/jenkins';
const M = 'nunit-xml/publish-unit-test-result-action/nunit/mstest';
const parse = (text: string) => parseTextWith(nunitParser, 'r.xml', text);
const counts = (total: number, passed: number, failed: number, errored: number, skipped: number) => ({ total, passed, failed, errored, skipped, flaky: 0 });

describe('NUnit XML', () => {
  it.each([
    // dorny: 5 failed, counting errored as failed (two label="Error", one timeout).
    ['nunit-xml/test-reporter/fixtures/dotnet-nunit.xml', counts(9, 3, 2, 3, 1)],
    [`${M}/pickles.xml`, counts(4, 3, 1, 0, 0)],
    // EnricoMi reads NUnit 3 labels as failures: 1 and 10 failed.
    [`${M}/timewarpinc.xml`, counts(1, 0, 0, 1, 0)],
    [`${M}/clicketyclackety.xml`, counts(23, 13, 1, 9, 0)],
    // EnricoMi: 8 skipped, 1 error. The three NotRunnable tests (no public method, no arguments, no constructor) are errored here.
    [`${J}/NUnit-correct.xml`, counts(28, 18, 1, 4, 5)],
    // EnricoMi: 183 tests after de-duplicating by name; 218 runs, as here (the merge stage numbers the repeats).
    [`${J}/NUnit-correct2.xml`, counts(218, 218, 0, 0, 0)],
    [`${J}/NUnit-correct3.xml`, counts(22, 22, 0, 0, 0)],
    [`${J}/NUnit-failure.xml`, counts(3, 2, 1, 0, 0)],
    [`${J}/NUnit-healthReport.xml`, counts(10, 9, 1, 0, 0)],
    [`${J}/NUnit-ignored.xml`, counts(3, 1, 0, 0, 2)],
    [`${J}/NUnit-issue1077.xml`, counts(6, 6, 0, 0, 0)],
    [`${J}/NUnit-issue5674.xml`, counts(9, 6, 3, 0, 0)],
    [`${J}/NUnit-issue6353.xml`, counts(3, 1, 1, 0, 1)],
    [`${J}/NUnit-multinamespace.xml`, counts(4, 4, 0, 0, 0)],
    [`${J}/NUnit-simple.xml`, counts(2, 2, 0, 0, 0)],
    [`${J}/NUnit.xml`, counts(4, 3, 1, 0, 0)],
    [`${J}/NUnitUnicode.xml`, counts(1, 0, 1, 0, 0)],
  ])('counts %s as its source does', async (rel, expected) => {
    expect(nunitParser.detect(headOf(rel))).toBe(true);
    const out = await parseCorpusWith(nunitParser, rel);
    expect(out.diagnostics).toEqual([]);
    expect(statusCounts(out.tests)).toEqual(expected);
  });

  it('reads NUnit 3: class and namespace, labels, messages, the frame in the test class, timeouts, skip reasons', async () => {
    const out = await parseCorpusWith(nunitParser, 'nunit-xml/test-reporter/fixtures/dotnet-nunit.xml');
    const byName = new Map(out.tests.map((t) => [t.name, t]));
    expect(byName.get('Exception_In_TargetTest')).toMatchObject({
      id: 'DotnetTests.XUnitTests.CalculatorTests::Exception_In_TargetTest',
      suite: 'DotnetTests.XUnitTests.CalculatorTests',
      package: 'DotnetTests.XUnitTests',
      status: 'errored',
      durationMs: 23,
      attempts: 1,
      failure: { message: 'System.DivideByZeroException : Attempted to divide by zero.' },
      file: 'C:\\Users\\Michal\\Workspace\\dorny\\test-reporter\\reports\\dotnet\\DotnetTests.NUnitV3Tests\\CalculatorTests.cs',
      line: 33,
    });
    expect(byName.get('Failing_Test')).toMatchObject({ status: 'failed', failure: { message: 'Expected: 3\n  But was:  2' }, line: 27 });
    expect(byName.get('Is_Even_Number(3)')).toMatchObject({ id: 'DotnetTests.XUnitTests.CalculatorTests::Is_Even_Number(3)', status: 'failed', line: 61 });
    expect(byName.get('Timeout_Test')).toMatchObject({ status: 'errored', failure: { message: 'Test exceeded Timeout value 1ms.' } });
    expect(byName.get('Skipped_Test')).toMatchObject({ status: 'skipped', skipReason: 'Skipped', failure: undefined });
    // "One or more child tests had errors" on every suite above is not a finding.
    expect(out.findings).toEqual([]);
  });

  it('reads NUnit 2: names prefixed with the class, NotRunnable and Error errored, Inconclusive skipped, an unloadable fixture', async () => {
    const rel = `${J}/NUnit-correct.xml`;
    const out = await parseCorpusWith(nunitParser, rel);
    const byId = new Map(out.tests.map((t) => [t.id, t]));
    expect(byId.get('NUnit.Tests.Assemblies.MockTestFixture::MockTest5')).toMatchObject({ status: 'errored', failure: { message: 'Method is not public' } });
    expect(byId.get('NUnit.Tests.Assemblies.MockTestFixture::TestWithException')).toMatchObject({
      status: 'errored',
      package: 'NUnit.Tests.Assemblies',
      failure: { message: 'System.ApplicationException : Intentional Exception' },
    });
    expect(byId.get('NUnit.Tests.Assemblies.MockTestFixture::InconclusiveTest')).toMatchObject({ status: 'skipped', skipReason: 'No valid data' });
    expect(byId.get('NUnit.Tests.Assemblies.MockTestFixture::MockTest4')).toMatchObject({ status: 'skipped', skipReason: 'ignoring this test method for now' });
    // Generic and parameterized fixtures are found by the suite around the test.
    expect(out.tests.filter((t) => t.package === 'NUnit.Tests').map((t) => t.id)).toEqual(
      expect.arrayContaining([
        'NUnit.Tests.GenericFixture<Double>(11.5d)::Test1',
        'NUnit.Tests.ParameterizedFixture(42)::Test1',
        'NUnit.Tests.ParameterizedFixture(5)::Test1',
        'NUnit.Tests.FixtureWithTestCases::MethodWithParameters(9,11)',
      ]),
    );
    expect(out.findings).toEqual([{ kind: 'collection', package: undefined, message: 'No suitable constructor was found', tests: [], origin: rel }]);
  });

  it('finds nested fixtures (Outer+Inner) of NUnit 2', async () => {
    const out = await parseCorpusWith(nunitParser, `${J}/NUnit-correct2.xml`);
    expect(out.tests[0]).toMatchObject({
      id: 'imG.Approx.Tests.Components.BuildingBlocks.AmountTests+Clone::should_return_different_object',
      package: 'imG.Approx.Tests.Components.BuildingBlocks',
    });
  });

  it('reads the oldest NUnit 2 files: executed/success only, class from the suite', async () => {
    const out = await parseCorpusWith(nunitParser, `${J}/NUnit-issue6353.xml`);
    expect(out.tests.map((t) => [t.id, t.status, t.failure?.message, t.failure?.details, t.skipReason, t.durationMs])).toEqual([
      ['MyTests::SuccessfulTest', 'passed', undefined, undefined, undefined, 1000],
      ['MyTests::IgnoredTest', 'skipped', undefined, undefined, 'Reason', undefined],
      ['MyTests::FailedTest', 'failed', 'Reason', 'Here comes the stack trace', undefined, 2000],
    ]);
    const unnamespaced = await parseCorpusWith(nunitParser, `${J}/NUnit-issue1077.xml`);
    expect(unnamespaced.tests[0]).toMatchObject({ id: 'AdministrationPasswordTest::testChangePasswordFailEmptyForm', package: undefined, durationMs: 5065 });
  });

  it('reads early NUnit 3 (no classname): instances of a parameterized fixture stay apart; Invalid is errored', async () => {
    const rel = 'nunit-xml/test-reporter/fixtures/external/nunit-sample.xml';
    const out = await parseCorpusWith(nunitParser, rel);
    expect(statusCounts(out.tests)).toEqual(counts(18, 12, 1, 3, 2));
    const ids = out.tests.map((t) => t.id);
    expect(ids).toContain('NUnit.Tests.ParameterizedFixture(42)::Test1');
    expect(ids).toContain('NUnit.Tests.ParameterizedFixture(5)::Test1');
    expect(new Set(ids).size).toBe(18);
    expect(out.tests.find((t) => t.name === 'NotRunnableTest')).toMatchObject({ status: 'errored', failure: { message: 'No arguments were provided' } });
    expect(out.tests.find((t) => t.name === 'FailingTest')).toMatchObject({ file: 'D:\\Dev\\NUnit\\nunit-3.0\\work\\NUnitFramework\\src\\mock-assembly\\MockAssembly.cs', line: 121 });
    expect(out.findings).toEqual([{ kind: 'collection', package: 'NUnit.Tests', message: 'No suitable constructor was found', tests: [], origin: rel }]);
  });

  it('reads a bare test-suite root (Unity) and keeps a failed label=Error test errored', async () => {
    const out = await parseCorpusWith(nunitParser, `${M}/timewarpinc.xml`);
    expect(out.tests).toHaveLength(1);
    expect(out.tests[0]).toMatchObject({
      id: 'MP.Tests.AssetValidatorTest::ValidateSceneContainer("Assets/Scenes/Grid/GridTest.unity")',
      package: 'MP.Tests',
      status: 'errored',
    });
    expect(out.tests[0]!.failure?.message).toMatch(/^Zenject\.ZenjectException : Zenject Validation Failed!/);
  });

  it('does not expand external entities, and says so', async () => {
    const rel = `${J}/NUnit-sec1752-file.xml`;
    const out = await parseCorpusWith(nunitParser, rel);
    expect(statusCounts(out.tests)).toEqual(counts(2, 1, 1, 0, 0));
    expect(out.tests[0]!.failure?.message).toBe('&xxe;');
    expect(out.diagnostics).toEqual([{ file: rel, line: 2, message: 'DOCTYPE declares entities; they are not expanded (entity expansion is refused: XXE and entity bombs)' }]);
  });

  it('reads past a NUL character in a CDATA section, which strict XML parsers refuse', async () => {
    const out = await parseCorpusWith(nunitParser, `${J}/NUnit-issue17521.xml`);
    // Line 33 column 16, where libxml stops; here it is said, and the file is still read.
    expect(out.diagnostics).toEqual([
      { file: `${J}/NUnit-issue17521.xml`, line: 33, message: 'NUL character, which XML does not allow; read as if it were not there' },
    ]);
    expect(out.tests.map((t) => [t.id, t.status])).toEqual([
      ['Automation.Features.CMFeature::AddTwoNumbers', 'skipped'],
      ['Automation.Features.SubFeature::SubSmokeTest("Geo","Geonw","dev1234567",System.String[])', 'passed'],
    ]);
    expect(out.tests[0]!.skipReason).toMatch(/^No matching step definition found for one or more steps\.\nusing System;/);
  });

  it('names each test case whose attributes are malformed (unescaped quotes), and reads the rest', async () => {
    const rel = `${J}/NUnit-issue47367.xml`;
    expect(nunitParser.detect(headOf(rel))).toBe(true);
    const out = await parseCorpusWith(nunitParser, rel);
    expect(out.tests.map((t) => t.name)).toEqual([
      'ComputesSaltAndPasswordHashCorrectly',
      'ComputesSaltAndPasswordHashFromDifferentTasksCorrectly',
      'ComputesSaltAndPasswordHashFromDifferentThreadsCorrectly',
      'EncyrptAndDecryptWindows',
    ]);
    expect(out.diagnostics.map((d) => [d.file, d.line])).toEqual([5, 6, 7, 8].map((l) => [rel, l]));
    expect(out.diagnostics[0]!.message).toBe('malformed <test-case> tag (an attribute value with unescaped quotes?); element skipped');
  });

  it('reports OneTimeSetUp and OneTimeTearDown failures as crashes; tests under a failed setup are errored', async () => {
    const xml = `<test-run id="0" result="Failed">
  <test-suite type="TestFixture" name="DbTests" fullname="Acme.Data.DbTests" classname="Acme.Data.DbTests" result="Failed" label="Error" site="SetUp">
    <failure>
      <message><![CDATA[System.InvalidOperationException : no database]]></message>
      <stack-trace><![CDATA[   at Acme.Data.DbTests.Init() in /src/Data/DbTests.cs:line 14]]></stack-trace>
    </failure>
    <test-case name="Reads" fullname="Acme.Data.DbTests.Reads" classname="Acme.Data.DbTests" result="Failed" label="Error" site="Parent">
      <failure><message><![CDATA[OneTimeSetUp: System.InvalidOperationException : no database]]></message></failure>
    </test-case>
  </test-suite>
  <test-suite type="TestFixture" name="FileTests" fullname="Acme.Io.FileTests" classname="Acme.Io.FileTests" result="Failed" label="Error" site="TearDown">
    <failure><message>TearDown : System.IO.IOException : file in use</message></failure>
    <test-case name="Writes" fullname="Acme.Io.FileTests.Writes" classname="Acme.Io.FileTests" result="Passed" duration="0.5" />
    <test-case name="Warns" fullname="Acme.Io.FileTests.Warns" classname="Acme.Io.FileTests" result="Warning" />
    <test-case name="Explicit" fullname="Acme.Io.FileTests.Explicit" classname="Acme.Io.FileTests" result="Skipped" label="Explicit" />
    <test-case name="Stopped" fullname="Acme.Io.FileTests.Stopped" classname="Acme.Io.FileTests" result="Failed" label="Cancelled" />
  </test-suite>
</test-run>`;
    const out = await parse(xml);
    expect(out.diagnostics).toEqual([]);
    expect(out.tests.map((t) => [t.id, t.status, t.failure?.message ?? t.skipReason, t.durationMs])).toEqual([
      ['Acme.Data.DbTests::Reads', 'errored', 'OneTimeSetUp: System.InvalidOperationException : no database', undefined],
      ['Acme.Io.FileTests::Writes', 'passed', undefined, 500],
      ['Acme.Io.FileTests::Warns', 'passed', undefined, undefined],
      ['Acme.Io.FileTests::Explicit', 'skipped', 'Explicit', undefined],
      ['Acme.Io.FileTests::Stopped', 'errored', 'Cancelled', undefined],
    ]);
    expect(out.findings).toEqual([
      {
        kind: 'crash',
        package: 'Acme.Data',
        file: '/src/Data/DbTests.cs',
        line: 14,
        message: 'System.InvalidOperationException : no database',
        excerpt: 'at Acme.Data.DbTests.Init() in /src/Data/DbTests.cs:line 14',
        tests: [],
        origin: 'r.xml',
      },
      { kind: 'crash', package: 'Acme.Io', file: undefined, line: undefined, message: 'TearDown : System.IO.IOException : file in use', excerpt: undefined, tests: [], origin: 'r.xml' },
    ]);
  });

  it('names the line of a truncated file and keeps the tests before it', async () => {
    const xml = '<test-run id="0">\n<test-suite type="TestFixture" fullname="A.B">\n<test-case name="Ok" fullname="A.B.Ok" result="Passed"/>\n<test-case name="Cut" fullname="A.B.Cut" result="Failed">\n<failure><message>bo';
    const out = await parse(xml);
    expect(out.tests.map((t) => t.id)).toEqual(['A.B::Ok']);
    expect(out.diagnostics).toEqual([{ file: 'r.xml', line: 4, message: '<test-case> opened here is never closed (truncated file?)' }]);
  });

  it('reads an empty run without complaint, and says what it cannot make of an unknown result', async () => {
    expect(await parse('<test-run id="0" testcasecount="0" result="Passed" total="0" />')).toEqual({ tests: [], findings: [], coverage: [], diagnostics: [] });
    const out = await parse('<test-run><test-case name="X" fullname="A.X" result="Exploded"/></test-run>');
    expect(out.tests[0]).toMatchObject({ status: 'errored', failure: { message: 'result Exploded' } });
  });

  it('is told from JUnit, TRX and xUnit.net by content', () => {
    for (const rel of ['nunit-xml/test-reporter/fixtures/dotnet-nunit.xml', `${J}/NUnit.xml`, `${M}/clicketyclackety.xml`]) {
      expect([nunitParser.detect(headOf(rel)), junitParser.detect(headOf(rel))]).toEqual([true, false]);
    }
    for (const rel of [
      'junit-xml/test-reporter/fixtures/jest-junit.xml',
      'trx/test-reporter/fixtures/dotnet-trx.trx',
      'xunit-net-xml/publish-unit-test-result-action/xunit/mstest/jenkinsci/testcase1.xml',
    ]) {
      expect(nunitParser.detect(headOf(rel))).toBe(false);
    }
    expect(nunitParser.detect('<test-suite name="not NUnit"><x/></test-suite>')).toBe(false);
    expect(nunitParser.detect('<testsuite name="a"><testcase name="b"/></testsuite>')).toBe(false);
  });
});
