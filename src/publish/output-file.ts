import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SettingError } from '../settings/error.js';

/*
 * The files the CLI writes (--json, --markdown). A path that cannot be written is a usage error
 * naming the flag and the path, found before the analysis so that nobody waits for nothing.
 */

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * The nearest part of the path that exists decides: the file itself must be a writable file; else
 * the directory the missing parts will be made in must be a directory one can write in.
 */
export async function checkOutputFile(file: string, flag: string): Promise<void> {
  if (file === '') throw new SettingError(flag, 'needs a file path');
  const where = `${flag} ${file}`;
  const absolute = path.resolve(file);
  let existing = absolute;
  let info: Stats;
  for (;;) {
    try {
      info = await stat(existing);
      break;
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new SettingError(where, `cannot be written (${code})`);
      existing = path.dirname(existing);
    }
  }
  if (existing === absolute && info.isDirectory()) throw new SettingError(where, 'is a directory; give a file path');
  if (existing !== absolute && !info.isDirectory()) throw new SettingError(where, `${path.isAbsolute(file) ? existing : path.relative(process.cwd(), existing)} is not a directory`);
  try {
    await access(existing, existing === absolute ? constants.W_OK : constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new SettingError(where, existing === absolute ? `is not writable (${errorCode(error)})` : `cannot write in ${existing} (${errorCode(error)})`);
  }
}

/** Makes the file's directories, then writes it; what the check could not foresee (a full disk) is said the same way. */
export async function writeOutputFile(file: string, flag: string, write: (absolute: string) => Promise<void>): Promise<void> {
  const absolute = path.resolve(file);
  try {
    await mkdir(path.dirname(absolute), { recursive: true });
    await write(absolute);
  } catch (error) {
    throw new SettingError(`${flag} ${file}`, `could not be written (${errorCode(error)})`);
  }
}
