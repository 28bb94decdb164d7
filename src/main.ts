import * as core from '@actions/core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze, findReportFiles, InputError } from './analyze.js';
import type { Changes } from './model/changes.js';
import { downloadRunArtifacts } from './collect/artifacts.js';
import type { Baseline } from './collect/baseline.js';
import { baselineFromArtifacts, baselineFromFile } from './collect/baseline.js';
import { changesFromGit, changesFromPullRequest } from './collect/changes.js';
import type { Event } from './collect/event.js';
import { readEvent, runInfo } from './collect/event.js';
import type { Diagnostic, Report } from './model/report.js';
import { checkRunTrouble, publishCannotRunCheck, publishCheckRun } from './publish/check-run.js';
import type { Repo } from './github/client.js';
import { publishComment } from './publish/comment.js';
import type { GitHub } from './github/client.js';
import { explain, FORK_HELP, github, status } from './github/client.js';
import type { Links } from './publish/outputs.js';
import { linkOutputs, publishOutputs } from './publish/outputs.js';
import { pullRequestOfRun } from './collect/pull-request.js';
import { reportArtifactName, uploadReportArtifact } from './publish/report-artifact.js';
import { defaultReportPath, writeReport } from './publish/report-file.js';
import { publishSummary } from './publish/summary.js';
import { withoutSecret, withoutSecretText } from './publish/redact.js';
import { fitMarkdown, LIMITS, utf8Bytes } from './render/budget.js';
import { cannotRunMarkdown } from './render/cannot-run.js';
import { renderOutputs } from './render/outputs.js';
import type { Place } from './prepare.js';
import { readSettings } from './prepare.js';
import { SettingError } from './settings/error.js';
import { readInputs } from './settings/inputs.js';
import { makeSettings } from './settings/layers.js';
import type { Settings } from './settings/table.js';

/*
 * The GitHub Action: inputs → artifacts → report → job summary, report file, outputs → check
 * run and PR comment, and the outputs linking them → step status. The summary and the report file
 * are written before any API call, so a failed call never loses the report. A run that cannot make
 * a report (a bad input, no report file, an unexpected error) still says why and completes its check run.
 */

async function downloadArtifacts(settings: Settings, event: Event, env: NodeJS.ProcessEnv, repo: Repo): Promise<{ dir?: string; names: string[]; diagnostics: Diagnostic[] }> {
  const fromTrigger = env.GITHUB_EVENT_NAME === 'workflow_run';
  if (settings.artifacts.length === 0 && !fromTrigger) return { names: [], diagnostics: [] };
  const runId = settings.runId ?? (fromTrigger ? event.workflow_run?.id : Number(env.GITHUB_RUN_ID));
  if (!runId) return { names: [], diagnostics: [{ file: 'artifacts', message: 'no workflow run to download artifacts from (set input run-id)' }] };
  const dir = await mkdtemp(path.join(env.RUNNER_TEMP || tmpdir(), 'verdict-artifacts-'));
  try {
    const got = await downloadRunArtifacts({ token: settings.token, ...repo, runId, patterns: settings.artifacts.length > 0 ? settings.artifacts : ['*'], into: dir });
    core.info(`Downloaded ${got.names.length} artifact(s) of run ${runId}: ${got.names.join(', ') || 'none'}`);
    return { dir, names: got.names, diagnostics: got.diagnostics };
  } catch (error) {
    return { dir, names: [], diagnostics: [{ file: `artifacts of run ${runId}`, message: explain(error, 'Downloading artifacts') }] };
  }
}

