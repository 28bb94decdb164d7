import { ATTACKS } from '../../bench/attacks.mjs';
import type { Parser } from '../../src/parse/parser.js';

/** name → one line of about `size` characters, for each of the crafted lines of bench/attacks.mjs. */
export function craftedLines(size: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(ATTACKS).map(([name, [prefix, unit, suffix]]) => [name, prefix + unit.repeat(Math.max(1, Math.ceil((size - prefix.length) / unit.length))) + suffix]),
  );
}

/**
 * A small document of `parser`'s format with `line` where that format carries free text (a failure's
 * message and details, an output line, a file name), for every parser in PARSERS.
 */
export function carrier(format: string, line: string): string {
  const xml = line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const json = JSON.stringify(line);
  switch (format) {
    case 'junit-xml':
      return `<?xml version="1.0"?>\n<testsuite name="s" tests="1" failures="1"><testcase classname="c" name="t" file="${xml}"><failure message="${xml}">${xml}\n${xml}</failure><system-out>${xml}</system-out></testcase></testsuite>\n`;
    case 'trx':
      return `<?xml version="1.0"?>\n<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results><UnitTestResult testId="1" testName="t" outcome="Failed"><Output><StdOut>${xml}</StdOut><ErrorInfo><Message>${xml}</Message><StackTrace>${xml}</StackTrace></ErrorInfo></Output></UnitTestResult></Results><TestDefinitions><UnitTest id="1" name="t"><TestMethod className="C" name="t"/></UnitTest></TestDefinitions></TestRun>\n`;
    case 'nunit-xml':
      return `<?xml version="1.0"?>\n<test-run><test-suite type="Assembly" name="a"><test-case fullname="C.t" name="t" result="Failed"><failure><message>${xml}</message><stack-trace>${xml}</stack-trace></failure><output>${xml}</output></test-case></test-suite></test-run>\n`;
    case 'xunit-net-xml':
      return `<?xml version="1.0"?>\n<assemblies><assembly name="a"><collection><test name="C.t" type="C" method="t" result="Fail"><failure><message>${xml}</message><stack-trace>${xml}</stack-trace></failure><output>${xml}</output></test></collection></assembly></assemblies>\n`;
    case 'go-test-json':
      return [
        { Action: 'run', Package: 'p', Test: 'T' },
        { Action: 'output', Package: 'p', Test: 'T', Output: `${line}\n` },
        { Action: 'output', Package: 'p', Output: `${line}\n` },
        { Action: 'fail', Package: 'p', Test: 'T' },
        { Action: 'fail', Package: 'p' },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n');
    case 'cargo-json':
      return `{ "type": "suite", "event": "started", "test_count": 1 }\n{ "type": "test", "event": "failed", "name": "t", "stdout": ${json} }\n{ "type": "suite", "event": "failed", "passed": 0, "failed": 1 }\n`;
    case 'jest-json':
      return `{"numTotalTests":1,"testResults":[{"name":"/r/a.test.js","status":"failed","message":${json},"assertionResults":[{"fullName":"t","title":"t","ancestorTitles":[],"status":"failed","failureMessages":[${json}]}]}]}`;
    case 'mocha-json':
      return `{"stats":{"suites":1,"tests":1,"passes":0,"failures":1},"tests":[],"failures":[{"title":"t","fullTitle":"t","file":"/r/a.js","err":{"message":${json},"stack":${json}}}],"passes":[]}`;
    case 'tap':
      return `TAP version 13\n1..1\nnot ok 1 - t\n  ---\n  message: ${json}\n  stack: ${json}\n  ...\n${line}\n`;
    case 'ctrf-json':
      return `{"reportFormat":"CTRF","results":{"tool":{"name":"x"},"summary":{"tests":1,"failed":1},"tests":[{"name":"t","status":"failed","message":${json},"trace":${json},"stdout":[${json}]}]}}`;
    case 'lcov':
      return `SF:${line}\nDA:1,1\nend_of_record\n`;
    case 'go-coverprofile':
      return `mode: set\n${line}:1.1,2.2 1 1\n`;
    case 'cobertura-xml':
      return `<?xml version="1.0"?>\n<coverage line-rate="1"><packages><package name="${xml}"><classes><class name="${xml}" filename="${xml}"><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>\n`;
    case 'clover-xml':
      return `<?xml version="1.0"?>\n<coverage generated="1"><project><file name="${xml}" path="${xml}"><line num="1" type="stmt" count="1"/></file></project></coverage>\n`;
    case 'jacoco-xml':
      return `<?xml version="1.0"?>\n<report name="r"><package name="${xml}"><sourcefile name="${xml}"><line nr="1" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package></report>\n`;
    case 'istanbul-coverage-final-json':
      return `{"a.js":{"statementMap":{"0":{"start":{"line":1,"column":0},"end":{"line":1,"column":1}}},"fnMap":{},"branchMap":{},"s":{"0":1},"f":{},"b":{},"path":${json}}}`;
    case 'istanbul-json-summary':
      return `{"total":{"lines":{"total":1,"covered":1,"skipped":0,"pct":100}},${json}:{"lines":{"total":1,"covered":1,"skipped":0,"pct":100}}}`;
    case 'ctest-log':
      return `Test project /r/build\n    Start 1: t\n1/1 Test #1: t ................***Failed    0.01 sec\n${line}\n${line}\n`;
    case 'gtest-log':
      return `[==========] Running 1 test from 1 test suite.\n[ RUN      ] S.t\n${line}\n[  FAILED  ] S.t (0 ms)\n${line}\n`;
    case 'cargo-test':
      return `running 1 test\ntest t ... FAILED\n\nfailures:\n\n---- t stdout ----\n${line}\n\nfailures:\n    t\n\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n${line}\n`;
    case 'unittest-console':
      return `test_t (test_m.T.test_t) ... FAIL\n\n======================================================================\nFAIL: test_t (test_m.T.test_t)\n----------------------------------------------------------------------\nTraceback (most recent call last):\n  File "/r/test_m.py", line 3, in test_t\n${line}\nAssertionError: ${line}\n\n----------------------------------------------------------------------\nRan 1 test in 0.001s\n\nFAILED (failures=1)\n`;
    case 'go-vet-json':
      return `# p\n{\n\t"p": {\n\t\t"printf": [{"posn": ${json}, "message": ${json}}]\n\t}\n}\n${line}\n`;
    case 'go-build-log':
      return `# p\na.go:1:1: undefined: x\n${line}\n\t${line}\n`;
    case 'compiler-output':
      return `a.ts(1,1): error TS1: x\n${line}\n\t${line}\n`;
    default:
      throw new Error(`no carrier for ${format}`);
  }
}

/** The carrier of every parser, keyed by format. */
export function carriers(parsers: readonly Parser[], line: string): [Parser, string][] {
  return parsers.map((p) => [p, carrier(p.format, line)]);
}
