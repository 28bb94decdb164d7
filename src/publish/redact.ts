import type { Report } from '../model/report.js';

/**
 * The report with `secret` replaced by `***` in every string value (keys are names read from
 * test reports). Done in place, visiting each string once: an API error recorded in the report
 * (a baseline's reason) may quote the token back, but a round trip through JSON text would
 * cost seconds and double the memory for a report of half a million tests.
 */
export function withoutSecret(report: Report, secret: string): Report {
  if (secret) redact(report, secret);
  return report;
}

/** `text` with every occurrence of `secret` replaced by `***`. */
export function withoutSecretText(text: string, secret: string): string {
  return secret && text.includes(secret) ? text.split(secret).join('***') : text;
}

function redact(value: unknown, secret: string): unknown {
  if (typeof value === 'string') return withoutSecretText(value, secret);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = redact(value[i], secret);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = redact(record[key], secret);
  }
  return value;
}
