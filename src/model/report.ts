import * as z from 'zod';

/*
 * Two halves: the normalized model that parsers produce and the middle of the pipeline works on,
 * and the report — the versioned contract every rendering and every other tool reads.
 */

export type TestStatus = 'passed' | 'failed' | 'errored' | 'skipped' | 'flaky';

export interface Failure {
  message: string;
  type?: string;
  details?: string;
}

export interface TestCase {
  /** Format-independent identity: the same test from two shards or two formats gets the same id. */
  id: string;
  name: string;
  suite: string;
  /** Go package, Java package or source directory; the default subsystem. */
  package?: string;
  file?: string;
  line?: number;
  status: TestStatus;
  durationMs?: number;
  attempts: number;
  failure?: Failure;
  skipReason?: string;
  /** Report file the test came from (repository-relative). */
  origin: string;
}

export const FINDING_KINDS = [
  'compile',
  'dependency',
  'race',
  'panic',
  'timeout',
  'crash',
  'collection',
  'missing-artifact',
  'skipped-environment',
  /** A setup or teardown hook (before/after all, @BeforeAll, setUpClass, a fixture) failed. */
  'hook',
  /** A test executable or target did not build, or could not be found, so it never ran. */
  'not-built',
  /** A report or log states more tests than any report shows. */
  'never-reported',
  /** A report ends early (an unclosed root, cut JSON), or over a limit is not read to its end: what came after is lost. */
  'truncated',
  /** A static check (go vet) found a problem; the code builds. */
  'vet',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Something that stopped tests from running, or is wrong beyond one assertion. */
export interface Finding {
  kind: FindingKind;
  package?: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  /** Raw lines as the tool printed them, for the reviewer. */
  excerpt?: string;
  /** Names of the tests this finding concerns (the test that crashed, the test a hook ran for). */
  tests: string[];
  /**
   * Tests the evidence says this stopped from running (a hook's describe, a target that did not
   * build): each counts as blocked, once, whatever else names it.
   */
  blocks?: string[];
  /** Tests it stopped that the evidence only counts ("3 tests never reported"): counted as blocked too. */
  blockedCount?: number;
  origin: string;
  /** Other files that report the very same finding (set by the merge stage). */
  alsoFrom?: string[];
  /** Known to have happened, but the file read does not say why (e.g. build errors went to stderr). */
  unexplained?: boolean;
}

/** Line number → hit count, for coverable lines only. */
export type LineHits = Map<number, number>;

/**
 * Go's statement blocks (`start.col,end.col` → statements and hits), kept by block so that
 * profiles of the same file merge as go's own tools merge them: a block covered in any profile
 * is covered. Counts of statements are what `go tool cover -func` reports beside lines.
 */
export type StatementBlocks = Map<string, { statements: number; hits: number }>;

export interface FileCoverage {
  /** As the report wrote it; the merge stage makes it repository-relative. */
  path: string;
  lines: LineHits;
  /** Directories `path` may be relative to (Cobertura <source>, a report's base directory). */
  roots?: string[];
  /** Counts only, for formats that give no line numbers (Istanbul coverage-summary.json). */
  summary?: { covered: number; total: number };
  /** Statements by block, for formats that count statements (Go coverprofile). */
  statements?: StatementBlocks;
}

/** Coverage of one repository file after merging every report that covers it. */
export interface CoverageEntry {
  lines: LineHits;
  summary?: { covered: number; total: number };
  statements?: StatementBlocks;
}

/** Covered and coverable lines of a file: from its lines, or its summary when a format gave only counts. */
export function lineTotals(entry: CoverageEntry): { covered: number; total: number } {
  if (entry.lines.size === 0 && entry.summary) return entry.summary;
  let covered = 0;
  for (const hits of entry.lines.values()) if (hits > 0) covered++;
  return { covered, total: entry.lines.size };
}

/**
 * Covered and total statements over the files whose reports count statements; undefined when
 * none does (only Go coverprofiles do).
 */
export function sumStatementTotals(entries: Iterable<CoverageEntry>): { covered: number; total: number } | undefined {
  let sum: { covered: number; total: number } | undefined;
  for (const entry of entries) {
    if (!entry.statements) continue;
    sum ??= { covered: 0, total: 0 };
    for (const b of entry.statements.values()) {
      sum.total += b.statements;
      if (b.hits > 0) sum.covered += b.statements;
    }
  }
  return sum;
}

/** Covered and coverable lines over many files. */
export function sumLineTotals(entries: Iterable<CoverageEntry>): { covered: number; total: number } {
  let covered = 0;
  let total = 0;
  for (const entry of entries) {
    const t = lineTotals(entry);
    covered += t.covered;
    total += t.total;
  }
  return { covered, total };
}

export interface Diagnostic {
  file: string;
  line?: number;
  message: string;
}

/**
 * Passing tests that share everything but their ids (a run of one class's tests in one file):
 * what most of a big report is, kept as ids and a count rather than an object each. A test goes
 * here only when it has nothing else to say — no failure, skip, retry or duration anyone reads.
 * A group holds tests the file lists one after another, with no test of `tests` between them.
 * Their tests are read through test-set.ts.
 */
export interface PassedTests {
  suite: string;
  package?: string;
  file?: string;
  origin: string;
  /** Where the name starts in each id (ids are `head::name`; 0 when an id is only the name). */
  nameAt: number;
  /** How many of the parse's `tests` the file lists before this group's tests. */
  at: number;
  ids: string[];
  /** Line of each test, when the report gave one (0: none). */
  lines?: number[];
}

/** What one parser makes of one file. */
export interface ParseOutput {
  /** Every test but those kept in `passed`. */
  tests: TestCase[];
  passed?: PassedTests[];
  findings: Finding[];
  coverage: FileCoverage[];
  diagnostics: Diagnostic[];
  /** Go module paths declared by go.mod files the parser saw (used to map import paths to files). */
  goModules?: { module: string; dir: string }[];
  /** The parser knows that no two of `tests` share an id (else the merge stage finds out). */
  distinctIds?: boolean;
  /** The runner that wrote the file, when the file says (jest, vitest, pytest, cargo, ctest, …). */
  runner?: string;
  /** How many tests the file says there are (headers, summary lines): reconciled with what reports show. */
  declared?: Declared[];
}

/**
 * A count of tests a file states. Several in one file add up (cargo prints a `test result:` line
 * per test binary). `scope` says what to compare it with: the file's own tests (a JUnit header, a
 * console log that lists every test), or every test report of the same runner (a summary line of
 * a console log that lists only failures).
 */
export interface Declared {
  total: number;
  /** Where the figure comes from, quoted as the file writes it: `<testsuites tests="12">`, `Tests: 1 failed, 7 passed, 8 total`. */
  what: string;
  line?: number;
  scope: 'file' | 'runner';
}

export function emptyOutput(): ParseOutput {
  return { tests: [], findings: [], coverage: [], diagnostics: [] };
}

// ---------------------------------------------------------------------------------------------
// The report: schema version 1. Additive changes only; anything else bumps schemaVersion.

const count = z.number().int().nonnegative();

export const TestCountsSchema = z.object({
  total: count,
  passed: count,
  failed: count,
  errored: count,
  skipped: count,
  flaky: count,
  blocked: count,
});
export type TestCounts = z.infer<typeof TestCountsSchema>;

export const LineCoverageSchema = z.object({
  covered: count,
  total: count,
  percent: z.number().min(0).max(100).nullable(),
});
export type LineCoverage = z.infer<typeof LineCoverageSchema>;

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

export const LocationSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  test: z.string().optional(),
  message: z.string().optional(),
});
export type Location = z.infer<typeof LocationSchema>;

