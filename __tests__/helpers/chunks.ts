import type { Source } from '../../src/collect/read.js';
import { sourceFromText } from '../../src/collect/read.js';

/** `text` in pieces of `size` characters, so that a reader meets every boundary a real stream could cut. */
export async function* inPieces(text: string, size: number): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** A source whose text arrives in pieces of `size` characters. */
export function inChunks(name: string, text: string, size: number): Source {
  return { ...sourceFromText(name, text), chunks: () => inPieces(text, size) };
}
