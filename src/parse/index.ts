import type { Source } from '../collect/read.js';
import type { ParseOutput } from '../model/report.js';
import { emptyOutput } from '../model/report.js';
import { capOutput } from './caps.js';
import { cargoJsonParser } from './cargo/json.js';
import { cargoTestParser } from './cargo/console.js';
import { cloverParser } from './clover.js';
import { coberturaParser } from './cobertura.js';
import { compilerOutputParser, goBuildLogParser } from './logs/index.js';
import { ctestLogParser } from './ctest/log.js';
import { ctrfParser } from './ctrf.js';
import { goCoverprofileParser } from './go/coverprofile.js';
import { goTestJsonParser } from './go/test-json.js';
import { gtestLogParser } from './gtest/log.js';
import { goVetJsonParser } from './go/vet-json.js';
import { istanbulFinalParser, istanbulSummaryParser } from './istanbul.js';
import { jacocoParser } from './jacoco.js';
import { jestJsonParser } from './jest-json.js';
import { junitParser } from './junit.js';
import { lcovParser } from './lcov.js';
import { mochaJsonParser } from './mocha/json.js';
import { nunitParser } from './dotnet/nunit.js';
import { trxParser } from './dotnet/trx.js';
import { xunitNetParser } from './dotnet/xunit-net.js';
import type { Parser } from './parser.js';
import { lostPart } from './parser.js';
import { tapParser } from './tap/parser.js';
import { unittestConsoleParser } from './unittest/console.js';

/**
 * Tried in order; the first whose `detect` accepts the head parses the file. jest --json comes
 * before Istanbul: with --coverage it carries a coverage map that Istanbul's detect would claim.
 */
export const PARSERS: readonly Parser[] = [
  junitParser,
  trxParser,
  nunitParser,
  xunitNetParser,
  goTestJsonParser,
  cargoJsonParser,
  jestJsonParser,
  mochaJsonParser,
  tapParser,
  ctrfParser,
  lcovParser,
  goCoverprofileParser,
  coberturaParser,
  cloverParser,
  jacocoParser,
  istanbulFinalParser,
  istanbulSummaryParser,
  ctestLogParser,
  gtestLogParser,
  cargoTestParser,
  goVetJsonParser,
  goBuildLogParser,
  unittestConsoleParser,
  compilerOutputParser,
];

export interface Parsed {
  path: string;
  format: string;
  output: ParseOutput;
  /** The matrix leg (artifact name) the file came from, when it was downloaded. */
  leg?: string;
}

/*
 * A log that a clean step left empty (`go test … 2> build.log`) is a fact, not a problem; an
 * empty report (.xml, .json, .info, …) is an upload or a writer that lost its content.
 */
const LOG_NAME = /\.(?:log|txt|err|stderr|stdout)$/i;

export function detectFormat(head: string): Parser | undefined {
  return PARSERS.find((p) => p.detect(head));
}

/** Parses one source. Never throws: whatever goes wrong becomes a diagnostic naming the file. */
export async function parseSource(source: Source): Promise<Parsed> {
  const fail = (message: string): Parsed => ({
    path: source.path,
    format: 'unknown',
    output: { ...emptyOutput(), diagnostics: [{ file: source.path, message }] },
  });
  if (source.size === 0 || source.head.trim() === '') {
    return LOG_NAME.test(source.path) ? { path: source.path, format: 'empty-log', output: emptyOutput() } : fail('empty file');
  }
  if (source.binary) return fail('binary file (not a test or coverage report)');
  const parser = detectFormat(source.head);
  if (!parser) return fail('format not recognized (not a test, coverage or build-log format Verdict reads)');
  try {
    const output = capOutput(await parser.parse(source));
    return { path: source.path, format: parser.format, output };
  } catch (error) {
    const message = `${parser.format} parser failed: ${(error as Error).message}`;
    const parsed = fail(message);
    parsed.format = parser.format;
    // A report not read may hold failures, or the coverage a gate needs: it cannot pass, as a file
    // cut short cannot.
    parsed.output.findings.push(lostPart(source.path, 1, `Report not read (${message}): what it holds is lost`));
    return parsed;
  }
}
