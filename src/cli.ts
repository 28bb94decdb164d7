import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, InputError } from './analyze.js';
import type { Changes } from './model/changes.js';
import { changesFromGit } from './collect/changes.js';
import { patternsFrom } from './collect/files.js';
import { gitTopLevel } from './collect/workspace.js';
import { readConfig } from './config.js';
import { checkOutputFile, writeOutputFile } from './output-file.js';
import { writeReport } from './publish/report-file.js';
import { renderMarkdown } from './render/markdown.js';
import { renderText } from './render/text.js';
import type { GateValues } from './settings.js';
import { failOnFromText, GATE_NAMES, gateValueFromText, makeSettings, SettingError, sizeFromText } from './settings.js';

const USAGE = `Usage: verdict [options] PATTERN...

Reads test and coverage reports (JUnit XML in every dialect, TRX, NUnit, xUnit.net, CTRF,
jest --json, go test -json, build logs, lcov, Cobertura, JaCoCo, Clover, Istanbul, Go coverage
profiles), decides GO or NO-GO against the gates, and prints the verdict. Formats are recognized
from file content. PATTERN is a file or a glob (quote globs) from the current directory; with
none, common report locations in the workspace are searched. Paths in the report are relative to
the workspace.

Options:
  --workspace DIR        the repository root (default: the git top level of the current
                         directory, else the current directory)
  --config FILE          config file (default: .github/verdict.yml in the workspace when it exists)
  --json OUT             write the report JSON to OUT
  --markdown OUT         write the markdown report to OUT
  --name NAME            report name (default: Verdict)
  --max-p0 N             most P0 blockers allowed (default 0)
  --max-p1 N             most P1 blockers allowed (default 0)
  --max-p2 N             most P2 blockers allowed (default: not enforced)
  --min-pass-rate PCT    least pass rate, percent (default: not enforced)
  --min-coverage PCT     least line coverage, percent (default: not enforced)
  --min-tests N          least tests that ran (default 1: zero tests is never GO)
  --max-coverage-drop PTS  most line coverage lost against the baseline, in points
  --min-patch-coverage PCT least coverage of the lines changed since --diff-base
  --baseline FILE        report JSON of the base branch: new vs existing blockers, fixed ones,
                         tests that stopped running, coverage delta
  --diff-base REF        git revision the change is measured from (git diff REF...HEAD)
  --required-artifact GLOB  a report file that must be present (repeatable; missing is P0)
  --fail-on WHEN         'no-go' (default): exit 1 on NO-GO; 'never': exit 0 on NO-GO too
  --strip-prefix PREFIX  remove PREFIX from file paths in reports (repeatable)
  --path-prefix PREFIX   prepend PREFIX to relative paths that name no known file
  --max-file-size SIZE   skip report files larger than SIZE (default 2GB)
  -h, --help             show this help

Exit status: 0 GO, 1 NO-GO, 2 usage, config or input error.`;

const GATE_FLAGS = Object.fromEntries(GATE_NAMES.map((n) => [n, { type: 'string' as const }]));

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        workspace: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'string' },
        markdown: { type: 'string' },
        name: { type: 'string' },
        'fail-on': { type: 'string' },
        'strip-prefix': { type: 'string', multiple: true },
        'path-prefix': { type: 'string' },
        'max-file-size': { type: 'string' },
        baseline: { type: 'string' },
        'diff-base': { type: 'string' },
        'required-artifact': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        ...GATE_FLAGS,
      },
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
  const workspace = values.workspace ? path.resolve(values.workspace) : ((await gitTopLevel(cwd)) ?? cwd);
  try {
    if (values.workspace !== undefined && !(await stat(workspace).catch(() => undefined))?.isDirectory()) throw new SettingError(`--workspace ${values.workspace}`, 'is not a directory');
    const gates: GateValues = {};
    for (const name of GATE_NAMES) {
      const raw = values[name as keyof typeof values];
      if (typeof raw === 'string') gates[name] = gateValueFromText(name, raw, `--${name}`);
    }
    if (values.json !== undefined) await checkOutputFile(values.json, '--json');
    if (values.markdown !== undefined) await checkOutputFile(values.markdown, '--markdown');
    const { config } = await readConfig(values.config, workspace, cwd);
    const settings = makeSettings({
      file: config,
      given: {
        gates,
        name: values.name,
        failOn: values['fail-on'] !== undefined ? failOnFromText(values['fail-on'], '--fail-on') : undefined,
        maxFileSize: values['max-file-size'] !== undefined ? sizeFromText(values['max-file-size'], '--max-file-size') : undefined,
        stripPrefixes: values['strip-prefix'],
        pathPrefix: values['path-prefix'],
        requiredArtifacts: values['required-artifact'],
      },
    });
    // Loaded when asked for: the module brings the artifact client, a tenth of a second of start-up.
    const baseline = values.baseline !== undefined
      ? await (await import('./collect/baseline.js')).baselineFromFile(values.baseline)
      : { info: { found: false, reason: 'no --baseline was given' } };
    // The action goes on without a baseline it cannot read; a file named on the command line must be there.
    if (values.baseline !== undefined && !baseline.report) throw new SettingError('--baseline', baseline.info.reason ?? 'not read');
    let changes: Changes | undefined;
    if (values['diff-base']) {
      try {
        changes = await changesFromGit(workspace, values['diff-base']);
      } catch (error) {
        throw new InputError(`--diff-base ${values['diff-base']}: git diff failed: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    const report = await analyze({ patterns: patternsFrom(cwd, workspace, positionals), workspace, settings, run: {}, baseline, changes });
    if (values.json !== undefined) await writeOutputFile(values.json, '--json', (file) => writeReport(report, file));
    if (values.markdown !== undefined) await writeOutputFile(values.markdown, '--markdown', (file) => writeFile(file, renderMarkdown(report)));
    process.stdout.write(`${renderText(report, { json: values.json })}\n`);
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
