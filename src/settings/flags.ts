import { SettingError } from './error.js';
import type { Given } from './table.js';
import { givenOf, rowsWith } from './table.js';

const ROWS = rowsWith('flag');

/** node:util parseArgs's options: every flag of the table, and --help. */
export const FLAG_OPTIONS = {
  ...Object.fromEntries(ROWS.map(([, row]) => [row.flag!.name.slice(2), { type: 'string' as const, multiple: row.flag!.many === true }])),
  help: { type: 'boolean' as const, short: 'h' },
};

/**
 * The flags parseArgs found as a layer of settings. A flag given as '' is refused: on a command
 * line that is a mistake (an unset shell variable), not a way to leave the setting at its default.
 */
export function readFlags(values: Record<string, string | string[] | boolean | undefined>): Given {
  return givenOf(
    ROWS.flatMap(([key, row]) => {
      const { name } = row.flag!;
      const given = values[name.slice(2)];
      if (given === undefined) return [];
      const items = Array.isArray(given) ? given : [String(given)];
      if (items.includes('')) throw new SettingError(name, row.read.empty ?? 'needs a value');
      if (Array.isArray(given)) return [[key, items] as const];
      const read = row.read.text!.safeParse(given);
      if (!read.success) throw new SettingError(name, read.error.issues[0]!.message);
      return [[key, read.data] as const];
    }),
  );
}

const COLUMN = 25;

function option(name: string, doc: string): string {
  const lead = `  ${name}`;
  return lead.padEnd(Math.max(COLUMN, lead.length + 2)) + doc.split('\n').join(`\n${' '.repeat(COLUMN)}`);
}

export const USAGE = `Usage: verdict [options] PATTERN...

Reads test and coverage reports (JUnit XML in every dialect, TRX, NUnit, xUnit.net, CTRF,
jest --json, go test -json, build logs, lcov, Cobertura, JaCoCo, Clover, Istanbul, Go coverage
profiles), decides GO or NO-GO against the gates, and prints the verdict. Formats are recognized
from file content. PATTERN is a file or a glob (quote globs) from the current directory; with
none, common report locations in the workspace are searched. Paths in the report are relative to
the workspace.

Options:
${ROWS.map(([, row]) => option(`${row.flag!.name} ${row.flag!.arg}`, row.doc)).join('\n')}
${option('-h, --help', 'show this help')}

Exit status: 0 GO, 1 NO-GO, 2 usage, config or input error.`;
