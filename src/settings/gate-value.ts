import * as z from 'zod';

/*
 * The one reading of a gate value, whether a CLI flag, an action input or the config file gives
 * it: a number, or text such as '80' or '80%'. Its own module because the config's policy
 * schemas (a subsystem's min-coverage) need it as much as the settings do.
 */

export type GateUnit = 'count' | 'percent' | 'points';

const MUST: Record<GateUnit, string> = {
  count: 'must be a whole number, 0 or more',
  percent: 'must be a percentage from 0 to 100',
  points: 'must be a number of percentage points from 0 to 100',
};

// '%' is only allowed where the value is a percentage (points are percentage points); a count is digits.
const RATE_TEXT = /^\s*(\d*\.?\d+)\s*(%?)\s*$/;
const TEXT: Record<GateUnit, RegExp> = { count: /^\s*(\d+)\s*$/, percent: RATE_TEXT, points: RATE_TEXT };

function numberSchema(unit: GateUnit) {
  const number = z.number({ error: MUST[unit] }).min(0, MUST[unit]);
  return unit === 'count' ? number.int(MUST[unit]) : number.max(100, MUST[unit]);
}

/**
 * A rate such as 0.9 is 0.9 percent here, and a gate at 0.9% is as good as none: without an
 * explicit '%', a value between 0 and 1 is almost surely a fraction meant as 90%, so it is refused.
 */
function fractionMessage(value: number): string {
  const percent = Number((value * 100).toPrecision(12));
  return `${value} would mean ${value}%; write ${percent} for ${percent}% (or ${value}% if ${value} percent is meant)`;
}

/** Accepts a number or its text and gives the number; the JSON Schema shows both forms. */
export function gateValueSchema(unit: GateUnit) {
  const number = numberSchema(unit);
  return z.union([number, z.string().regex(TEXT[unit], MUST[unit])], { error: MUST[unit] }).transform((value, ctx) => {
    const text = typeof value === 'string' ? TEXT[unit].exec(value)! : undefined;
    const n = text ? Number(text[1]) : (value as number);
    if (text && !number.safeParse(n).success) {
      ctx.addIssue({ code: 'custom', message: MUST[unit] });
      return z.NEVER;
    }
    if (unit === 'percent' && !text?.[2] && n > 0 && n < 1) {
      ctx.addIssue({ code: 'custom', message: fractionMessage(n) });
      return z.NEVER;
    }
    return n;
  });
}
