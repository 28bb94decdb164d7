import { stat } from 'node:fs/promises';
import path from 'node:path';
import { openSource, sourceFromText } from '../../src/collect/read.js';
import type { ParseOutput, TestCase } from '../../src/model/report.js';
import type { Parser } from '../../src/parse/parser.js';
import { CORPUS } from './fixtures.js';

/* One parser on one file, without the registry: for parsers not (yet) registered, and to test one parser alone. */

export async function parseCorpusWith(parser: Parser, rel: string): Promise<ParseOutput> {
  const absolute = path.join(CORPUS, rel);
  const { size } = await stat(absolute);
  return parser.parse(await openSource({ absolute, path: rel, size }));
}

export function parseTextWith(parser: Parser, name: string, text: string): Promise<ParseOutput> {
  return parser.parse(sourceFromText(name, text));
}

/** total/passed/failed/errored/skipped/flaky of some tests. */
export function statusCounts(tests: TestCase[]): Record<'total' | TestCase['status'], number> {
  const c = { total: tests.length, passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0 };
  for (const t of tests) c[t.status]++;
  return c;
}

export function byName(tests: TestCase[]): Record<string, TestCase> {
  return Object.fromEntries(tests.map((t) => [t.name, t]));
}
