import * as z from 'zod';
import { ConfigSchema } from './config.js';

/** The config file's JSON Schema, for editors (published as schema/verdict-config.schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input' }),
    title: 'Verdict config (.github/verdict.yml)',
  };
}
