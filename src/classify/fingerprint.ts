import { createHash } from 'node:crypto';
import { stripAnsi } from '../text/ansi.js';

/*
 * Same root cause → same text: failures are clustered and blockers identified by messages with
 * the parts that change from run to run (addresses, ports, temp paths, durations, times, colours)
 * removed.
 */

/** A message without what changes from run to run for the same cause; the values a test compared stay. */
export function stableText(text: string): string {
  return stripAnsi(text)
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?/g, '<time>')
    .replace(/0x[0-9a-f]+/gi, '<hex>')
    .replace(/\b[0-9a-f]{12,}\b/gi, '<hex>')
    .replace(/(?:\/tmp|\/var\/folders|\/private\/var\/folders|[A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp)[^\s'"`)]*/g, '<tmp>')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b|\[[0-9a-f:]{2,39}\](?::\d{1,5})?|\blocalhost:\d{1,5}\b/gi, '<addr>')
    .replace(/\b(pid|port|thread|worker|goroutine) \d+/gi, '$1 <n>')
    .replace(/\b\d+(?:\.\d+)?(?:ns|µs|us|ms|s|m|h)\b/g, '<dur>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Numbers removed too: what identifies a finding (a race, a panic, a skip reason) across runs. */
export function normalizeMessage(text: string): string {
  return stableText(text).replace(/\d+(?:\.\d+)?/g, '<n>').slice(0, 400);
}

/** A short stable id from the parts that identify a root cause. */
export function fingerprint(...parts: (string | undefined)[]): string {
  return createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 12);
}
