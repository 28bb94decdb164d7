import { parse as parseYaml, YAMLParseError } from 'yaml';
import * as z from 'zod';
import { SettingError } from './error.js';
import type { Given, Row } from './table.js';
import { givenOf, rowsWith } from './table.js';

/*
 * `.github/verdict.yml`: the maintainer's gates and policy, checked key by key. Its keys are the
 * table's config keys; `gates.max-p0` is `max-p0` under `gates:`.
 */

const GROUPS: Record<string, string> = {
  gates: 'Gate thresholds; the same names as the action inputs and CLI flags, which win over these',
};

const ROWS = rowsWith('config');

function place(row: Row<unknown>): { group?: string; key: string } {
  const [group, key] = row.config!.key.split('.') as [string, string?];
  return key === undefined ? { key: group } : { group, key };
}

function configSchema() {
  const shape: Record<string, z.ZodType> = {};
  const groups: Record<string, Record<string, z.ZodType>> = {};
  for (const [, row] of ROWS) {
    const value = row.read.config!.optional();
    const described = row.config!.doc ? value.describe(row.config!.doc) : value;
    const { group, key } = place(row);
    if (group === undefined) {
      shape[key] = described;
      continue;
    }
    // The group's place among the keys is where its first member is.
    shape[group] ??= z.never();
    (groups[group] ??= {})[key] = described;
  }
  for (const [group, members] of Object.entries(groups)) shape[group] = z.object(members).strict().optional().describe(GROUPS[group] ?? group);
  return z.object(shape).strict();
}

export const ConfigSchema = configSchema();

export const DEFAULT_CONFIG_PATH = '.github/verdict.yml';

function keyPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(top level)';
}

/** The file's values as a layer of settings. */
function layerOf(config: Record<string, unknown>): Given {
  return givenOf(
    ROWS.map(([name, row]) => {
      const { group, key } = place(row);
      return [name, group === undefined ? config[key] : (config[group] as Record<string, unknown> | undefined)?.[key]];
    }),
  );
}

/** Parses and validates the config file's text. Errors name the file, the key path and what is allowed. */
export function parseConfig(text: string, file: string): Given {
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
  return layerOf(result.data);
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
