import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { CollectedFile } from './files.js';

/** How much of a file is read to recognize its format. */
export const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** A report file ready to parse: its first bytes decoded for sniffing, the rest streamed on demand. */
export interface Source {
  path: string;
  size: number;
  head: string;
  encoding: Encoding;
  /** True when the bytes are not text in any encoding we read (NUL bytes outside UTF-16). */
  binary: boolean;
  chunks(): AsyncIterable<string>;
}

function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/**
 * Text has next to no NUL or other control bytes; one stray NUL inside a CDATA section does not
 * make an XML report binary, a run of them does.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const b of bytes) if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27)) control++;
  return control > Math.max(2, bytes.length / 100);
}

export async function openSource(file: CollectedFile): Promise<Source> {
  const handle = await open(file.absolute, 'r');
  let headBytes: Uint8Array;
  try {
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, file.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    headBytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const { encoding, bom } = detectEncoding(headBytes);
  const binary = encoding === 'utf-8' && looksBinary(headBytes);
  const head = new TextDecoder(encoding).decode(headBytes.subarray(bom));
  return {
    path: file.path,
    size: file.size,
    head,
    encoding,
    binary,
    chunks: () => decodeStream(file.absolute, encoding, bom),
  };
}

async function* decodeStream(absolute: string, encoding: Encoding, bom: number): AsyncIterable<string> {
  // The decoder's stream mode carries a multi-byte character split across two chunks.
  const decoder = new TextDecoder(encoding);
  for await (const chunk of createReadStream(absolute, { start: bom, highWaterMark: CHUNK_BYTES })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** A Source over text already in memory: for tests and for files fetched another way. */
export function sourceFromText(path: string, text: string): Source {
  return {
    path,
    size: Buffer.byteLength(text),
    head: text.slice(0, HEAD_BYTES),
    encoding: 'utf-8',
    binary: looksBinary(Buffer.from(text.slice(0, HEAD_BYTES))),
    chunks: async function* () {
      for (let i = 0; i < text.length; i += CHUNK_BYTES) yield text.slice(i, i + CHUNK_BYTES);
    },
  };
}