export const BlockerSchema = z.object({
  id: z.string(),
  priority: PrioritySchema,
  category: z.string(),
  title: z.string(),
  /** Why this priority, in one sentence a reviewer can disagree with. */
  rule: z.string(),
  package: z.string().optional(),
  subsystem: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  message: z.string().optional(),
  details: z.string().optional(),
  tests: z.array(z.string()),
  /** Every place this blocker shows up: each compile error, each failing test's file:line. */
  locations: z.array(LocationSchema),
  /** The report files it was read from (several for a test seen in several shards). */
  sources: z.array(z.string()),
  /** Tests declared in source that never ran because of this blocker. */
  blocked: z.array(z.string()).default([]),
  /** Tests it stopped that no file names, only counts (e.g. declared by a summary, never reported). */
  blockedUnnamed: count.optional(),
  /** Against the baseline: caused by this change, or already there. Absent without a baseline. */
  status: z.enum(['new', 'existing']).optional(),
  /** Matrix legs (artifact names) it showed up on, when the reports came from artifacts. */
  legs: z.array(z.string()).optional(),
});
export type Blocker = z.infer<typeof BlockerSchema>;

export const READINESS = ['READY', 'CAUTION', 'NOT READY', 'UNKNOWN'] as const;
export const ReadinessSchema = z.enum(READINESS);
export type Readiness = z.infer<typeof ReadinessSchema>;

export const SubsystemSchema = z.object({
  name: z.string(),
  tests: TestCountsSchema,
  passRate: z.number().nullable(),
  coverage: LineCoverageSchema.optional(),
  /** Statements beside lines, when the coverage reports count them (Go). */
  statements: LineCoverageSchema.optional(),
  /** Percentage points against the baseline (negative: coverage dropped). */
  coverageDelta: z.number().optional(),
  blockers: z.object({ P0: count, P1: count, P2: count, P3: count }),
  readiness: ReadinessSchema,
});
export type Subsystem = z.infer<typeof SubsystemSchema>;

