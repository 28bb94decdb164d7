import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS } from './fixtures.js';

/** Counts a source states for one file; null where it does not state that count. */
export interface Figures {
  total: number | null;
  passed: number | null;
  failed: number | null;
  skipped: number | null;
  errors: number | null;
}

/** One entry of the corpus's expected.json; MANIFEST.md ("Layout", "How to read the expectations") says where each figure comes from. */
export interface Expectation {
  path: string;
  format: string;
  tests?: Figures;
  runs?: Figures;
  coverage?: { linesCovered: number | null; linesTotal: number | null; linePercent?: number };
  parse_error?: string;
  source_of_expectation: string;
  notes?: string;
}

export const EXPECTED: readonly Expectation[] = JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Expectation[];

type StatesCoverage = Expectation & Required<Pick<Expectation, 'coverage'>>;

/** The entries that state coverage for files under `dir`, a format's folder such as 'lcov/'. */
export function coverageExpected(dir: string): StatesCoverage[] {
  return EXPECTED.filter((e): e is StatesCoverage => e.path.startsWith(dir) && e.coverage !== undefined);
}
