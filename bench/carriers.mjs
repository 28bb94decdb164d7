/**
 * A small document of each parser's format with a crafted line where that format carries free text
 * (a failure's message and details, an output line, a file name), by format: one list for the tests
 * (__tests__/helpers/crafted.ts, lines of 1 MB, every parser in PARSERS) and the benchmark
 * (generate.mjs, lines of 50 MB, written a block at a time). In a template, {line} is the line as
 * it is, {xml} escaped for an XML attribute or text, {json} escaped inside a JSON string.
 */
export const CARRIERS = {
  'junit-xml': '<?xml version="1.0"?>\n<testsuite name="s" tests="1" failures="1"><testcase classname="c" name="t" file="{xml}"><failure message="{xml}">{xml}\n{xml}</failure><system-out>{xml}</system-out></testcase></testsuite>\n',
  trx: '<?xml version="1.0"?>\n<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results><UnitTestResult testId="1" testName="t" outcome="Failed"><Output><StdOut>{xml}</StdOut><ErrorInfo><Message>{xml}</Message><StackTrace>{xml}</StackTrace></ErrorInfo></Output></UnitTestResult></Results><TestDefinitions><UnitTest id="1" name="t"><TestMethod className="C" name="t"/></UnitTest></TestDefinitions></TestRun>\n',
  'nunit-xml': '<?xml version="1.0"?>\n<test-run><test-suite type="Assembly" name="a"><test-case fullname="C.t" name="t" result="Failed"><failure><message>{xml}</message><stack-trace>{xml}</stack-trace></failure><output>{xml}</output></test-case></test-suite></test-run>\n',
  'xunit-net-xml': '<?xml version="1.0"?>\n<assemblies><assembly name="a"><collection><test name="C.t" type="C" method="t" result="Fail"><failure><message>{xml}</message><stack-trace>{xml}</stack-trace></failure><output>{xml}</output></test></collection></assembly></assemblies>\n',
  'go-test-json':
    '{"Action":"run","Package":"p","Test":"T"}\n{"Action":"output","Package":"p","Test":"T","Output":"{json}\\n"}\n{"Action":"output","Package":"p","Output":"{json}\\n"}\n{"Action":"fail","Package":"p","Test":"T"}\n{"Action":"fail","Package":"p"}',
  'cargo-json': '{ "type": "suite", "event": "started", "test_count": 1 }\n{ "type": "test", "event": "failed", "name": "t", "stdout": "{json}" }\n{ "type": "suite", "event": "failed", "passed": 0, "failed": 1 }\n',
  'jest-json': '{"numTotalTests":1,"testResults":[{"name":"/r/a.test.js","status":"failed","message":"{json}","assertionResults":[{"fullName":"t","title":"t","ancestorTitles":[],"status":"failed","failureMessages":["{json}"]}]}]}',
  // As mocha's json reporter writes it: the failed test in `tests` and again in `failures`.
  'mocha-json':
    '{"stats":{"suites":1,"tests":1,"passes":0,"failures":1},"tests":[{"title":"t","fullTitle":"t","file":"/r/a.js","err":{"message":"{json}","stack":"{json}","actual":"{json}"}}],"failures":[{"title":"t","fullTitle":"t","file":"/r/a.js","err":{"message":"{json}","stack":"{json}"}}],"passes":[]}',
  tap: 'TAP version 13\n1..1\nnot ok 1 - t\n  ---\n  message: "{json}"\n  stack: "{json}"\n  ...\n{line}\n',
  'ctrf-json': '{"reportFormat":"CTRF","results":{"tool":{"name":"x"},"summary":{"tests":1,"failed":1},"tests":[{"name":"t","status":"failed","message":"{json}","trace":"{json}","stdout":["{json}"]}]}}',
  lcov: 'SF:{line}\nDA:1,1\nend_of_record\n',
  'go-coverprofile': 'mode: set\n{line}:1.1,2.2 1 1\n',
  'cobertura-xml': '<?xml version="1.0"?>\n<coverage line-rate="1"><packages><package name="{xml}"><classes><class name="{xml}" filename="{xml}"><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>\n',
  'clover-xml': '<?xml version="1.0"?>\n<coverage generated="1"><project><file name="{xml}" path="{xml}"><line num="1" type="stmt" count="1"/></file></project></coverage>\n',
  'jacoco-xml': '<?xml version="1.0"?>\n<report name="r"><package name="{xml}"><sourcefile name="{xml}"><line nr="1" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package></report>\n',
  'istanbul-coverage-final-json': '{"a.js":{"statementMap":{"0":{"start":{"line":1,"column":0},"end":{"line":1,"column":1}}},"fnMap":{},"branchMap":{},"s":{"0":1},"f":{},"b":{},"path":"{json}"}}',
  'istanbul-json-summary': '{"total":{"lines":{"total":1,"covered":1,"skipped":0,"pct":100}},"{json}":{"lines":{"total":1,"covered":1,"skipped":0,"pct":100}}}',
  'ctest-log': 'Test project /r/build\n    Start 1: t\n1/1 Test #1: t ................***Failed    0.01 sec\n{line}\n{line}\n',
  'gtest-log': '[==========] Running 1 test from 1 test suite.\n[ RUN      ] S.t\n{line}\n[  FAILED  ] S.t (0 ms)\n{line}\n',
  'cargo-test': 'running 1 test\ntest t ... FAILED\n\nfailures:\n\n---- t stdout ----\n{line}\n\nfailures:\n    t\n\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n{line}\n',
  'unittest-console':
    'test_t (test_m.T.test_t) ... FAIL\n\n======================================================================\nFAIL: test_t (test_m.T.test_t)\n----------------------------------------------------------------------\nTraceback (most recent call last):\n  File "/r/test_m.py", line 3, in test_t\n{line}\nAssertionError: {line}\n\n----------------------------------------------------------------------\nRan 1 test in 0.001s\n\nFAILED (failures=1)\n',
  'go-vet-json': '# p\n{\n\t"p": {\n\t\t"printf": [{"posn": "{json}", "message": "{json}"}]\n\t}\n}\n{line}\n',
  'go-build-log': '# p\na.go:1:1: undefined: x\n{line}\n\t{line}\n',
  'compiler-output': 'a.ts(1,1): error TS1: x\n{line}\n\t{line}\n',
};

/** How each placeholder escapes a piece of the line; the pieces may be blocks of it, cut anywhere but inside a surrogate pair. */
export const ESCAPES = {
  line: (s) => s,
  xml: (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'),
  json: (s) => JSON.stringify(s).slice(1, -1),
};

/** A template cut into its text and its placeholders: [text, escape, text, escape, …, text]. */
export function pieces(template) {
  return template.split(/\{(line|xml|json)\}/);
}

/** `format`'s carrier of `line`. */
export function carrier(format, line) {
  const template = CARRIERS[format];
  if (template === undefined) throw new Error(`no carrier for ${format}`);
  return pieces(template)
    .map((piece, i) => (i % 2 ? ESCAPES[piece](line) : piece))
    .join('');
}
