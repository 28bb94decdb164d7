import { z } from 'zod';
import { splitPatterns } from './collect/files.js';
import type { FailOn, GateValues } from './settings.js';
import { failOnFromText, GATE_NAMES, gateValueFromText, SettingError, sizeFromText } from './settings.js';

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
    failOn: failOnFromText(v['fail-on'] ?? '', "input 'fail-on'"),
    gates,
    maxFileSize: v['max-file-size'] ? sizeFromText(v['max-file-size'], "input 'max-file-size'") : undefined,
    stripPrefixes: splitPatterns(v['strip-prefix'] ?? ''),
    pathPrefix: v['path-prefix'] || undefined,
    reportPath: v['report-path'] || undefined,
  };
}
