import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The contract of each served operation, taken from GitHub's own OpenAPI description (@octokit/openapi),
 * so the fake rejects what GitHub would reject instead of what its author remembered. The dereferenced
 * description is 70 MB: it is read once per process, only the served operations are kept, and their
 * schemas are compiled once.
 */

type JsonObject = Record<string, unknown>;

export interface OperationKey {
  method: string;
  /** The path template exactly as the description spells it, e.g. `/repos/{owner}/{repo}/check-runs`. */
  template: string;
}

export type Parsed = { ok: true; value: JsonObject } | { ok: false; errors: ErrorObject[] };

export interface OperationContract {
  operationId: string;
  documentationUrl: string;
  /** Path parameters coerced to their schema types; a value that does not fit means no such resource. */
  parsePath(raw: Record<string, string>): Parsed;
  /** Query parameters coerced to their schema types, defaults filled in. */
  parseQuery(raw: Record<string, string>): Parsed;
  /** Errors of the JSON body against the request body schema; none when the body is valid. */
  checkBody(body: unknown): ErrorObject[];
  /** The response body schema for a status, translated to JSON Schema; undefined when it has no JSON body. */
  responseSchema(status: number): JsonObject | undefined;
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonObject;
}

interface OpenApiOperation {
  operationId: string;
  externalDocs?: { url: string };
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonObject }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonObject }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

const SPEC = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.deref.json');

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 schemas are not JSON Schema: `nullable: true` widens the type (and, per the 3.0.3
 * clarification, an enum) to null. Rewrite it the JSON Schema way, and drop the examples and x-*
 * extensions, whose contents are not schemas (x-github-breaking-changes holds nulls where schemas go).
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || key === 'example' || key === 'examples' || key === 'nullable') continue;
    out[key] = key === 'properties' && isObject(value) ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema)])) : toJsonSchema(value);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type !== 'string') return { anyOf: [{ type: 'null' }, out] };
  out.type = [out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

function makeAjv(coerceTypes: boolean): Ajv {
  // Not strict: GitHub's schemas use valid JSON Schema that strict mode refuses, e.g. an anyOf branch
  // requiring `conclusion` while the properties that define it sit outside the branch (checks/update).
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, useDefaults: coerceTypes });
  addFormats.default(ajv);
  return ajv;
}

function parametersSchema(parameters: readonly OpenApiParameter[], location: string): JsonObject {
  const own = parameters.filter((parameter) => parameter.in === location);
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((parameter) => [parameter.name, toJsonSchema(parameter.schema ?? {})])),
    required: own.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
}

function parser(validate: ValidateFunction): (raw: Record<string, string>) => Parsed {
  return (raw) => {
    const value: JsonObject = { ...raw };
    return validate(value) ? { ok: true, value } : { ok: false, errors: validate.errors ?? [] };
  };
}

function compile(operation: OpenApiOperation, bodies: Ajv, parameters: Ajv): OperationContract {
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  const checkBodyWith = bodySchema ? bodies.compile(toJsonSchema(bodySchema) as JsonObject) : undefined;
  return {
    operationId: operation.operationId,
    documentationUrl: operation.externalDocs?.url ?? 'https://docs.github.com/rest',
    parsePath: parser(parameters.compile(parametersSchema(operation.parameters ?? [], 'path'))),
    parseQuery: parser(parameters.compile(parametersSchema(operation.parameters ?? [], 'query'))),
    checkBody: (body) => (!checkBodyWith || checkBodyWith(body) ? [] : (checkBodyWith.errors ?? [])),
    responseSchema: (status) => {
      const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
      return schema && (toJsonSchema(schema) as JsonObject);
    },
  };
}

async function load(keys: readonly OperationKey[]): Promise<Map<string, OperationContract>> {
  const document = JSON.parse(await readFile(SPEC, 'utf8')) as OpenApiDocument;
  const bodies = makeAjv(false);
  const parameters = makeAjv(true);
  const contracts = new Map<string, OperationContract>();
  for (const key of keys) {
    const operation = document.paths[key.template]?.[key.method.toLowerCase()];
    if (!operation) throw new Error(`fake-github: GitHub's OpenAPI description has no operation ${key.method} ${key.template}`);
    contracts.set(contractKey(key), compile(operation, bodies, parameters));
  }
  return contracts;
}

export function contractKey(key: OperationKey): string {
  return `${key.method.toUpperCase()} ${key.template}`;
}

const loaded = new Map<string, Promise<Map<string, OperationContract>>>();

/** Once per process for a given set of operations, however many fake servers start. */
export function loadContracts(keys: readonly OperationKey[]): Promise<Map<string, OperationContract>> {
  const id = keys.map(contractKey).sort().join('\n');
  let contracts = loaded.get(id);
  if (!contracts) {
    contracts = load(keys);
    loaded.set(id, contracts);
  }
  return contracts;
}
