import { readFile } from 'node:fs/promises';
import { SettingError } from '../settings/error.js';

/**
 * The config file's text. A missing file is fine at the default path (undefined), an error when
 * the user named it: a gate they think is on must not silently be off. `shown` is the path as
 * given, for the message; `absolute` where it is.
 */
export async function readConfigFile(shown: string, absolute: string, named: boolean): Promise<string | undefined> {
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    if (!named && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SettingError(shown, `config file could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
