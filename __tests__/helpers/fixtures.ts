import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEAD_BYTES, openSource, sourceFromText } from '../../src/collect/read.js';
import type { Parsed } from '../../src/parse/index.js';
import { parseSource } from '../../src/parse/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Real report files from public projects, with their origin and licence in MANIFEST.md and LICENSES.md. */
export const CORPUS = path.join(ROOT, '__tests__/fixtures/corpus');

/** The start of a corpus file: about what format detection is shown (HEAD_BYTES bytes; here as many characters). */
export function headOf(rel: string): string {
  return readFileSync(path.join(CORPUS, rel), 'utf8').slice(0, HEAD_BYTES);
}

export async function parseFile(absolute: string, shown = path.relative(ROOT, absolute)): Promise<Parsed> {
  const info = await stat(absolute);
  return parseSource(await openSource({ absolute, path: shown, size: info.size }));
}

export function parseCorpus(rel: string): Promise<Parsed> {
  return parseFile(path.join(CORPUS, rel), rel);
}

export function parseText(name: string, text: string): Promise<Parsed> {
  return parseSource(sourceFromText(name, text));
}
