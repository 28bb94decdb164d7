import * as z from 'zod';
import { splitPatterns } from './collect/files.js';
import type { CommentMode } from './publish/comment.js';
import type { FailOn, GateValues } from './settings.js';
import { failOnFromText, GATE_NAMES, gateValueFromText, oneOf, SettingError, sizeFromText } from './settings.js';

/** The action's inputs, typed. Every error names the input and what it accepts. */
export interface Inputs {
  files: string[];
  token: string;
  config?: string;
  reportName?: string;
  failOn: FailOn;
  gates: GateValues;
  maxFileSize?: number;
  stripPrefixes: string[];
  pathPrefix?: string;
  reportPath?: string;
  comment: CommentMode;
  checkRun: boolean;
  maxAnnotations: number;
  /** Notices on uncovered changed lines, at most this many (0: none). */
  patchAnnotations: number;
  uploadReport: boolean;
  reportArtifact?: string;
  /** Globs over artifact names to download from the run (the current one, or the one a workflow_run event names). */
  artifacts: string[];
  runId?: number;
  /** A report JSON to compare with; empty: the newest report artifact of the PR's base branch. */
  baseline?: string;
  requiredArtifacts: string[];
  diffBase?: string;
}

const RawInputsSchema = z.object({
  files: z.string(),
  'github-token': z.string(),
  config: z.string(),
  'report-name': z.string().max(100, 'must be at most 100 characters'),
  'fail-on': z.string(),
  'max-file-size': z.string(),
  'strip-prefix': z.string(),
  'path-prefix': z.string(),
  'report-path': z.string(),
  comment: z.string(),
  'check-run': z.string(),
  'max-annotations': z.string(),
  'patch-annotations': z.string(),
  'upload-report': z.string(),
  'report-artifact': z.string(),
  artifacts: z.string(),
  'run-id': z.string(),
  baseline: z.string(),
  'required-artifacts': z.string(),
  'diff-base': z.string(),
  ...Object.fromEntries(GATE_NAMES.map((n) => [n, z.string()])),
});

export const INPUT_NAMES = Object.keys(RawInputsSchema.shape);

/** `getInput` is @actions/core's: it reads INPUT_<NAME> the way the runner sets it. */
export function readInputs(getInput: (name: string) => string): Inputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((n) => [n, getInput(n)]));
  const parsed = RawInputsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SettingError(`input '${String(issue.path[0])}'`, issue.message);
  }
  const v = parsed.data as Record<string, string>;
  const gates: GateValues = {};
  for (const name of GATE_NAMES) gates[name] = gateValueFromText(name, v[name] ?? '', `input '${name}'`);
  return {
    files: splitPatterns(v.files ?? ''),
    token: v['github-token'] ?? '',
    config: v.config || undefined,
    reportName: v['report-name'] || undefined,
    failOn: failOnInput(v['fail-on'] ?? ''),
    gates,
    maxFileSize: v['max-file-size'] ? sizeFromText(v['max-file-size'], "input 'max-file-size'") : undefined,
    stripPrefixes: splitPatterns(v['strip-prefix'] ?? ''),
    pathPrefix: v['path-prefix'] || undefined,
    reportPath: v['report-path'] || undefined,
    comment: oneOf(v.comment ?? '', ['always', 'on-failure', 'never'], 'always', "input 'comment'"),
    checkRun: checkRunInput(v['check-run'] ?? ''),
    maxAnnotations: wholeNumber(v['max-annotations'] ?? '', 500, "input 'max-annotations'"),
    patchAnnotations: wholeNumber(v['patch-annotations'] ?? '', 0, "input 'patch-annotations'"),
    uploadReport: bool(v['upload-report'] ?? '', true, "input 'upload-report'"),
    reportArtifact: v['report-artifact'] || undefined,
    artifacts: splitPatterns(v.artifacts ?? ''),
    runId: v['run-id'] ? wholeNumber(v['run-id'], 0, "input 'run-id'") : undefined,
    baseline: v.baseline || undefined,
    requiredArtifacts: splitPatterns(v['required-artifacts'] ?? ''),
    diffBase: v['diff-base'] || undefined,
  };
}

/** What saying that Verdict could not run needs, when any input may be the one that stopped it. */
export interface FailureInputs {
  reportName?: string;
  config?: string;
  checkRun: boolean;
  failOn: FailOn;
}

/** Input by input, each one unreadable taking its default: a bad `fail-on` is `no-go`. */
export function readFailureInputs(getInput: (name: string) => string): FailureInputs {
  const name = RawInputsSchema.shape['report-name'].safeParse(getInput('report-name'));
  return {
    reportName: (name.success && name.data) || undefined,
    config: getInput('config') || undefined,
    checkRun: orDefault(checkRunInput, getInput('check-run')),
    failOn: orDefault(failOnInput, getInput('fail-on')),
  };
}

function checkRunInput(raw: string): boolean {
  return bool(raw, true, "input 'check-run'");
}

function failOnInput(raw: string): FailOn {
  return failOnFromText(raw, "input 'fail-on'");
}

/** The input's value, or its default when it holds none the input accepts (an empty input reads as the default). */
function orDefault<T>(read: (raw: string) => T, raw: string): T {
  try {
    return read(raw);
  } catch (error) {
    if (!(error instanceof SettingError)) throw error;
    return read('');
  }
}

// The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput reads them.
function bool(raw: string, fallback: boolean, where: string): boolean {
  const v = raw.trim();
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new SettingError(where, `must be true or false (got '${raw}')`);
}

function wholeNumber(raw: string, fallback: number, where: string): number {
  const v = raw.trim();
  if (v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new SettingError(where, `must be a whole number, 0 or more (got '${raw}')`);
  return n;
}
