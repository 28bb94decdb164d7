import { isAscii } from 'node:buffer';
import { close, open as openFd, read as readFd } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Diagnostic } from '../model/report.js';
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
  /** Problems with the bytes themselves (invalid UTF-8, a UTF-16 file cut mid-character), known once `chunks()` has been read. */
  problems?: Diagnostic[];
}

function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: utf16WithoutBom(bytes) ?? 'utf-8', bom: 0 };
}

/**
 * UTF-16 written without a byte order mark (PowerShell, some .NET tools): markup is mostly ASCII,
 * so one byte of every pair is zero and the other almost never is.
 */
function utf16WithoutBom(bytes: Uint8Array): Encoding | undefined {
  const units = Math.min(bytes.length, 4096) >> 1;
  if (units < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < units * 2; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero > units * 0.7 && evenZero < units * 0.05) return 'utf-16le';
  if (evenZero > units * 0.7 && oddZero < units * 0.05) return 'utf-16be';
  return undefined;
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
  const problems: Diagnostic[] = [];
  return {
    path: file.path,
    size: file.size,
    head,
    encoding,
    binary,
    chunks: () => decodeStream(file, encoding, bom, problems),
    problems,
  };
}

const NAMES: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' };
const REPLACEMENT: Record<Encoding, number[]> = { 'utf-8': [0xef, 0xbf, 0xbd], 'utf-16le': [0xfd, 0xff], 'utf-16be': [0xff, 0xfd] };

async function* decodeStream(file: CollectedFile, encoding: Encoding, bom: number, problems: Diagnostic[]): AsyncIterable<string> {
  // The decoder's stream mode carries a multi-byte character split across two chunks.
  let decoder = new TextDecoder(encoding);
  // A chunk of ASCII is read as it is when the decoder holds no part of a character: TextDecoder's
  // stream mode returns two-byte strings, which double the memory of every id and name cut from
  // them and slow down everything that reads them. Only after ASCII (or at the start) is the
  // decoder sure to hold nothing.
  let afterAscii = true;
  let first = true;
  let read = bom;
  let tail: Buffer = Buffer.alloc(0);
  // Undecodable bytes become U+FFFD. A file may hold that character itself, so a U+FFFD is only a
  // problem where the bytes under it are not its encoding; the look is taken only when one shows.
  const check = (text: string, bytes: Buffer) => {
    if (problems.length > 0 || !text.includes('\uFFFD')) return;
    const before = read - bytes.length;
    const window = Buffer.concat([tail, bytes]);
    const at = invalidAt(text, encoding, window, before - tail.length, before - heldBack(tail, before, bom, encoding));
    if (at !== undefined) problems.push({ file: file.path, message: `not valid ${NAMES[encoding]} at byte ${at}; undecodable bytes are read as U+FFFD (\uFFFD)` });
  };
  for await (const bytes of readPieces(file.absolute, bom, CHUNK_BYTES, encoding === 'utf-8')) {
    read += bytes.length;
    const ascii = encoding === 'utf-8' && isAscii(bytes);
    let text: string;
    if (ascii && afterAscii) {
      text = bytes.toString('latin1');
      // Past the start of the stream, a U+FEFF is text, not a byte order mark to drop.
      if (first) decoder = new TextDecoder(encoding, { ignoreBOM: true });
    } else text = decoder.decode(bytes, { stream: true });
    afterAscii = ascii;
    first = false;
    check(text, bytes);
    // A copy: the reader fills the same memory again.
    tail = Buffer.from(bytes.subarray(-3));
    if (text) yield text;
  }
  const rest = decoder.decode();
  check(rest, Buffer.alloc(0));
  if (rest) yield rest;
}

const openFile = promisify(openFd);
const readFile = promisify(readFd);
const closeFile = promisify(close);

/**
 * The file from byte `start` on, in reads of `chunkBytes`, each valid only until the next is asked
 * for: reads alternate between two buffers, not a new megabyte (and its page faults) per read,
 * and the next read is under way while the caller works on this one.
 * With `cutLines`, each read ends after its last line break and the rest is carried to the front
 * of the next: a reader of text keeps what is left of one read to join to the next, which copies
 * the whole next read into a new string; when reads end where lines do, nothing is left over.
 * A read without a line break is passed on whole, so the carry is always shorter than a read.
 * UTF-8 only: in UTF-16 a 0x0A byte can be half a character.
 */
export async function* readPieces(path: string, start: number, chunkBytes: number, cutLines: boolean): AsyncIterable<Buffer> {
  const fd = await openFile(path, 'r');
  const size = cutLines ? 2 * chunkBytes : chunkBytes;
  let [buffer, next] = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  let position = start;
  let carried = 0;
  const readInto = (into: Buffer, at: number) => readFile(fd, into, at, chunkBytes, position);
  let pending = readInto(buffer, 0);
  try {
    for (;;) {
      const { bytesRead } = await pending;
      position += bytesRead;
      const end = carried + bytesRead;
      if (bytesRead === 0) {
        if (carried > 0) yield buffer.subarray(0, carried);
        return;
      }
      const cut = cutLines ? buffer.lastIndexOf(10, end - 1) + 1 : 0;
      carried = cut === 0 || cut === end ? 0 : buffer.copy(next, 0, cut, end);
      pending = readInto(next, carried);
      yield buffer.subarray(0, carried > 0 ? cut : end);
      [buffer, next] = [next, buffer];
    }
  } finally {
    // A caller that stops early leaves a read under way: it ends before the file is closed.
    await pending.catch(() => undefined);
    await closeFile(fd);
  }
}

/**
 * How many bytes at the end of what was read up to `end` (its last bytes in `tail`) the decoder
 * holds back as the start of a character not yet complete: where the next text begins.
 */
function heldBack(tail: Buffer, end: number, bom: number, encoding: Encoding): number {
  if (encoding === 'utf-8') {
    let continuation = 0;
    while (continuation < Math.min(3, tail.length) && (tail[tail.length - 1 - continuation]! & 0xc0) === 0x80) continuation++;
    const lead = tail[tail.length - 1 - continuation];
    if (lead === undefined || lead < 0xc0) return 0;
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    return length > continuation + 1 ? continuation + 1 : 0;
  }
  // UTF-16: an odd byte, and a high surrogate waiting for its pair.
  const odd = (end - bom) % 2;
  if (tail.length < odd + 2) return odd;
  const unit = encoding === 'utf-16le' ? tail.readUInt16LE(tail.length - odd - 2) : tail.readUInt16BE(tail.length - odd - 2);
  return odd + (unit >= 0xd800 && unit <= 0xdbff ? 2 : 0);
}

/** Byte offset of the first U+FFFD in `text` that stands for undecodable bytes, if any. */
function invalidAt(text: string, encoding: Encoding, window: Buffer, windowStart: number, textStart: number): number | undefined {
  const literal = REPLACEMENT[encoding];
  let offset = textStart;
  let from = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    offset += encoding === 'utf-8' ? Buffer.byteLength(text.slice(from, i)) : (i - from) * 2;
    from = i + 1;
    const at = offset - windowStart;
    if (!literal.every((b, k) => window[at + k] === b)) return offset;
    offset += literal.length;
  }
  return undefined;
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
