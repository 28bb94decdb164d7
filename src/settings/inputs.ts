import { SettingError } from './error.js';
import type { Given } from './table.js';
import { givenOf, rowsWith } from './table.js';

const ROWS = rowsWith('input');

export const INPUT_NAMES = ROWS.map(([, row]) => row.input!);

/**
 * The action's inputs as a layer of settings; an empty input is not given (the runner sets every
 * input, '' where the workflow gives none). `getInput` is @actions/core's: INPUT_<NAME>, trimmed.
 * `lenient` leaves an input that cannot be read at its default, for a run that must still say why
 * it stopped when any input may be what stopped it; else the error names the input.
 */
export function readInputs(getInput: (name: string) => string, { lenient = false } = {}): Given {
  return givenOf(
    ROWS.flatMap(([key, row]) => {
      const raw = getInput(row.input!);
      if (raw === '') return [];
      const read = row.read.text!.safeParse(raw);
      if (read.success) return [[key, read.data] as const];
      if (lenient) return [];
      throw new SettingError(`input '${row.input}'`, read.error.issues[0]!.message);
    }),
  );
}
