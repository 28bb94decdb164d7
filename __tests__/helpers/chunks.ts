import type { Source } from '../../src/collect/read.js';
import { sourceFromText } from '../../src/collect/read.js';

/** A source that arrives in pieces of `size` characters, to cross every chunk boundary. */
export function inChunks(name: string, text: string, size: number): Source {
  return {
    ...sourceFromText(name, text),
    chunks: async function* () {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    },
  };
}
