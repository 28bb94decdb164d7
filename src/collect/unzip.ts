import { createReadStream, createWriteStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createInflateRaw } from 'node:zlib';

/*
 * An artifact is a zip that the pull request's own workflow uploaded: it may hold a bomb (4 MB
 * that unpack to 4 GiB), a million tiny files, entries that climb out of the folder, links,
 * encryption, or a cut or corrupt stream. It is read here with every figure bounded before the
 * bytes are written, and any of these is an error that says which limit or fault — never a retry,
 * never half an artifact read as if it were whole.
 */

export interface ZipLimits {
  /** Bytes all entries may unpack to together. */
  maxBytes: number;
  /** Entries (files and folders). */
  maxEntries: number;
  /** Bytes one entry may unpack to. */
  maxFileBytes: number;
  /** Most unpacked bytes per packed byte, over the whole archive and per entry of more than 1 MiB. */
  maxRatio: number;
}

export class ZipError extends Error {
  override name = 'ZipError';
}

export interface Unzipped {
  files: number;
  bytes: number;
  /** Entries left out, with why (a link, a name that climbs out of the folder). */
  skipped: string[];
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const RATIO_FLOOR = 1024 * 1024;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead < length) throw new ZipError(`the archive ends early (wanted ${length} bytes at ${position}): cut or corrupt`);
  return buffer;
}

interface Directory {
  entries: number;
  offset: number;
  size: number;
}

/** Where the central directory is, from the end records (zip64's when the plain one overflows). */
async function directoryOf(file: FileHandle, size: number): Promise<Directory> {
  const tail = Math.min(size, 22 + MAX_COMMENT);
  const buffer = await readAt(file, size - tail, tail);
  let at = -1;
  for (let i = tail - 22; i >= 0; i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipError('not a zip archive (no end of central directory): cut or corrupt');
  let dir: Directory = { entries: buffer.readUInt16LE(at + 10), size: buffer.readUInt32LE(at + 12), offset: buffer.readUInt32LE(at + 16) };
  const locator = at - 20;
  if (locator >= 0 && buffer.readUInt32LE(locator) === EOCD64_LOCATOR) {
    const record = Number(buffer.readBigUInt64LE(locator + 8));
    const zip64 = await readAt(file, record, 56);
    if (zip64.readUInt32LE(0) !== EOCD64) throw new ZipError('zip64 end record missing: corrupt archive');
    dir = { entries: Number(zip64.readBigUInt64LE(32)), size: Number(zip64.readBigUInt64LE(40)), offset: Number(zip64.readBigUInt64LE(48)) };
  }
  if (dir.offset + dir.size > size) throw new ZipError('the central directory lies past the end of the archive: cut or corrupt');
  return dir;
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  packed: number;
  size: number;
  local: number;
  mode: number;
}

/** Sizes and offset from the zip64 extra field, for the fields the entry set to 0xffffffff. */
function zip64Fields(extra: Buffer, entry: Entry): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let at = i + 4;
      const next = () => {
        if (at + 8 > i + 4 + length) throw new ZipError('zip64 extra field too short: corrupt archive');
        const value = Number(extra.readBigUInt64LE(at));
        at += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.packed === 0xffffffff) entry.packed = next();
      if (entry.local === 0xffffffff) entry.local = next();
      return;
    }
    i += 4 + length;
  }
}

/** Reads the central directory one entry at a time, in chunks: a million entries never sit in memory at once. */
async function* entries(file: FileHandle, dir: Directory): AsyncGenerator<Entry> {
  const CHUNK = 1024 * 1024;
  let buffer: Buffer = Buffer.alloc(0);
  let position = dir.offset;
  const end = dir.offset + dir.size;
  const need = async (n: number) => {
    while (buffer.length < n) {
      if (position >= end) throw new ZipError('the central directory ends early: cut or corrupt');
      const more = await readAt(file, position, Math.min(CHUNK, end - position));
      position += more.length;
      buffer = buffer.length === 0 ? more : Buffer.concat([buffer, more]);
    }
  };
  for (let n = 0; n < dir.entries; n++) {
    await need(46);
    if (buffer.readUInt32LE(0) !== CENTRAL) throw new ZipError(`entry ${n + 1} of the central directory is damaged: corrupt archive`);
    const nameLength = buffer.readUInt16LE(28);
    const extraLength = buffer.readUInt16LE(30);
    const commentLength = buffer.readUInt16LE(32);
    const length = 46 + nameLength + extraLength + commentLength;
    await need(length);
    const flags = buffer.readUInt16LE(8);
    // Bit 11: the name is UTF-8; else it is IBM 437, of which latin1 keeps the ASCII a path needs.
    const name = buffer.toString(flags & 0x800 ? 'utf8' : 'latin1', 46, 46 + nameLength);
    const madeByUnix = buffer.readUInt8(5) === 3;
    const entry: Entry = {
      name,
      flags,
      method: buffer.readUInt16LE(10),
      crc: buffer.readUInt32LE(16),
      packed: buffer.readUInt32LE(20),
      size: buffer.readUInt32LE(24),
      local: buffer.readUInt32LE(42),
      mode: madeByUnix ? buffer.readUInt32LE(38) >>> 16 : 0,
    };
    zip64Fields(buffer.subarray(46 + nameLength, 46 + nameLength + extraLength), entry);
    buffer = buffer.subarray(length);
    yield entry;
  }
}

