import * as z from 'zod';
import type { GateUnit } from './gate-value.js';
import { QuarantineSchema, RuleSchema, SubsystemDefSchema } from './policy.js';
import type { Reader } from './read.js';
import { bool, filePath, gateValue, inConfig, lines, oneOf, reportName, size, text, whole } from './read.js';

/*
 * Every setting of Verdict, one row each: the action input, CLI flag and config key that give it,
 * how its value is read, its default and what it does. The action inputs, the CLI flags (and
 * --help), the config file's schema and the gates are all made from this table, so the ways of
 * setting a value cannot drift apart: a new setting is a row here and its input in action.yml.
 * Later layers win: default < config file < input or flag.
 */

export interface Row<T> {
  /** The action input (action.yml), when the Action takes it. */
  input?: string;
  /** The CLI flag and the name of its value; `many`: given once per item. */
  flag?: { name: string; arg: string; many?: true };
  /** The config file's key (`group.key` sits under `group:`), when the file can hold it, and what it says there. */
  config?: { key: string; doc?: string };
  read: Reader<T>;
  /** Left out: not set unless given. */
  default?: T;
  /** One line per line of --help. */
  doc: string;
  /** For a gate: what it measures, and how the measure must compare with the value. */
  gate?: { metric: string; comparator: '<=' | '>='; unit: GateUnit };
}

function gate(metric: string, comparator: '<=' | '>=', unit: GateUnit): Required<Pick<Row<number>, 'gate' | 'read'>> {
  return { gate: { metric, comparator, unit }, read: gateValue(unit) };
}

