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
    message: z.string().min(1).refine(validRegex, 'must be a valid regular expression').optional().describe('Regular expression over the failure message'),
    priority: PrioritySchema.describe('The priority a matching blocker gets'),
    reason: z.string().min(1).describe('Why: shown as the blocker’s rule'),
  })
  .strict()
  .refine((r) => r.category || r.package || r.test || r.message, 'needs at least one of category, package, test, message to match on');

export type Quarantine = z.infer<typeof QuarantineSchema>;
