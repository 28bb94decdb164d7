import * as core from '@actions/core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze, InputError } from './analyze.js';
import type { Changes } from './classify/patch.js';
import { downloadRunArtifacts } from './collect/artifacts.js';
import type { Baseline } from './collect/baseline.js';
import { baselineFromArtifacts, baselineFromFile } from './collect/baseline.js';
import { changesFromGit, changesFromPullRequest } from './collect/changes.js';
import { readConfig } from './config.js';
import type { Event } from './event.js';
import { readEvent, runInfo } from './event.js';
import type { Inputs } from './inputs.js';
import { readInputs } from './inputs.js';
import type { Diagnostic, Report } from './model.js';
import { publishCheckRun } from './publish/check-run.js';
import type { Repo } from './publish/comment.js';
import { publishComment } from './publish/comment.js';
import type { GitHub } from './publish/github.js';
import { explain, github, status } from './publish/github.js';
import type { Links } from './publish/outputs.js';
import { linkOutputs, publishOutputs } from './publish/outputs.js';
import { pullRequestOfRun } from './publish/pull-request.js';
import { reportArtifactName, uploadReportArtifact } from './publish/report-artifact.js';
import { defaultReportPath, writeReport } from './publish/report-file.js';
import { publishSummary } from './publish/summary.js';
import { withoutSecret } from './redact.js';
import { fitMarkdown, LIMITS, utf8Bytes } from './render/budget.js';
import { renderOutputs } from './render/outputs.js';
import type { Settings } from './settings.js';
import { makeSettings, SettingError } from './settings.js';

/*
 * The GitHub Action: inputs → artifacts → report → job summary, report file, outputs → check
 * run and PR comment, and the outputs linking them → step status. The summary and the report file
 * are written before any API call, so a failed call never loses the report.
 */

const FORK_HELP =
  'Pull requests from forks get a read-only GITHUB_TOKEN on pull_request. Give same-repository runs `permissions: { checks: write, pull-requests: write }`; for forks, run Verdict from a workflow_run workflow (README: "Pull requests from forks"). The verdict and the exit status are not affected.';

async function downloadArtifacts(inputs: Inputs, event: Event, env: NodeJS.ProcessEnv, repo: Repo): Promise<{ dir?: string; names: string[]; diagnostics: Diagnostic[] }> {
  const fromTrigger = env.GITHUB_EVENT_NAME === 'workflow_run';
  if (inputs.artifacts.length === 0 && !fromTrigger) return { names: [], diagnostics: [] };
  const runId = inputs.runId ?? (fromTrigger ? event.workflow_run?.id : Number(env.GITHUB_RUN_ID));
  if (!runId) return { names: [], diagnostics: [{ file: 'artifacts', message: 'no workflow run to download artifacts from (set input run-id)' }] };
  const dir = await mkdtemp(path.join(env.RUNNER_TEMP || tmpdir(), 'verdict-artifacts-'));
  try {
    const got = await downloadRunArtifacts({ token: inputs.token, ...repo, runId, patterns: inputs.artifacts.length > 0 ? inputs.artifacts : ['*'], into: dir });
    core.info(`Downloaded ${got.names.length} artifact(s) of run ${runId}: ${got.names.join(', ') || 'none'}`);
    return { dir, names: got.names, diagnostics: got.diagnostics };
  } catch (error) {
    return { dir, names: [], diagnostics: [{ file: `artifacts of run ${runId}`, message: explain(error, 'Downloading artifacts') }] };
  }
}

/** The report to compare with: the given file, else on a pull request the newest report of its base branch. */
async function findBaseline(gh: GitHub | undefined, inputs: Inputs, event: Event, repo: Repo, settings: Settings, env: NodeJS.ProcessEnv): Promise<Baseline> {
  if (inputs.baseline) return baselineFromFile(path.resolve(env.GITHUB_WORKSPACE || process.cwd(), inputs.baseline));
  const base = event.pull_request?.base?.ref ?? event.workflow_run?.pull_requests?.[0]?.base?.ref;
  if (!base) return { info: { found: false, reason: `a ${env.GITHUB_EVENT_NAME ?? 'local'} run has no base branch to compare with` } };
  if (!gh) return { info: { found: false, reason: 'no github-token to look up the base branch report with' } };
  try {
    return await baselineFromArtifacts(gh, inputs.token, repo, inputs.reportArtifact ?? reportArtifactName(settings.name), base, env.RUNNER_TEMP || tmpdir());
  } catch (error) {
    return { info: { found: false, reason: explain(error, `Looking up the report of '${base}'`) } };
  }
}

/** Lines this change touches: the pull request's files, else `git diff` from diff-base when the checkout has history. */
async function findChanges(gh: GitHub | undefined, inputs: Inputs, event: Event, repo: Repo, pr: number | undefined, workspace: string): Promise<Changes | undefined> {
  if (gh && pr) {
    try {
      return await changesFromPullRequest(gh, repo, pr);
    } catch (error) {
      core.warning(explain(error, `Reading the files of pull request #${pr}`));
    }
  }
  const base = inputs.diffBase ?? event.pull_request?.base?.sha;
  if (!base) return undefined;
  try {
    return await changesFromGit(workspace, base);
  } catch (error) {
    core.info(`No changed lines from git (${(error as Error).message.split('\n')[0]}): patch coverage is not measured`);
    return undefined;
  }
}

