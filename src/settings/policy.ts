import * as z from 'zod';
import { gateValueSchema } from './gate-value.js';
import { PrioritySchema } from '../model/report.js';

/*
 * The maintainer's policy from the config file: named subsystems, critical paths, quarantined
 * tests and rule overrides, with descriptions for the published JSON Schema. The classify stage
 * applies them (classify/match.ts matches their globs and names).
 */

const globs = z
  .array(z.string().min(1))
  .min(1)
  .describe('Glob patterns over repository paths (e.g. services/payments/**) or package names (e.g. example.com/shop/checkout, com.acme.billing.*)');

const validRegex = (value: string) => {
  try {
    new RegExp(value);
    return true;
  } catch {
    return false;
  }
};

/**
 * Whether a valid pattern can take exponential time on a message an attacker wrote (issue 20): a
 * group repeated without bound (`*`, `+`, `{n,}`) that holds a quantifier or an alternation, as
 * in `(a+)+$` or `(a|a)*`, or a backreference. Such a rule is refused when the config is read;
 * any other is run on the first 1 KiB of the message only (classify/blockers.ts).
 */
export function backtracks(value: string): boolean {
  if (/\\[1-9]|\\k</.test(value)) return true;
  const open: { inner: boolean }[] = [];
  let closed: { inner: boolean } | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const repeats = c === '*' || c === '+' || (c === '{' && /^\{\d*,\d*\}|^\{\d*[2-9]\d*\}/.test(value.slice(i, i + 12)) && !/^\{\d?\}|^\{[01],?[01]?\}/.test(value.slice(i, i + 12)));
    if (c === '\\') i++;
    else if (c === '[') {
      // A class is one character: skip to its end.
      for (i++; i < value.length && value[i] !== ']'; i++) if (value[i] === '\\') i++;
    } else if (c === '(') open.push({ inner: false });
    else if (c === ')') closed = open.pop();
    else if (c === '|' && open.length > 0) open[open.length - 1]!.inner = true;
    else if (repeats || c === '?') {
      if (repeats && closed?.inner && value[i - 1] === ')') return true;
      for (const g of open) g.inner = true;
      if (closed && value[i - 1] === ')') for (const g of open) g.inner ||= closed.inner;
    }
    if (c !== ')') closed = undefined;
  }
  return false;
}

export const SubsystemDefSchema = z
  .object({
    name: z.string().min(1).describe('Name shown in the subsystems table'),
    paths: globs,
    'min-coverage': gateValueSchema('percent').optional().describe('Least line coverage of this subsystem, percent'),
  })
  .strict();

export const QuarantineSchema = z
  .object({
    test: z.string().min(1).describe("Test name; '*' matches any run of characters"),
    package: z.string().min(1).optional().describe('Glob over the package (or path) of the test'),
    reason: z.string().min(1).describe('Why it is quarantined: shown next to the blocker'),
    until: z.iso.date('must be a date as YYYY-MM-DD').optional().describe('From this day on the quarantine has expired and the failure counts again'),
  })
  .strict();

export const RuleSchema = z
  .object({
    category: z.string().min(1).optional().describe('Blocker category: compile, dependency, race, panic, timeout, crash, collection, missing-artifact, skipped-environment, test-failure, test-error, flaky, skipped, quarantined'),
    package: z.string().min(1).optional().describe('Glob over the package or subsystem'),
    test: z.string().min(1).optional().describe("Test name; '*' matches any run of characters"),
    message: z
      .string()
      .min(1)
      .refine(validRegex, 'must be a valid regular expression')
      .refine((v) => !validRegex(v) || !backtracks(v), 'must not repeat a group that holds a quantifier or an alternation, nor use a backreference: such a pattern can take exponential time on a long message (write (a+)+ as a+, (x|y)* as [xy]* or as two rules)')
      .optional()
      .describe('Regular expression over the first 1 KiB of the failure message; a repeated group may not hold a quantifier or an alternation'),
    priority: PrioritySchema.describe('The priority a matching blocker gets'),
    reason: z.string().min(1).describe('Why: shown as the blocker’s rule'),
  })
  .strict()
  .refine((r) => r.category || r.package || r.test || r.message, 'needs at least one of category, package, test, message to match on');

export type Quarantine = z.infer<typeof QuarantineSchema>;