/** The entry's path under the folder, or why it has none: nothing may land outside `into`. */
function placeOf(name: string): { rel: string } | { skip: string } {
  const parts = name.replace(/\\/g, '/').split('/');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return { skip: 'an absolute path' };
  if (parts.includes('..')) return { skip: "a path with '..'" };
  const rel = parts.filter((p) => p !== '' && p !== '.').join('/');
  return rel === '' ? { skip: 'an empty name' } : { rel };
}

/** Counts what passes and stops it past a limit: the limit holds on what is written, not on what the archive claims. */
function meter(limit: number, onByte: (n: number) => void, what: () => string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      onByte(chunk.length);
      if (seen > limit) done(new ZipError(what()));
      else done(null, chunk);
    },
  });
}

/**
 * Unpacks `zipPath` into `into` within `limits`. Throws a ZipError naming the limit or the fault;
 * files written before it stay, and the caller removes the folder.
 */
export async function unzipBounded(zipPath: string, into: string, limits: ZipLimits): Promise<Unzipped> {
  const file = await open(zipPath, 'r');
  try {
    const { size } = await file.stat();
    const dir = await directoryOf(file, size);
    if (dir.entries > limits.maxEntries) throw new ZipError(`${dir.entries} entries, more than the limit of ${limits.maxEntries} (input max-artifact-files)`);
    const out: Unzipped = { files: 0, bytes: 0, skipped: [] };
    const made = new Set<string>();
    const mkdirOnce = async (d: string) => {
      if (made.has(d)) return;
      await mkdir(d, { recursive: true });
      made.add(d);
    };
    for await (const entry of entries(file, dir)) {
      const place = placeOf(entry.name);
      if ('skip' in place) {
        out.skipped.push(`${entry.name}: ${place.skip}`);
        continue;
      }
      if ((entry.mode & S_IFMT) === S_IFLNK) {
        out.skipped.push(`${entry.name}: a symbolic link`);
        continue;
      }
      const target = path.join(into, place.rel);
      if (entry.name.endsWith('/')) {
        await mkdirOnce(target);
        continue;
      }
      if (entry.flags & 0x1) throw new ZipError(`${entry.name} is encrypted; Verdict reads no encrypted archive`);
      if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${entry.name} uses compression method ${entry.method}; only stored and deflated entries are read`);
      if (entry.size > limits.maxFileBytes) throw new ZipError(`${entry.name} unpacks to ${entry.size} bytes, more than the limit of ${limits.maxFileBytes} (input max-file-size)`);
      if (out.bytes + entry.size > limits.maxBytes) throw new ZipError(`the archive unpacks to more than the limit of ${limits.maxBytes} bytes (input max-artifact-size)`);
      const header = await readAt(file, entry.local, 30);
      if (header.readUInt32LE(0) !== LOCAL) throw new ZipError(`${entry.name}: local header damaged: corrupt archive`);
      const start = entry.local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      if (start + entry.packed > size) throw new ZipError(`${entry.name} lies past the end of the archive: cut or corrupt`);
      await mkdirOnce(path.dirname(target));
      // The entry's own claim is not trusted: what is written is counted against every limit.
      const entryLimit = Math.min(entry.size, limits.maxFileBytes, limits.maxBytes - out.bytes);
      const ratioLimit = Math.max(RATIO_FLOOR, entry.packed * limits.maxRatio);
      let crc = 0;
      let written = 0;
      const source = entry.packed === 0 ? Readable.from([]) : createReadStream(zipPath, { start, end: start + entry.packed - 1 });
      const steps: NodeJS.ReadWriteStream[] = entry.method === 8 ? [createInflateRaw()] : [];
      await pipeline([
        source,
        ...steps,
        meter(
          Math.min(entryLimit, ratioLimit),
          (n) => (written += n),
          () =>
            written > ratioLimit && ratioLimit < entryLimit
              ? `${entry.name} unpacks to more than ${limits.maxRatio} times its packed size (a zip bomb?; input max-artifact-ratio)`
              : `${entry.name} unpacks to more than it declares (${entry.size} bytes), or past a limit: corrupt or hostile archive`,
        ),
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            crc = crc32(chunk, crc);
            done(null, chunk);
          },
        }),
        createWriteStream(target, { flags: 'wx' }),
      ]).catch((error: unknown) => {
        if (error instanceof ZipError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new ZipError(`${entry.name} appears twice in the archive`);
        throw new ZipError(`${entry.name} could not be unpacked (${(error as Error).message}): corrupt archive`);
      });
      if (written !== entry.size || crc !== entry.crc) throw new ZipError(`${entry.name} does not match its checksum or size: corrupt archive`);
      out.files++;
      out.bytes += written;
    }
    if (size > 0 && out.bytes / size > limits.maxRatio && out.bytes > RATIO_FLOOR) {
      throw new ZipError(`the archive unpacks to more than ${limits.maxRatio} times its size (a zip bomb?; input max-artifact-ratio)`);
    }
    return out;
  } finally {
    await file.close();
  }
}