/** The report to compare with: the given file, else on a pull request the newest report of its base branch. */
async function findBaseline(gh: GitHub | undefined, event: Event, repo: Repo, settings: Settings, env: NodeJS.ProcessEnv): Promise<Baseline> {
  if (settings.baseline) return baselineFromFile(path.resolve(env.GITHUB_WORKSPACE || process.cwd(), settings.baseline));
  const base = event.pull_request?.base?.ref ?? event.workflow_run?.pull_requests?.[0]?.base?.ref;
  if (!base) return { info: { found: false, reason: `a ${env.GITHUB_EVENT_NAME ?? 'local'} run has no base branch to compare with` } };
  if (!gh) return { info: { found: false, reason: 'no github-token to look up the base branch report with' } };
  try {
    return await baselineFromArtifacts(gh, settings.token, repo, settings.reportArtifact ?? reportArtifactName(settings.name), base, env.RUNNER_TEMP || tmpdir());
  } catch (error) {
    return { info: { found: false, reason: explain(error, `Looking up the report of '${base}'`) } };
  }
}

/** Lines this change touches: the pull request's files, else `git diff` from diff-base when the checkout has history. */
async function findChanges(gh: GitHub | undefined, settings: Settings, event: Event, repo: Repo, pr: number | undefined, workspace: string): Promise<Changes | undefined> {
  if (gh && pr) {
    try {
      return await changesFromPullRequest(gh, repo, pr);
    } catch (error) {
      core.warning(explain(error, `Reading the files of pull request #${pr}`));
    }
  }
  const base = settings.diffBase ?? event.pull_request?.base?.sha;
  if (!base) return undefined;
  try {
    return await changesFromGit(workspace, base);
  } catch (error) {
    core.info(`No changed lines from git (${(error as Error).message.split('\n')[0]}): patch coverage is not measured`);
    return undefined;
  }
}

