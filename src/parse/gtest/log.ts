import { emptyOutput } from '../../model/report.js';
import { stripAnsi } from '../../text/ansi.js';
import { CompilerOutputReader } from '../logs/index.js';
import { quotesLogs } from '../logs/quoted.js';
import type { Parser } from '../parser.js';
import { lines, MAX_LOG_LINE } from '../parser.js';
import { GtestConsole } from './console.js';

/** The console output of a GoogleTest binary (`./tests 2>&1 | tee test.log`), with any build output before it. */
export const gtestLogParser: Parser = {
  format: 'gtest-log',
  kind: 'tests',
  detect(head) {
    return !quotesLogs(head) && /^\[==========\] Running \d+ tests? from /m.test(head);
  },
  async parse(source) {
    const out = emptyOutput();
    const gtest = new GtestConsole(source.path);
    const build = new CompilerOutputReader(source.path);
    for await (const [raw, n] of lines(source, MAX_LOG_LINE)) {
      const line = stripAnsi(raw);
      if (!gtest.line(line, n)) build.line(line);
    }
    gtest.finish();
    out.tests.push(...gtest.tests);
    out.findings.push(...build.findings, ...gtest.findings);
    out.runner = 'gtest';
    if (gtest.declared) out.declared = [gtest.declared];
    return out;
  },
};
