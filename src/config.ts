import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import * as z from 'zod';
import { QuarantineSchema, RuleSchema, SubsystemDefSchema } from './policy.js';
import { GateValuesSchema, SettingError } from './settings.js';

/** `.github/verdict.yml`: the maintainer's gates and policy, checked key by key. */
export const ConfigSchema = z
  .object({
    name: z.string().min(1).optional().describe('Report name (input report-name wins)'),
    gates: GateValuesSchema.optional().describe('Gate thresholds; the same names as the action inputs and CLI flags, which win over these'),
    subsystems: z.array(SubsystemDefSchema).optional().describe('Named subsystems; a test, blocker or covered file belongs to the first whose paths match, else to its package or directory'),
    critical: z.array(z.string().min(1)).optional().describe('Globs over paths or packages where any test failure is P0'),
    quarantine: z.array(QuarantineSchema).optional().describe('Known failures: P3 with their reason until the quarantine expires'),
    rules: z.array(RuleSchema).optional().describe('Priority overrides; the first rule that matches a blocker decides'),
    'required-artifacts': z.array(z.string().min(1)).optional().describe('Globs that must each match at least one report file or artifact (e.g. one per matrix leg); a missing one is a P0 blocker'),
  })
  .strict();
export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_CONFIG_PATH = '.github/verdict.yml';

function keyPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(top level)';
}

/** Parses and validates the config file's text. Errors name the file, the key path and what is allowed. */
export function parseConfig(text: string, file: string): Config {
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined;
    throw new SettingError(`${file}${line ? `:${line}` : ''}`, `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = ConfigSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.code === 'unrecognized_keys' ? keyPath([...issue.path, issue.keys[0]!]) : keyPath(issue.path);
    const allowed = issue.code === 'unrecognized_keys' ? `unknown key; allowed here: ${allowedKeys(issue.path).join(', ')}` : issue.message;
    throw new SettingError(`${file}: ${where}`, allowed);
  }
  return result.data;
}

function allowedKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = ConfigSchema;
  for (const key of path) {
    const inner = unwrap(schema);
    if (!(inner instanceof z.ZodObject)) return [];
    schema = inner.shape[String(key)];
  }
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}


/**
 * Reads the config file. A missing file is fine at the default path, an error when the user
 * named it: a gate they think is on must not silently be off. The default path is the
 * workspace's; a named file is found from `from` (the CLI's current directory).
 */
export async function readConfig(file: string | undefined, workspace: string, from = workspace): Promise<{ config: Config; path?: string }> {
  const path = file ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(resolve(file === undefined ? workspace : from, path), 'utf8');
  } catch (error) {
    if (file === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {} };
    throw new SettingError(path, `config file could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return { config: parseConfig(text, path), path };
}
