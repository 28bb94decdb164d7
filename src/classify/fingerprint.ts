import { createHash } from 'node:crypto';
import { stripAnsi } from '../text/ansi.js';

/*
 * Same root cause → same text: failures are clustered and blockers identified by messages with
 * the parts that change from run to run (numbers, addresses, temp paths, durations, colours) removed.
 */

export function normalizeMessage(text: string): string {
  return stripAnsi(text)
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/0x[0-9a-f]+/gi, '<hex>')
    .replace(/\b[0-9a-f]{12,}\b/gi, '<hex>')
    .replace(/(?:\/tmp|\/var\/folders|\/private\/var\/folders|[A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp)[^\s'"`)]*/g, '<tmp>')
    .replace(/\b\d+(?:\.\d+)?(?:ns|µs|us|ms|s|m|h)\b/g, '<dur>')
    .replace(/\d+(?:\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 400);
}

/** A short stable id from the parts that identify a root cause. */
export function fingerprint(...parts: (string | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 12);
}