export const GateSchema = z.object({
  /** The setting's name, as the input, the config key and the CLI flag spell it. */
  name: z.string(),
  /** What is measured, for people. */
  metric: z.string(),
  comparator: z.enum(['<=', '>=']),
  target: z.number(),
  actual: z.number().nullable(),
  passed: z.boolean(),
  unit: z.enum(['count', 'percent', 'points']),
  /** Why a gate without a figure passed or failed (no baseline, no changed lines, no coverage). */
  note: z.string().optional(),
});
export type Gate = z.infer<typeof GateSchema>;

export const ArtifactSchema = z.object({
  path: z.string(),
  format: z.string(),
  /** The runner that wrote it, when the file says. */
  runner: z.string().optional(),
  /** Test counts the file states, with where each came from. */
  declared: z.array(z.object({ total: count, what: z.string(), line: z.number().int().positive().optional(), scope: z.enum(['file', 'runner']) })).optional(),
  tests: count.optional(),
  coverageFiles: count.optional(),
  findings: count.optional(),
});
export type Artifact = z.infer<typeof ArtifactSchema>;

export const DiagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  message: z.string(),
});

export const RunSchema = z.object({
  repository: z.string().optional(),
  sha: z.string().optional(),
  ref: z.string().optional(),
  event: z.string().optional(),
  pullRequest: z.number().int().positive().optional(),
  serverUrl: z.string().optional(),
  runUrl: z.string().optional(),
});

export const BaselineInfoSchema = z.object({
  found: z.boolean(),
  /** Why there is none, or where it came from: said plainly in the report. */
  reason: z.string().optional(),
  source: z.string().optional(),
  sha: z.string().optional(),
  generatedAt: z.string().optional(),
  coverage: z.number().nullable().optional(),
});
export type BaselineInfo = z.infer<typeof BaselineInfoSchema>;

export const FixedSchema = z.object({ id: z.string(), priority: PrioritySchema, category: z.string(), title: z.string(), tests: z.array(z.string()) });

export const PatchCoverageSchema = z.object({
  covered: count,
  total: count,
  percent: z.number().min(0).max(100).nullable(),
  /** Changed files with coverable changed lines; `uncovered` as ranges, e.g. "12-15, 20". */
  files: z.array(z.object({ path: z.string(), covered: count, total: count, uncovered: z.string() })),
  /** Changed source files no coverage report mentions: a missing upload must not look like 100%. */
  missing: z.array(z.string()),
  source: z.string(),
});
export type PatchCoverage = z.infer<typeof PatchCoverageSchema>;

export const TestFilesInfoSchema = z.object({
  /** Test files found in the workspace by the runners' naming conventions (that declare a test). */
  found: count,
  /** Of those, the ones some report names. */
  reported: count,
  /** The others (the first 200), blocked when the reports name other test files of their project. */
  unreported: z.array(z.object({ file: z.string(), ecosystem: z.string(), tests: count, blocked: z.boolean() })),
  /** Unreported files past the first 200. */
  more: count.optional(),
});
export type TestFilesInfo = z.infer<typeof TestFilesInfoSchema>;

/** One earlier report of the base branch, for a trend: its commit, time, pass rate and coverage. */
export const HistoryPointSchema = z.object({
  sha: z.string().optional(),
  generatedAt: z.string(),
  passRate: z.number().nullable(),
  coverage: z.number().nullable(),
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  name: z.string(),
  verdict: z.enum(['GO', 'NO-GO']),
  generatedAt: z.string(),
  run: RunSchema,
  tests: TestCountsSchema,
  passRate: z.number().min(0).max(100).nullable(),
  /** Lines are the gated figure; statements are shown beside them when the reports count them (Go). */
  coverage: z.object({ lines: LineCoverageSchema, statements: LineCoverageSchema.optional(), delta: z.number().nullable().optional() }).nullable(),
  blockers: z.array(BlockerSchema),
  subsystems: z.array(SubsystemSchema),
  gates: z.array(GateSchema),
  artifacts: z.array(ArtifactSchema),
  diagnostics: z.array(DiagnosticSchema),
  /** Test ids by package: what a later run compares against to see tests that stopped running. */
  inventory: z.record(z.string(), z.array(z.string())).default({}),
  baseline: BaselineInfoSchema.default({ found: false, reason: 'no baseline was given' }),
  /** Blockers of the baseline that are gone now. */
  fixed: z.array(FixedSchema).default([]),
  /** Tests the baseline ran that are neither here nor blocked: deleted or renamed. */
  removedTests: z.array(z.object({ package: z.string(), test: z.string() })).default([]),
  patchCoverage: PatchCoverageSchema.nullable().default(null),
  /** The baseline and the base-branch reports before it (oldest first, at most 10): a trend. */
  history: z.array(HistoryPointSchema).default([]),
  /** The workspace's test files against the reports: null when no inventory was taken. */
  testFiles: TestFilesInfoSchema.nullable().default(null),
});
export type Report = z.infer<typeof ReportSchema>;
export type ReportInput = z.input<typeof ReportSchema>;
export type RunInfo = z.infer<typeof RunSchema>;
