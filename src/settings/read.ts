import * as z from 'zod';
import type { GateUnit } from './gate-value.js';
import { gateValueSchema } from './gate-value.js';

/*
 * How a setting's value is read: from text, as an action input or a CLI flag gives it, and from
 * the config file, as YAML gives it. A refusal says what the value must be and what it got; the
 * adapter that asked says which input, flag or key it was.
 */

export interface Reader<T> {
  /** Text that is there: an empty input is not given, an empty flag is refused. undefined: nothing in it (a list of no lines). */
  text?: z.ZodType<T | undefined, string>;
  /** The value in the config file, for a setting the file can hold. */
  config?: z.ZodType<T>;
  /** What a flag given as '' is told. */
  empty?: string;
}

function refuse(ctx: z.core.$RefinementCtx, message: string, raw: string): never {
  ctx.addIssue({ code: 'custom', message: `${message} (got '${raw}')` });
  return z.NEVER;
}

/** Text whose meaning `read` finds in it, trimmed; undefined from `read` is a refusal saying what it `must` be. */
function fromText<T>(must: string, read: (trimmed: string) => T | undefined): z.ZodType<T, string> {
  return z.string().transform((raw, ctx) => read(raw.trim()) ?? refuse(ctx, must, raw));
}

export const text: Reader<string> = { text: z.string() };

export const filePath: Reader<string> = { text: z.string(), empty: 'needs a file path' };

/** A report name: it names the check run and the sticky comment too. */
export const reportName: Reader<string> = { text: z.string().max(100, 'must be at most 100 characters'), config: z.string().min(1) };

/** Splits a list input (`files`: globs, `!` for exclusions): one item per line, `#` comments and blanks ignored. */
function splitPatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Globs or prefixes, one per line of an input (a flag takes one each time it is given). */
export const lines: Reader<string[]> = {
  text: z.string().transform((raw) => {
    const list = splitPatterns(raw);
    return list.length > 0 ? list : undefined;
  }),
  config: z.array(z.string().min(1)),
};

export function gateValue(unit: GateUnit): Reader<number> {
  const schema = gateValueSchema(unit);
  return {
    text: z.string().transform((raw, ctx) => {
      const result = schema.safeParse(raw);
      return result.success ? result.data : refuse(ctx, result.error.issues[0]?.message ?? 'invalid', raw);
    }),
    config: schema,
  };
}

/** '500MB', '2 GiB', '1048576' → bytes. */
export const size: Reader<number> = {
  text: fromText('must be a size such as 500MB or 2GB', (v) => {
    const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(v);
    if (!m) return undefined;
    const unit = (m[2] ?? 'b').toLowerCase()[0]!;
    const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
    return Math.round(Number(m[1]) * factor);
  }),
};

/** One of a few words, case-insensitive. */
export function oneOf<T extends string>(...words: T[]): Reader<T> {
  return { text: fromText(`must be ${words.map((w) => `'${w}'`).join(' or ')}`, (v) => words.find((w) => w === v.toLowerCase())) };
}

// The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput reads them.
export const bool: Reader<boolean> = {
  text: fromText('must be true or false', (v) => (['true', 'True', 'TRUE'].includes(v) ? true : ['false', 'False', 'FALSE'].includes(v) ? false : undefined)),
};

export const whole: Reader<number> = {
  text: fromText('must be a whole number, 0 or more', (v) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 ? n : undefined;
  }),
};

/** A setting only the config file holds, checked by its schema. */
export function inConfig<T>(schema: z.ZodType<T>): Reader<T> {
  return { config: schema };
}
