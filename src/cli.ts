import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, InputError } from './analyze.js';
import { patternsFrom } from './collect/files.js';
import { gitTopLevel } from './collect/workspace.js';
import { prepare } from './prepare.js';
import { checkOutputFile, writeOutputFile } from './publish/output-file.js';
import { writeReport } from './publish/report-file.js';
import { renderMarkdown } from './render/markdown.js';
import { renderText } from './render/text.js';
import { SettingError } from './settings/error.js';
import { FLAG_OPTIONS, readFlags, USAGE } from './settings/flags.js';
import { SETTINGS } from './settings/table.js';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: FLAG_OPTIONS,
    });
  } catch (error) {
    process.stderr.write(`verdict: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  // Run from a subdirectory, the report must name the same paths as from the root: the
  // workspace is the checkout's top, while the paths a user types are from where they are.
  const cwd = process.cwd();
  try {
    const flags = readFlags(values);
    const workspace = flags.workspace ? path.resolve(flags.workspace) : ((await gitTopLevel(cwd)) ?? cwd);
    if (flags.workspace !== undefined && !(await stat(workspace).catch(() => undefined))?.isDirectory()) throw new SettingError(`${SETTINGS.workspace.flag.name} ${flags.workspace}`, 'is not a directory');
    if (flags.reportPath !== undefined) await checkOutputFile(flags.reportPath, SETTINGS.reportPath.flag.name);
    if (flags.markdown !== undefined) await checkOutputFile(flags.markdown, SETTINGS.markdown.flag.name);
    // Nothing is logged: the verdict below is all the command prints.
    const place = { workspace, path: (given: string) => given, log: { info: () => {}, warning: () => {} } };
    const { settings, found, baseline, changes } = await prepare({ ...flags, files: patternsFrom(cwd, workspace, positionals) }, place);
    const report = await analyze({ workspace, settings, run: {}, found, baseline, changes });
    if (settings.reportPath !== undefined) await writeOutputFile(settings.reportPath, SETTINGS.reportPath.flag.name, (file) => writeReport(report, file));
    if (settings.markdown !== undefined) await writeOutputFile(settings.markdown, SETTINGS.markdown.flag.name, (file) => writeFile(file, renderMarkdown(report)));
    process.stdout.write(`${renderText(report, { json: settings.reportPath })}\n`);
    return report.verdict === 'GO' || settings.failOn === 'never' ? 0 : 1;
  } catch (error) {
    if (error instanceof SettingError || error instanceof InputError) {
      process.stderr.write(`verdict: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`verdict: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