async function publishToGitHub(gh: GitHub, repo: Repo, report: Report, settings: Settings): Promise<Links> {
  const links: Links = {};
  if (settings.checkRun && report.run.sha) {
    try {
      const check = await publishCheckRun(gh, repo, report.run.sha, report, settings.maxAnnotations, settings.patchAnnotations);
      links.checkRun = check.url;
      core.info(`Check run '${report.name}' completed with ${check.annotations} annotation(s)${check.omitted ? `, ${check.omitted} more not shown` : ''}`);
    } catch (error) {
      core.warning(checkRunTrouble(error));
    }
  }
  const pr = report.run.pullRequest;
  if (pr && settings.comment !== 'never') {
    try {
      const comment = await publishComment(gh, repo, pr, report, settings.comment);
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

/** What the run is about, known before the inputs are read. */
interface Surroundings {
  env: NodeJS.ProcessEnv;
  workspace: string;
  event: Event;
  repo: Repo;
  gh: GitHub | undefined;
  /** Kept out of everything posted: the runner masks it in the log only. */
  token: string;
}

async function judge({ env, workspace, event, repo, gh }: Surroundings, settings: Settings): Promise<void> {
  const artifacts = await downloadArtifacts(settings, event, env, repo);
  // Before the calls that only add to a report: a run with nothing to read ends here, at once.
  const found = await findReportFiles({ workspace, settings, artifactsDir: artifacts.dir });
  let pullRequest: number | undefined;
  if (gh && event.workflow_run) {
    try {
      pullRequest = await pullRequestOfRun(gh, repo, event.workflow_run);
    } catch (error) {
      core.warning(explain(error, 'Finding the pull request of the triggering run'));
    }
  }

  const run = runInfo(env, event, pullRequest);
  const baseline = await findBaseline(gh, event, repo, settings, env);
  core.info(baseline.report ? `Baseline: ${baseline.info.source}` : `No baseline: ${baseline.info.reason}`);
  const changes = await findChanges(gh, settings, event, repo, run.pullRequest, workspace);

  const report = withoutSecret(
    await analyze({
      workspace,
      settings,
      run,
      found,
      artifactsDir: artifacts.dir,
      artifactNames: artifacts.names,
      diagnostics: artifacts.diagnostics,
      baseline,
      changes,
    }),
    settings.token,
  );
  const reportPath = settings.reportPath ? path.resolve(workspace, settings.reportPath) : defaultReportPath(env, settings.name);
  await writeReport(report, reportPath);
  await publishSummary(fitMarkdown(report, LIMITS.jobSummaryBytes, { measure: utf8Bytes, fullReportAt: 'the report JSON' }).markdown);
  publishOutputs(renderOutputs(report, reportPath));
  core.info(`${report.name}: ${report.verdict} — report written to ${reportPath}`);

  if (settings.uploadReport) {
    try {
      const uploaded = await uploadReportArtifact(report, reportPath, settings.reportArtifact, env);
      if (uploaded) core.info(`Report uploaded as artifact '${uploaded}'`);
    } catch (error) {
      core.warning(explain(error, 'Uploading the report artifact'));
    }
  }
  publishOutputs(linkOutputs(gh ? await publishToGitHub(gh, repo, report, settings) : {}));

  if (report.verdict === 'NO-GO' && settings.failOn === 'no-go') {
    const failed = report.gates.filter((g) => !g.passed).map((g) => g.metric);
    core.setFailed(`${report.name}: NO-GO (${failed.join(', ')}). See the job summary for the blockers.`);
  }
}

/** Why the run stopped, for the summary and the check run; the log also gets the stack of an error that is no fault of the inputs. */
function reasonFor(error: unknown): { reason: string; log: string } {
  if (error instanceof SettingError || error instanceof InputError) return { reason: error.message, log: error.message };
  const e = error instanceof Error ? error : new Error(String(error));
  return { reason: `Verdict failed unexpectedly: ${e.message}`, log: `Verdict failed unexpectedly: ${e.stack ?? e.message}` };
}

/**
 * Says why there is no report: in the job summary, then in a completed check run, at once and
 * before any call that can wait, so a required check never stays pending. The step fails, or
 * with fail-on never warns and passes, its check run neutral.
 */
async function cannotRun(error: unknown, { env, event, repo, gh, token }: Surroundings, ending: Settings): Promise<void> {
  const { reason: said, log } = reasonFor(error);
  const reason = withoutSecretText(said, token);
  await publishSummary(cannotRunMarkdown(reason)).catch(() => false);
  // The commit and link a report's check run would have had.
  const { sha, runUrl } = runInfo(env, event);
  const links: Links = {};
  if (gh && ending.checkRun && sha) {
    try {
      const conclusion = ending.failOn === 'never' ? 'neutral' : 'failure';
      links.checkRun = (await publishCannotRunCheck(gh, repo, { name: ending.name, sha, conclusion, detailsUrl: runUrl }, reason)).url;
    } catch (trouble) {
      core.warning(checkRunTrouble(trouble));
    }
  }
  publishOutputs(linkOutputs(links));
  if (ending.failOn === 'never') core.warning(`${log} (fail-on is never: the step passes)`);
  else core.setFailed(log);
}

async function run(): Promise<void> {
  const env = process.env;
  const token = core.getInput('github-token');
  // Masked before anything, a failure of the inputs included, can print it.
  if (token) core.setSecret(token);
  const [owner = '', name = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const surroundings: Surroundings = {
    env,
    workspace: path.resolve(env.GITHUB_WORKSPACE || process.cwd()),
    event: readEvent(env),
    repo: { owner, repo: name },
    gh: token && owner ? github(token) : undefined,
    token,
  };
  const place: Place = { workspace: surroundings.workspace, path: (given) => path.resolve(surroundings.workspace, given) };
  let settings: Settings;
  try {
    settings = await readSettings(readInputs((input) => core.getInput(input)), place);
  } catch (error) {
    // The check run is named as a report's would be: by the input, else by the config file when it reads.
    const given = readInputs((input) => core.getInput(input), { lenient: true });
    await cannotRun(error, surroundings, await readSettings(given, place).catch(() => makeSettings({ given })));
    return;
  }
  try {
    await judge(surroundings, settings);
  } catch (error) {
    await cannotRun(error, surroundings, settings);
  }
}

run().catch((error: unknown) => {
  core.setFailed(reasonFor(error).log);
});
