import * as z from 'zod';
import type { Config } from './config.js';
import type { GateUnit } from './gate-value.js';
import { gateValueSchema } from './gate-value.js';
import type { Policy } from './policy.js';
import { policyOf } from './policy.js';

/*
 * One table of gates drives the action inputs, the config file keys, the CLI flags and the
 * gate evaluation, so the three ways of setting a gate cannot drift apart.
 */

export const GATES = {
  'max-p0': { metric: 'P0 blockers', comparator: '<=', unit: 'count', default: 0 },
  'max-p1': { metric: 'P1 blockers', comparator: '<=', unit: 'count', default: 0 },
  'max-p2': { metric: 'P2 blockers', comparator: '<=', unit: 'count', default: undefined },
  'min-pass-rate': { metric: 'Pass rate', comparator: '>=', unit: 'percent', default: undefined },
  'min-coverage': { metric: 'Line coverage', comparator: '>=', unit: 'percent', default: undefined },
  'min-tests': { metric: 'Tests run', comparator: '>=', unit: 'count', default: 1 },
  'max-coverage-drop': { metric: 'Coverage drop against the baseline (points)', comparator: '<=', unit: 'points', default: undefined },
  'min-patch-coverage': { metric: 'Coverage of changed lines', comparator: '>=', unit: 'percent', default: undefined },
} as const satisfies Record<string, GateDef>;

interface GateDef {
  metric: string;
  comparator: '<=' | '>=';
  unit: GateUnit;
  default: number | undefined;
}

export type GateName = keyof typeof GATES;
export const GATE_NAMES = Object.keys(GATES) as GateName[];
export type GateValues = Partial<Record<GateName, number>>;

export const GateValuesSchema = z
  .object(Object.fromEntries(GATE_NAMES.map((n) => [n, gateValueSchema(GATES[n].unit).optional()])) as Record<GateName, z.ZodOptional<ReturnType<typeof gateValueSchema>>>)
  .strict();

/** A bad setting: `where` names the input, flag or config key, so the message can say exactly what to fix. */
export class SettingError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'SettingError';
  }
}

/** Reads a gate value written as text (action input, CLI flag); '' means "not set". */
export function gateValueFromText(name: GateName, raw: string, where: string): number | undefined {
  if (raw.trim() === '') return undefined;
  const result = gateValueSchema(GATES[name].unit).safeParse(raw);
  if (!result.success) throw new SettingError(where, `${result.error.issues[0]?.message ?? 'invalid'} (got '${raw}')`);
  return result.data;
}

export type FailOn = 'no-go' | 'never';

export interface Settings {
  name: string;
  policy: Policy;
  /** Globs that must each match at least one report file or artifact (e.g. one per matrix leg). */
  requiredArtifacts: string[];
  gates: GateValues;
  failOn: FailOn;
  maxFileSize: number;
  stripPrefixes: string[];
  pathPrefix?: string;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024 * 1024;

/** Later layers win: defaults < config file < inputs or flags. `undefined` leaves a gate as it was. */
export function resolveGates(...layers: GateValues[]): GateValues {
  const out: GateValues = {};
  for (const name of GATE_NAMES) if (GATES[name].default !== undefined) out[name] = GATES[name].default;
  for (const layer of layers) for (const name of GATE_NAMES) if (layer[name] !== undefined) out[name] = layer[name];
  return out;
}

export const DEFAULT_NAME = 'Verdict';

/** '500MB', '2 GiB', '1048576' → bytes. */
export function sizeFromText(raw: string, where: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$/i.exec(raw);
  if (!m) throw new SettingError(where, `must be a size such as 500MB or 2GB (got '${raw}')`);
  const unit = (m[2] ?? 'b').toLowerCase()[0]!;
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * factor);
}

/** One of a few words, case-insensitive; '' means the fallback. */
export function oneOf<T extends string>(raw: string, allowed: readonly T[], fallback: T, where: string): T {
  const v = raw.trim().toLowerCase();
  if (v === '') return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new SettingError(where, `must be ${allowed.map((a) => `'${a}'`).join(' or ')} (got '${raw}')`);
}

export function failOnFromText(raw: string, where: string): FailOn {
  return oneOf(raw, ['no-go', 'never'], 'no-go', where);
}

export interface SettingsLayers {
  /** From the config file. */
  file: Config;
  /** From inputs or flags: these win over the file. */
  given: Partial<Omit<Settings, 'gates'>> & { gates: GateValues };
}

export function makeSettings({ file, given }: SettingsLayers): Settings {
  return {
    name: given.name || file.name || DEFAULT_NAME,
    policy: policyOf(file),
    requiredArtifacts: given.requiredArtifacts?.length ? given.requiredArtifacts : (file['required-artifacts'] ?? []),
    gates: resolveGates(file.gates ?? {}, given.gates),
    failOn: given.failOn ?? 'no-go',
    maxFileSize: given.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    stripPrefixes: given.stripPrefixes ?? [],
    pathPrefix: given.pathPrefix,
  };
}
