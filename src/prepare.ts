import path from 'node:path';
import { readConfigFile } from './collect/config-file.js';
import { DEFAULT_CONFIG_PATH, parseConfig } from './settings/config.js';
import { makeSettings } from './settings/layers.js';
import type { Given, Settings } from './settings/table.js';

/*
 * What a run needs before the analysis, assembled alike for the CLI and the Action.
 */

/** Where a run stands. */
export interface Place {
  workspace: string;
  /** A path the shell was given, as it opens it: from the Action's workspace; from the CLI's current directory, as typed. */
  path(given: string): string;
}

/** The settings: what the shell was given (inputs or flags), over the config file it names or the default one, over the defaults. */
export async function readSettings(given: Given, place: Place): Promise<Settings> {
  const shown = given.config ?? DEFAULT_CONFIG_PATH;
  const text = await readConfigFile(shown, given.config === undefined ? path.resolve(place.workspace, DEFAULT_CONFIG_PATH) : place.path(given.config), given.config !== undefined);
  return makeSettings({ given, file: text === undefined ? {} : parseConfig(text, shown) });
}