export const SETTINGS = {
  workspace: {
    flag: { name: '--workspace', arg: 'DIR' },
    read: text,
    doc: 'the repository root (default: the git top level of the current\ndirectory, else the current directory)',
  },
  config: { input: 'config', flag: { name: '--config', arg: 'FILE' }, read: filePath, doc: 'config file (default: .github/verdict.yml in the workspace when it exists)' },
  reportPath: { input: 'report-path', flag: { name: '--json', arg: 'OUT' }, read: filePath, doc: 'write the report JSON to OUT' },
  markdown: { flag: { name: '--markdown', arg: 'OUT' }, read: filePath, doc: 'write the markdown report to OUT' },
  name: {
    input: 'report-name',
    flag: { name: '--name', arg: 'NAME' },
    config: { key: 'name', doc: 'Report name (input report-name wins)' },
    read: reportName,
    default: 'Verdict',
    doc: 'report name (default: Verdict)',
  },
  'max-p0': { input: 'max-p0', flag: { name: '--max-p0', arg: 'N' }, config: { key: 'gates.max-p0' }, ...gate('P0 blockers', '<=', 'count'), default: 0, doc: 'most P0 blockers allowed (default 0)' },
  'max-p1': { input: 'max-p1', flag: { name: '--max-p1', arg: 'N' }, config: { key: 'gates.max-p1' }, ...gate('P1 blockers', '<=', 'count'), default: 0, doc: 'most P1 blockers allowed (default 0)' },
  'max-p2': { input: 'max-p2', flag: { name: '--max-p2', arg: 'N' }, config: { key: 'gates.max-p2' }, ...gate('P2 blockers', '<=', 'count'), doc: 'most P2 blockers allowed (default: not enforced)' },
  'min-pass-rate': {
    input: 'min-pass-rate',
    flag: { name: '--min-pass-rate', arg: 'PCT' },
    config: { key: 'gates.min-pass-rate' },
    ...gate('Pass rate', '>=', 'percent'),
    doc: 'least pass rate, percent (default: not enforced)',
  },
  'min-coverage': {
    input: 'min-coverage',
    flag: { name: '--min-coverage', arg: 'PCT' },
    config: { key: 'gates.min-coverage' },
    ...gate('Line coverage', '>=', 'percent'),
    doc: 'least line coverage, percent (default: not enforced)',
  },
  'min-tests': {
    input: 'min-tests',
    flag: { name: '--min-tests', arg: 'N' },
    config: { key: 'gates.min-tests' },
    ...gate('Tests run', '>=', 'count'),
    default: 1,
    doc: 'least tests that ran (default 1: zero tests is never GO)',
  },
  'max-coverage-drop': {
    input: 'max-coverage-drop',
    flag: { name: '--max-coverage-drop', arg: 'PTS' },
    config: { key: 'gates.max-coverage-drop' },
    ...gate('Coverage drop against the baseline (points)', '<=', 'points'),
    doc: 'most line coverage lost against the baseline, in points',
  },
  'min-patch-coverage': {
    input: 'min-patch-coverage',
    flag: { name: '--min-patch-coverage', arg: 'PCT' },
    config: { key: 'gates.min-patch-coverage' },
    ...gate('Coverage of changed lines', '>=', 'percent'),
    doc: 'least coverage of the lines changed since --diff-base',
  },
  subsystems: {
    config: { key: 'subsystems', doc: 'Named subsystems; a test, blocker or covered file belongs to the first whose paths match, else to its package or directory' },
    read: inConfig(z.array(SubsystemDefSchema)),
    default: [],
    doc: 'named subsystems: paths, and the least coverage of each',
  },
  critical: {
    config: { key: 'critical', doc: 'Globs over paths or packages where any test failure is P0' },
    read: inConfig(z.array(z.string().min(1))),
    default: [],
    doc: 'paths or packages where any failure is P0',
  },
  quarantine: {
    config: { key: 'quarantine', doc: 'Known failures: P3 with their reason until the quarantine expires' },
    read: inConfig(z.array(QuarantineSchema)),
    default: [],
    doc: 'known failures, P3 until they expire',
  },
  rules: {
    config: { key: 'rules', doc: 'Priority overrides; the first rule that matches a blocker decides' },
    read: inConfig(z.array(RuleSchema)),
    default: [],
    doc: 'priority overrides',
  },
  baseline: {
    input: 'baseline',
    flag: { name: '--baseline', arg: 'FILE' },
    read: filePath,
    doc: 'report JSON of the base branch: new vs existing blockers, fixed ones,\ntests that stopped running, coverage delta',
  },
  diffBase: { input: 'diff-base', flag: { name: '--diff-base', arg: 'REF' }, read: text, doc: 'git revision the change is measured from (git diff REF...HEAD)' },
  requiredArtifacts: {
    input: 'required-artifacts',
    flag: { name: '--required-artifact', arg: 'GLOB', many: true },
    config: { key: 'required-artifacts', doc: 'Globs that must each match at least one report file or artifact (e.g. one per matrix leg); a missing one is a P0 blocker' },
    read: lines,
    default: [],
    doc: 'a report file that must be present (repeatable; missing is P0)',
  },
  testFiles: {
    input: 'test-files',
    flag: { name: '--test-files', arg: 'GLOB', many: true },
    config: {
      key: 'test-files',
      doc: "Which of the workspace's test files (found by each runner's naming conventions) the reports must name; '!' globs exclude; 'none' turns the check off",
    },
    read: lines,
    default: [],
    doc: "test files the reports must name (repeatable; '!GLOB' excludes;\n'none': no check; default: every file the runners' conventions name)",
  },
  failOn: {
    input: 'fail-on',
    flag: { name: '--fail-on', arg: 'WHEN' },
    read: oneOf('no-go', 'never'),
    default: 'no-go',
    doc: "'no-go' (default): exit 1 on NO-GO; 'never': exit 0 on NO-GO too",
  },
  stripPrefixes: {
    input: 'strip-prefix',
    flag: { name: '--strip-prefix', arg: 'PREFIX', many: true },
    read: lines,
    default: [],
    doc: 'remove PREFIX from file paths in reports (repeatable)',
  },
  pathPrefix: { input: 'path-prefix', flag: { name: '--path-prefix', arg: 'PREFIX' }, read: text, doc: 'prepend PREFIX to relative paths that name no known file' },
  maxFileSize: {
    input: 'max-file-size',
    flag: { name: '--max-file-size', arg: 'SIZE' },
    read: size,
    default: 2 * 1024 * 1024 * 1024,
    doc: 'skip report files larger than SIZE (default 2GB)',
  },
  // No flag: the CLI's PATTERN arguments are these.
  files: { input: 'files', read: lines, default: [], doc: 'report files: globs from the workspace; none: common report locations' },
  token: { input: 'github-token', read: text, default: '', doc: 'token for the GitHub API (kept out of everything the Action writes)' },
  comment: { input: 'comment', read: oneOf('always', 'on-failure', 'never'), default: 'always', doc: 'sticky PR comment: always, on a NO-GO, or never' },
  checkRun: { input: 'check-run', read: bool, default: true, doc: 'a check run named after the report, with annotations' },
  maxAnnotations: { input: 'max-annotations', read: whole, default: 500, doc: 'most annotations on the check run' },
  patchAnnotations: { input: 'patch-annotations', read: whole, default: 0, doc: 'notices on changed lines no test ran, at most this many (0: none)' },
  uploadReport: { input: 'upload-report', read: bool, default: true, doc: 'upload the report JSON as an artifact' },
  reportArtifact: { input: 'report-artifact', read: text, doc: 'name of that artifact (default: <report-name>-report)' },
  artifacts: { input: 'artifacts', read: lines, default: [], doc: 'globs over artifact names of the run to download and read' },
  maxArtifactSize: { input: 'max-artifact-size', read: size, default: 4 * 1024 * 1024 * 1024, doc: 'most bytes one artifact may unpack to (default 4GB); more: the artifact is unreadable (P0)' },
  maxArtifactFiles: { input: 'max-artifact-files', read: whole, default: 100_000, doc: 'most files one artifact may hold (default 100000); more: unreadable (P0)' },
  maxArtifactRatio: { input: 'max-artifact-ratio', read: whole, default: 200, doc: 'most bytes unpacked per packed byte (default 200); more: a zip bomb, unreadable (P0)' },
  runId: { input: 'run-id', read: whole, doc: 'the run to download artifacts from (default: this run, or the triggering one)' },
} as const satisfies Record<string, Row<unknown>>;

