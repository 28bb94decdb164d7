import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSource, sourceFromText } from '../../src/collect/read.js';
import type { Parsed } from '../../src/parse/index.js';
import { parseSource } from '../../src/parse/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Real report files from public projects, with their origin and licence in MANIFEST.md and LICENSES.md. */
export const CORPUS = path.join(ROOT, '__tests__/fixtures/corpus');

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