async function publishToGitHub(gh: GitHub, repo: Repo, report: Report, inputs: Inputs): Promise<Links> {
  const links: Links = {};
  if (inputs.checkRun && report.run.sha) {
    try {
      const check = await publishCheckRun(gh, repo, report.run.sha, report, inputs.maxAnnotations, inputs.patchAnnotations);
      links.checkRun = check.url;
      core.info(`Check run '${report.name}' completed with ${check.annotations} annotation(s)${check.omitted ? `, ${check.omitted} more not shown` : ''}`);
    } catch (error) {
      core.warning(status(error) === 403 ? `Verdict could not create the check run: the token lacks checks: write (403). ${FORK_HELP}` : explain(error, 'Creating the check run'));
    }
  }
  const pr = report.run.pullRequest;
  if (pr && inputs.comment !== 'never') {
    try {
      const comment = await publishComment(gh, repo, pr, report, inputs.comment);
      links.comment = comment.url;
      core.info(`PR #${pr} comment: ${comment.done}`);
    } catch (error) {
      core.warning(
        status(error) === 403 ? `Verdict could not comment on pull request #${pr}: the token lacks pull-requests: write (403). ${FORK_HELP}` : explain(error, `Commenting on pull request #${pr}`),
      );
    }
  }
  return links;
}

async function run(): Promise<void> {
  const env = process.env;
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  let inputs: Inputs;
  let settings: Settings;
  try {
    inputs = readInputs((name) => core.getInput(name));
    if (inputs.token) core.setSecret(inputs.token);
    settings = makeSettings({
      file: (await readConfig(inputs.config, workspace)).config,
      given: {
        gates: inputs.gates,
        name: inputs.reportName,
        failOn: inputs.failOn,
        maxFileSize: inputs.maxFileSize,
        stripPrefixes: inputs.stripPrefixes,
        pathPrefix: inputs.pathPrefix,
        requiredArtifacts: inputs.requiredArtifacts,
      },
    });
  } catch (error) {
    if (!(error instanceof SettingError)) throw error;
    await publishSummary(`## ⚠️ Verdict could not run\n\n${error.message}\n`).catch(() => false);
    core.setFailed(error.message);
    return;
  }

  const event = readEvent(env);
  const [owner = '', name = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const repo = { owner, repo: name };
  const gh = inputs.token && owner ? github(inputs.token) : undefined;
  const artifacts = await downloadArtifacts(inputs, event, env, repo);
  let pullRequest: number | undefined;
  if (gh && event.workflow_run) {
    try {
      pullRequest = await pullRequestOfRun(gh, repo, event.workflow_run);
    } catch (error) {
      core.warning(explain(error, 'Finding the pull request of the triggering run'));
    }
  }

  const run = runInfo(env, event, pullRequest);
  const baseline = await findBaseline(gh, inputs, event, repo, settings, env);
  core.info(baseline.report ? `Baseline: ${baseline.info.source}` : `No baseline: ${baseline.info.reason}`);
  const changes = await findChanges(gh, inputs, event, repo, run.pullRequest, workspace);

  let report: Report;
  try {
    report = await analyze({
      patterns: inputs.files,
      workspace,
      settings,
      run,
      artifactsDir: artifacts.dir,
      artifactNames: artifacts.names,
      diagnostics: artifacts.diagnostics,
      baseline,
      changes,
    });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    await publishSummary(`## ⚠️ Verdict could not run\n\n${error.message}\n`).catch(() => false);
    core.setFailed(error.message);
    return;
  }

  report = withoutSecret(report, inputs.token);
  const reportPath = inputs.reportPath ? path.resolve(workspace, inputs.reportPath) : defaultReportPath(env, settings.name);
  await writeReport(report, reportPath);
  await publishSummary(fitMarkdown(report, LIMITS.jobSummaryBytes, { measure: utf8Bytes, fullReportAt: 'the report JSON' }).markdown);
  publishOutputs(renderOutputs(report, reportPath));
  core.info(`${report.name}: ${report.verdict} — report written to ${reportPath}`);

  if (inputs.uploadReport) {
    try {
      const uploaded = await uploadReportArtifact(report, reportPath, inputs.reportArtifact, env);
      if (uploaded) core.info(`Report uploaded as artifact '${uploaded}'`);
    } catch (error) {
      core.warning(explain(error, 'Uploading the report artifact'));
    }
  }
  publishOutputs(linkOutputs(gh ? await publishToGitHub(gh, repo, report, inputs) : {}));

  if (report.verdict === 'NO-GO' && settings.failOn === 'no-go') {
    const failed = report.gates.filter((g) => !g.passed).map((g) => g.metric);
    core.setFailed(`${report.name}: NO-GO (${failed.join(', ')}). See the job summary for the blockers.`);
  }
}

run().catch((error: unknown) => {
  core.setFailed(`Verdict failed unexpectedly: ${(error as Error).stack ?? String(error)}`);
});
