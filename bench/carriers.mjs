/**
 * A small document of each parser's format with a crafted line where that format carries free text
 * (a failure's message and details, an output line, a file name), by format: one list for the tests
 * (__tests__/helpers/crafted.ts, lines of 1 MB, every parser in PARSERS) and the benchmark
 * (generate.mjs, lines of 50 MB, written a block at a time). In a template, {line} is the line as
 * it is, {xml} escaped for XML text, {json} escaped inside a JSON string, and {attr} its first
 * 256 Ki characters escaped for an XML attribute: a start tag over 1 MiB stops the scan (a P0 of
 * its own, tested apart), which would keep the line from every reader after it.
 */
export const CARRIERS = {
  // A test report's element is read whole: one place in each keeps it under the 64 Mi-character
  // limit (over it the scan stops, a P0 of its own) at 50 MB, so the line reaches every reader.
  'junit-xml':
    '<?xml version="1.0"?>\n<testsuite name="s" tests="2" failures="2"><testcase classname="c" name="t" file="{attr}"><failure message="{attr}">{xml}</failure></testcase>\n<testcase classname="c" name="u"><failure message="x">at a.js:1</failure><system-out>{xml}</system-out></testcase></testsuite>\n',
  trx:
    '<?xml version="1.0"?>\n<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results><UnitTestResult testId="1" testName="t" outcome="Failed"><Output><ErrorInfo><Message>{xml}</Message></ErrorInfo></Output></UnitTestResult>\n<UnitTestResult testId="2" testName="u" outcome="Failed"><Output><ErrorInfo><Message>x</Message><StackTrace>{xml}</StackTrace></ErrorInfo></Output></UnitTestResult>\n<UnitTestResult testId="3" testName="v" outcome="Failed"><Output><StdOut>{xml}</StdOut><ErrorInfo><Message>x</Message></ErrorInfo></Output></UnitTestResult></Results><TestDefinitions><UnitTest id="1" name="t"><TestMethod className="C" name="t"/></UnitTest><UnitTest id="2" name="u"><TestMethod className="C" name="u"/></UnitTest><UnitTest id="3" name="v"><TestMethod className="C" name="v"/></UnitTest></TestDefinitions></TestRun>\n',
  'nunit-xml':
    '<?xml version="1.0"?>\n<test-run><test-suite type="Assembly" name="a"><test-case fullname="C.t" name="t" result="Failed"><failure><message>{xml}</message></failure></test-case>\n<test-case fullname="C.u" name="u" result="Failed"><failure><message>x</message><stack-trace>{xml}</stack-trace></failure></test-case>\n<test-case fullname="C.v" name="v" result="Failed"><failure><message>x</message></failure><output>{xml}</output></test-case></test-suite></test-run>\n',
  'xunit-net-xml':
    '<?xml version="1.0"?>\n<assemblies><assembly name="a"><collection><test name="C.t" type="C" method="t" result="Fail"><failure><message>{xml}</message></failure></test>\n<test name="C.u" type="C" method="u" result="Fail"><failure><message>x</message><stack-trace>{xml}</stack-trace></failure></test>\n<test name="C.v" type="C" method="v" result="Fail"><failure><message>x</message></failure><output>{xml}</output></test></collection></assembly></assemblies>\n',
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
  // Coverage formats name files in attributes; the whole line goes where they hold text (a source
  // path, text inside an element read whole).
  'cobertura-xml': '<?xml version="1.0"?>\n<coverage line-rate="1"><sources><source>{xml}</source></sources><packages><package name="{attr}"><classes><class name="{attr}" filename="{attr}"><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>\n',
  'clover-xml': '<?xml version="1.0"?>\n<coverage generated="1"><project><file name="{attr}" path="{attr}">{xml}<line num="1" type="stmt" count="1"/></file></project></coverage>\n',
  'jacoco-xml': '<?xml version="1.0"?>\n<report name="r"><package name="{attr}"><sourcefile name="{attr}">{xml}<line nr="1" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package></report>\n',
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

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The most of the line an {attr} holds. */
export const ATTRIBUTE_MAX = 256 * 1024;

/** How each placeholder escapes a piece of the line; the pieces may be blocks of it, cut anywhere but inside a surrogate pair. */
export const ESCAPES = { line: (s) => s, xml, attr: (s) => xml(s).replace(/"/g, '&quot;'), json: (s) => JSON.stringify(s).slice(1, -1) };

/** A template cut into its text and its placeholders: [text, escape, text, escape, …, text]. */
export function pieces(template) {
  return template.split(/\{(line|xml|attr|json)\}/);
}

/** `format`'s carrier of `line`. */
export function carrier(format, line) {
  const template = CARRIERS[format];
  if (template === undefined) throw new Error(`no carrier for ${format}`);
  return pieces(template)
    .map((piece, i) => (i % 2 === 0 ? piece : ESCAPES[piece](piece === 'attr' ? line.slice(0, ATTRIBUTE_MAX) : line)))
    .join('');
}