type Table = typeof SETTINGS;
export type SettingKey = keyof Table;
type ValueOf<R> = R extends { read: Reader<infer T> } ? (R extends { default: unknown } ? T : T | undefined) : never;

type GateName = { [K in SettingKey]: Table[K] extends { gate: object } ? K : never }[SettingKey];
export const GATE_NAMES = (Object.keys(SETTINGS) as SettingKey[]).filter((key): key is GateName => 'gate' in SETTINGS[key]);
export type GateValues = Partial<Record<GateName, number>>;

/** What each gate measures and how, by name. */
export const GATES = Object.fromEntries(GATE_NAMES.map((name) => [name, SETTINGS[name].gate])) as Record<GateName, NonNullable<Row<number>['gate']>>;

/** One value per row; the gates together, as the config file holds them. */
export type Settings = { -readonly [K in Exclude<SettingKey, GateName>]: ValueOf<Table[K]> } & { gates: GateValues };

/** What one layer gives: an adapter's inputs or flags, or the config file. */
export type Given = { -readonly [K in Exclude<SettingKey, GateName>]?: NonNullable<ValueOf<Table[K]>> } & { gates?: GateValues };

export type Policy = Pick<Settings, 'subsystems' | 'critical' | 'quarantine' | 'rules'>;

/** The rows an adapter reads, with their keys. */
export function rowsWith(part: 'input' | 'flag' | 'config'): [SettingKey, Row<unknown>][] {
  return (Object.entries(SETTINGS) as [SettingKey, Row<unknown>][]).filter(([, row]) => row[part] !== undefined);
}

/** A layer from the values an adapter read, by setting: the gates go together, as in Settings. */
export function givenOf(values: Iterable<readonly [SettingKey, unknown]>): Given {
  const given: Record<string, unknown> = {};
  const gates: Record<string, unknown> = {};
  for (const [key, value] of values) if (value !== undefined) ((SETTINGS[key] as Row<unknown>).gate ? gates : given)[key] = value;
  return (Object.keys(gates).length > 0 ? { ...given, gates } : given) as Given;
}
