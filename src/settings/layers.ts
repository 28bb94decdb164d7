import type { GateValues, Given, SettingKey, Settings } from './table.js';
import { GATE_NAMES, SETTINGS } from './table.js';

const PLAIN = (Object.keys(SETTINGS) as SettingKey[]).filter((key) => !(GATE_NAMES as SettingKey[]).includes(key)) as Exclude<SettingKey, (typeof GATE_NAMES)[number]>[];

/** Each setting from the first layer that gives it: inputs or flags, else the config file, else its default. */
export function makeSettings({ given = {}, file = {} }: { given?: Given; file?: Given } = {}): Settings {
  const settings: Record<string, unknown> = {};
  for (const key of PLAIN) settings[key] = given[key] ?? file[key] ?? (SETTINGS[key] as { default?: unknown }).default;
  const gates: GateValues = {};
  for (const name of GATE_NAMES) {
    const value = given.gates?.[name] ?? file.gates?.[name] ?? (SETTINGS[name] as { default?: number }).default;
    if (value !== undefined) gates[name] = value;
  }
  return { ...settings, gates } as Settings;
}
