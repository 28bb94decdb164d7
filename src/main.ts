import * as core from '@actions/core';
import path from 'node:path';
import { analyze, InputError } from './analyze.js';
import { readConfig } from './config.js';
import { readInputs } from './inputs.js';
import type { Report } from './model.js';
import { publishOutputs } from './publish/outputs.js';
import { defaultReportPath, writeReport } from './publish/report-file.js';
import { publishSummary } from './publish/summary.js';
import { renderMarkdown } from './render/markdown.js';
import { runInfoFromEnv } from './run-info.js';
import { makeSettings, SettingError } from './settings.js';

/*
 * The GitHub Action: inputs → report → job summary, report file, outputs → step status.
 * Whatever fails while publishing, the report file and the summary are written first.
 */
async function run(): Promise<void> {
  const env = process.env;
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  let report: Report;
  let failOn: 'no-go' | 'never';
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const { config } = await readConfig(inputs.config, workspace);
    const settings = makeSettings({
      file: config,
      given: {
        gates: inputs.gates,
        name: inputs.reportName,
        failOn: inputs.failOn,
        maxFileSize: inputs.maxFileSize,
        stripPrefixes: inputs.stripPrefixes,
        pathPrefix: inputs.pathPrefix,
      },
    });
    failOn = settings.failOn;
    report = await analyze({ patterns: inputs.files, workspace, settings, run: runInfoFromEnv(env) });
    const reportPath = inputs.reportPath ? path.resolve(workspace, inputs.reportPath) : defaultReportPath(env, settings.name);
    await writeReport(report, reportPath);
    await publishSummary(renderMarkdown(report));
    publishOutputs(report, reportPath);
    core.info(`Verdict: ${report.verdict} — report written to ${reportPath}`);
  } catch (error) {
    if (error instanceof SettingError || error instanceof InputError) {
      await publishSummary(`## ⚠️ Verdict could not run\n\n${error.message}\n`).catch(() => false);
      core.setFailed(error.message);
      return;
    }
    throw error;
  }
  if (report.verdict === 'NO-GO' && failOn === 'no-go') {
    const failed = report.gates.filter((g) => !g.passed).map((g) => g.metric);
    core.setFailed(`${report.name}: NO-GO (${failed.join(', ')}). See the job summary for the blockers.`);
  }
}

run().catch((error: unknown) => {
  core.setFailed(`Verdict failed unexpectedly: ${(error as Error).stack ?? String(error)}`);
});
