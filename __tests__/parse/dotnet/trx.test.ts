import { describe, expect, it } from '@jest/globals';
import { junitParser } from '../../../src/parse/junit.js';
import { trxParser } from '../../../src/parse/dotnet/trx.js';
import { headOf } from '../../helpers/fixtures.js';
import { parseCorpusWith, parseTextWith, statusCounts } from '../../helpers/parse-direct.js';

const NS = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010';
const parse = (text: string) => parseTextWith(trxParser, 'r.trx', text);

/** A TRX with the given results and definitions, in vstest's order: results first. */
function trx(results: string, definitions = '', summary = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<TestRun id="1" xmlns="${NS}">\n<Results>\n${results}\n</Results>\n<TestDefinitions>\n${definitions}\n</TestDefinitions>\n${summary}</TestRun>\n`;
}

const def = (id: string, className: string, name = 'M') =>
  `<UnitTest name="${name}" storage="/src/bin/my.tests.dll" id="${id}"><Execution id="e-${id}" /><TestMethod codeBase="/src/bin/My.Tests.dll" className="${className}" name="${name}" /></UnitTest>`;

describe('TRX', () => {
  // dorny counts errored results as failed; EnricoMi de-duplicates by test identity (no duplicates here).
  it.each([
    ['trx/test-reporter/fixtures/dotnet-trx.trx', { total: 11, passed: 5, failed: 5, errored: 0, skipped: 1, flaky: 0 }],
    ['trx/publish-unit-test-result-action/trx/xunit/dotnet-trx.trx', { total: 11, passed: 5, failed: 5, errored: 0, skipped: 1, flaky: 0 }],
    ['trx/test-reporter/fixtures/dotnet-xunitv3.trx', { total: 4, passed: 1, failed: 3, errored: 0, skipped: 0, flaky: 0 }],
    ['trx/test-reporter/fixtures/external/SilentNotes.trx', { total: 79, passed: 67, failed: 0, errored: 0, skipped: 12, flaky: 0 }],
    ['trx/publish-unit-test-result-action/trx/nunit/SilentNotes.trx', { total: 79, passed: 67, failed: 0, errored: 0, skipped: 12, flaky: 0 }],
    ['trx/test-reporter/fixtures/external/FluentValidation.Tests.trx', { total: 804, passed: 803, failed: 0, errored: 0, skipped: 1, flaky: 0 }],
    ['trx/publish-unit-test-result-action/trx/mstest/pickles.trx', { total: 4, passed: 3, failed: 1, errored: 0, skipped: 0, flaky: 0 }],
    ['trx/publish-unit-test-result-action/trx/nunit/NUnit-net461-sample.trx', { total: 6, passed: 2, failed: 3, errored: 0, skipped: 1, flaky: 0 }],
    ['trx/publish-unit-test-result-action/trx/nunit/NUnit-netcoreapp3.1-sample.trx', { total: 6, passed: 2, failed: 3, errored: 0, skipped: 1, flaky: 0 }],
    ['trx/publish-unit-test-result-action/trx/xunit/xUnit-net461-sample.trx', { total: 6, passed: 2, failed: 3, errored: 0, skipped: 1, flaky: 0 }],
    ['trx/publish-unit-test-result-action/trx/xunit/xUnit-netcoreapp3.1-sample.trx', { total: 6, passed: 2, failed: 3, errored: 0, skipped: 1, flaky: 0 }],
    // EnricoMi: 21 skipped. Aborted (the test host died in it) and NotRunnable (invalid signature) are errored here.
    ['trx/publish-unit-test-result-action/trx/yami_YAMILEX_2015-10-24_04_18_59.trx', { total: 25, passed: 2, failed: 2, errored: 2, skipped: 19, flaky: 0 }],
  ])('counts %s as its source does', async (rel, expected) => {
    expect(trxParser.detect(headOf(rel))).toBe(true);
    const out = await parseCorpusWith(trxParser, rel);
    expect(out.diagnostics).toEqual([]);
    expect(statusCounts(out.tests)).toEqual(expected);
    expect(new Set(out.tests.map((t) => t.id)).size).toBe(expected.total);
  });

  it('joins results to definitions written after them: class, namespace, names without the class', async () => {
    const out = await parseCorpusWith(trxParser, 'trx/test-reporter/fixtures/dotnet-trx.trx');
    const byName = new Map(out.tests.map((t) => [t.name, t]));
    expect([...byName.keys()]).toEqual([
      'Timeout_Test',
      'Passing_Test',
      'Should be even number(i: 3)',
      'Skipped_Test',
      'Custom Name',
      'Should be even number(i: 2)',
      'Exception_In_TargetTest',
      'Exception_In_Test',
      'Failing_Test',
      'Is_Even_Number(i: 2)',
      'Is_Even_Number(i: 3)',
    ]);
    const failing = byName.get('Failing_Test')!;
    expect(failing).toMatchObject({
      id: 'DotnetTests.XUnitTests.CalculatorTests::Failing_Test',
      suite: 'DotnetTests.XUnitTests.CalculatorTests',
      package: 'DotnetTests.XUnitTests',
      status: 'failed',
      attempts: 1,
      durationMs: 4,
      file: 'C:\\Users\\Michal\\Workspace\\dorny\\test-reporter\\reports\\dotnet\\DotnetTests.XUnitTests\\CalculatorTests.cs',
      line: 27,
      origin: 'trx/test-reporter/fixtures/dotnet-trx.trx',
    });
    // `&#xD;` line ends as .NET's XmlWriter writes them come out as plain line ends.
    expect(failing.failure?.message).toBe('Assert.Equal() Failure\nExpected: 3\nActual:   2');
    expect(byName.get('Timeout_Test')).toMatchObject({ status: 'passed', durationMs: 108, failure: undefined });
    expect(byName.get('Skipped_Test')).toMatchObject({ status: 'skipped', skipReason: 'Skipped test' });
  });

  it("places a failure in the test's own frame, not in the code under test it called", async () => {
    const out = await parseCorpusWith(trxParser, 'trx/test-reporter/fixtures/dotnet-trx.trx');
    const t = out.tests.find((x) => x.name === 'Exception_In_TargetTest')!;
    expect(t.failure?.message).toBe('System.DivideByZeroException : Attempted to divide by zero.');
    expect(t.failure?.details).toMatch(/^at DotnetTests\.Unit\.Calculator\.Div\(Int32 a, Int32 b\) in .*Calculator\.cs:line 9\n {3}at /);
    expect(t.file).toMatch(/DotnetTests\.XUnitTests\\CalculatorTests\.cs$/);
    expect(t.line).toBe(33);
  });

  it('reads the skip reason NUnit writes to ErrorInfo, and names NUnit tests without a class prefix', async () => {
    const out = await parseCorpusWith(trxParser, 'trx/publish-unit-test-result-action/trx/nunit/NUnit-net461-sample.trx');
    expect(out.tests.find((t) => t.status === 'skipped')).toMatchObject({ id: 'SampleProject.NUnit.TestServiceTests::SkipTest', skipReason: 'Ignore test' });
    expect(out.tests.find((t) => t.name === 'TestTheory(False)')).toMatchObject({
      failure: { message: 'Expected: False\n  But was:  True' },
      line: 25,
    });
  });

  it('strips the assembly qualification of old MSTest class names and skips frames at line 0', async () => {
    const out = await parseCorpusWith(trxParser, 'trx/publish-unit-test-result-action/trx/mstest/pickles.trx');
    const t = out.tests.find((x) => x.status === 'failed')!;
    expect(t.id).toBe('Pickles.TestHarness.MSTest.AdditionFeature::FailToAddTwoNumbers');
    expect(t.package).toBe('Pickles.TestHarness.MSTest');
    // The frame in the test class says `Addition.feature.cs:line 0` (generated code).
    expect([t.file, t.line]).toEqual(['C:\\dev\\pickles-results-harness\\Pickles.TestHarness\\Pickles.TestHarness.MSTest\\Steps.cs', 28]);
  });

  it('reports a test host that died: the aborted test errored, and a crash finding naming it', async () => {
    const out = await parseCorpusWith(trxParser, 'trx/publish-unit-test-result-action/trx/yami_YAMILEX_2015-10-24_04_18_59.trx');
    const errored = out.tests.filter((t) => t.status === 'errored');
    expect(errored.map((t) => [t.name, t.failure?.message.slice(0, 40)])).toEqual([
      ['CompareTest', 'UTA007: la firma del método CompareTest '],
      ['EST_SEG_TEMPTest', 'outcome Aborted'],
    ]);
    expect(out.findings).toEqual([
      {
        kind: 'crash',
        message: 'El proceso del host de pruebas terminó inesperadamente.',
        excerpt: 'El proceso del host de pruebas terminó inesperadamente.',
        tests: ['EST_SEG_TEMPTest'],
        origin: 'trx/publish-unit-test-result-action/trx/yami_YAMILEX_2015-10-24_04_18_59.trx',
      },
    ]);
  });

  it('places a result whose definition names no class under its assembly (xUnit v3 cleanup failures)', async () => {
    const out = await parseCorpusWith(trxParser, 'trx/test-reporter/fixtures/dotnet-xunitv3.trx');
    expect(out.tests.map((t) => [t.id, t.status])).toEqual([
      ['DotnetTests.XUnitV3Tests.FixtureTests::Failing_Test', 'failed'],
      ['DotnetTests.XUnitV3Tests.FixtureTests::Passing_Test', 'passed'],
      ['DotnetTests.XUnitV3Tests::[Test Class Cleanup Failure (DotnetTests.XUnitV3Tests.FixtureTests.Passing_Test)]', 'failed'],
      ['DotnetTests.XUnitV3Tests::[Test Class Cleanup Failure (DotnetTests.XUnitV3Tests.FixtureTests.Failing_Test)]', 'failed'],
    ]);
    expect(out.tests[2]!.failure).toBeUndefined();
    expect([out.tests[0]!.file, out.tests[0]!.line]).toEqual(['/_/reports/dotnet/DotnetTests.XUnitV3Tests/FixtureTests.cs', 25]);
    // The RunInfo of a run that only had failing tests is not a finding.
    expect(out.findings).toEqual([]);
  });

  it.each(['trx/test-reporter/fixtures/empty/dotnet-trx.trx', 'trx/test-reporter/fixtures/empty/dotnet-trx-empty-test-definitions.trx'])(
    'says why a run has no results at all (%s)',
    async (rel) => {
      const out = await parseCorpusWith(trxParser, rel);
      expect(out.tests).toEqual([]);
      expect(out.diagnostics).toEqual([]);
      expect(out.findings).toHaveLength(1);
      expect(out.findings[0]).toMatchObject({ kind: 'collection', tests: [], origin: rel });
      expect(out.findings[0]!.message).toMatch(/^No test is available in \(\.\.\.\)\. Make sure that test discoverer & executors are registered/);
    },
  );

  it('maps every TRX outcome, with a message for errored tests that have none', async () => {
    const outcomes = ['Passed', 'PassedButRunAborted', 'Warning', 'Completed', 'Failed', 'Error', 'Timeout', 'Aborted', 'Disconnected'];
    outcomes.push('InProgress', 'NotRunnable', 'NotExecuted', 'Inconclusive', 'Pending', 'Bogus');
    const results = outcomes.map((o, i) => `<UnitTestResult testId="t${i}" testName="${o}" outcome="${o}" />`).join('\n');
    const out = await parse(trx(results));
    expect(out.tests.map((t) => [t.name, t.status, t.failure?.message])).toEqual([
      ['Passed', 'passed', undefined],
      ['PassedButRunAborted', 'passed', undefined],
      ['Warning', 'passed', undefined],
      ['Completed', 'passed', undefined],
      ['Failed', 'failed', undefined],
      ['Error', 'errored', 'outcome Error'],
      ['Timeout', 'errored', 'outcome Timeout'],
      ['Aborted', 'errored', 'outcome Aborted'],
      ['Disconnected', 'errored', 'outcome Disconnected'],
      ['InProgress', 'errored', 'outcome InProgress'],
      ['NotRunnable', 'errored', 'outcome NotRunnable'],
      ['NotExecuted', 'skipped', undefined],
      ['Inconclusive', 'skipped', undefined],
      ['Pending', 'skipped', undefined],
      ['Bogus', 'errored', 'unknown outcome "Bogus"'],
    ]);
    expect(out.diagnostics).toEqual([]);
  });

  it('reads definitions written before the results (MSTest of VS 2010) and results with no definition', async () => {
    const xml = `<TestRun xmlns="${NS}"><TestDefinitions>${def('a', 'Acme.Cart.CartTests, Acme.Cart.Tests, Version=1.0.0.0, Culture=neutral', 'Adds')}</TestDefinitions>
<Results><UnitTestResult testId="a" testName="Adds" outcome="Passed" duration="1.02:03:04.5" />
<UnitTestResult testId="zz" testName="Acme.Orders.OrderTests.Ships" outcome="Passed" /></Results></TestRun>`;
    const out = await parse(xml);
    expect(out.tests.map((t) => [t.id, t.package, t.durationMs])).toEqual([
      ['Acme.Cart.CartTests::Adds', 'Acme.Cart', 93784500],
      ['Acme.Orders.OrderTests::Ships', 'Acme.Orders', undefined],
    ]);
  });

  it('turns the rows of a data-driven test into tests, numbering rows without a name of their own', async () => {
    const results = `<UnitTestResult executionId="p" testId="d" testName="Sums" outcome="Failed" resultType="DataDrivenTest"><InnerResults>
  <UnitTestResult executionId="r1" parentExecutionId="p" testId="d" testName="Sums (1,2)" outcome="Passed" resultType="DataDrivenDataRow" dataRowInfo="1" />
  <UnitTestResult executionId="r2" parentExecutionId="p" testId="d" testName="Sums" outcome="Failed" resultType="DataDrivenDataRow" dataRowInfo="2">
    <Output><ErrorInfo>
      <Message>Assert.AreEqual failed. Expected:&lt;4&gt;. Actual:&lt;5&gt;.</Message>
      <StackTrace>   at Acme.MathTests.Sums(Int32 a, Int32 b) in /src/MathTests.cs:line 12</StackTrace>
    </ErrorInfo></Output>
  </UnitTestResult>
  <UnitTestResult executionId="r3" parentExecutionId="p" testId="d" testName="Sums" outcome="Passed" resultType="DataDrivenDataRow" dataRowInfo="3" />
</InnerResults></UnitTestResult>`;
    const out = await parse(trx(results, def('d', 'Acme.MathTests', 'Sums')));
    expect(out.tests.map((t) => [t.id, t.status, t.line])).toEqual([
      ['Acme.MathTests::Sums (1,2)', 'passed', undefined],
      ['Acme.MathTests::Sums [row 2]', 'failed', 12],
      ['Acme.MathTests::Sums [row 3]', 'passed', undefined],
    ]);
    expect(out.tests[1]!.failure).toEqual({ message: 'Assert.AreEqual failed. Expected:<4>. Actual:<5>.', details: 'at Acme.MathTests.Sums(Int32 a, Int32 b) in /src/MathTests.cs:line 12' });
  });

  it('makes one test of reruns: failed then passed is flaky, failed every time is failed; passing twice is two runs', async () => {
    const run = (id: string, outcome: string, message = '') =>
      `<UnitTestResult testId="${id}" testName="Acme.T.${id}" outcome="${outcome}" duration="00:00:01">${message && `<Output><ErrorInfo><Message>${message}</Message></ErrorInfo></Output>`}</UnitTestResult>`;
    const results = [run('flaky', 'Failed', 'boom'), run('broken', 'Failed', 'no'), run('twice', 'Passed'), run('flaky', 'Passed'), run('broken', 'Failed', 'still no'), run('twice', 'Passed')].join('\n');
    const out = await parse(trx(results));
    expect(out.tests.map((t) => [t.id, t.status, t.attempts, t.durationMs, t.failure?.message])).toEqual([
      ['Acme.T::flaky', 'flaky', 2, 2000, 'boom'],
      ['Acme.T::broken', 'failed', 2, 2000, 'still no'],
      ['Acme.T::twice', 'passed', 1, 1000, undefined],
      ['Acme.T::twice', 'passed', 1, 1000, undefined],
    ]);
  });

  it('reports a run timeout as a timeout finding', async () => {
    const summary = `<ResultSummary outcome="Timeout"><RunInfos><RunInfo computerName="ci" outcome="Error"><Text>Test Run timed out after 600000 ms.</Text></RunInfo></RunInfos></ResultSummary>`;
    const out = await parse(trx('<UnitTestResult testId="a" testName="Acme.T.Slow" outcome="InProgress" />', '', summary));
    expect(out.tests[0]).toMatchObject({ status: 'errored', failure: { message: 'outcome InProgress' } });
    expect(out.findings).toEqual([
      { kind: 'timeout', message: 'Test Run timed out after 600000 ms.', excerpt: 'Test Run timed out after 600000 ms.', tests: ['Acme.T.Slow'], origin: 'r.trx' },
    ]);
  });

  it('names the line of a truncated file and keeps the results before it', async () => {
    const xml = `<TestRun xmlns="${NS}">\n<Results>\n<UnitTestResult testId="a" testName="A.B.Ok" outcome="Passed" />\n<UnitTestResult testId="b" testName="A.B.Cut" outcome="Failed">\n<Output><ErrorInfo><Message>boo`;
    const out = await parse(xml);
    expect(out.tests.map((t) => t.id)).toEqual(['A.B::Ok']);
    expect(out.diagnostics).toEqual([{ file: 'r.trx', line: 4, message: '<UnitTestResult> opened here is never closed (truncated file?)' }]);
  });

  it('names the line of a malformed result and reads the others', async () => {
    const results = [
      '<UnitTestResult testId="a" testName="A.B.Ok" outcome="Passed" />',
      '<UnitTestResult testId="b" testName="A.B.M("x")" outcome="Passed" />',
      '<UnitTestResult testId="c" testName="A.B.Bad" outcome="Failed"><Output><ErrorInfo><Message>a < b</Message></ErrorInfo></Output></UnitTestResult>',
    ].join('\n');
    const out = await parse(trx(results));
    expect(out.tests.map((t) => t.id)).toEqual(['A.B::Ok']);
    expect(out.diagnostics).toEqual([
      { file: 'r.trx', line: 5, message: 'malformed <UnitTestResult> tag (an attribute value with unescaped quotes?); element skipped' },
      { file: 'r.trx', line: 6, message: "malformed XML: Invalid space after '<'." },
    ]);
    // A result not read may be a failure: each is a P0.
    expect(out.findings.map((f) => [f.kind, f.message])).toEqual([
      ['truncated', 'Element on line 5 not read (malformed <UnitTestResult> tag (an attribute value with unescaped quotes?)): what it holds is lost'],
      ['truncated', "Element on line 6 not read (malformed XML: Invalid space after '<'.): what it holds is lost"],
    ]);
  });

  it('reads an empty run without complaint', async () => {
    const out = await parse(`<TestRun xmlns="${NS}"><Results /><TestDefinitions /></TestRun>`);
    expect(out).toEqual({ tests: [], findings: [], coverage: [], diagnostics: [] });
  });

  it('is told from JUnit by content, both ways', () => {
    const trxHeads = ['trx/test-reporter/fixtures/dotnet-trx.trx', 'trx/publish-unit-test-result-action/trx/yami_YAMILEX_2015-10-24_04_18_59.trx'].map(headOf);
    const junitHeads = ['junit-xml/test-reporter/fixtures/jest-junit.xml', 'junit-xml/publish-unit-test-result-action/junit-xml/xunit/xunit.xml'].map(headOf);
    for (const h of trxHeads) expect([trxParser.detect(h), junitParser.detect(h)]).toEqual([true, false]);
    for (const h of junitHeads) expect(trxParser.detect(h)).toBe(false);
    expect(trxParser.detect(headOf('nunit-xml/test-reporter/fixtures/dotnet-nunit.xml'))).toBe(false);
    expect(trxParser.detect(headOf('xunit-net-xml/publish-unit-test-result-action/xunit/mstest/jenkinsci/testcase1.xml'))).toBe(false);
    expect(trxParser.detect('<TestRun><Steps/></TestRun>')).toBe(false);
    expect(trxParser.detect('')).toBe(false);
  });
});
