import { tmpdir } from 'node:os';
import path from 'node:path';
import { types } from 'node:util';
import { analyze, InputError } from './analyze.js';
import { readEvent, runInfo } from './collect/event.js';
import type { Artifacts } from './github/artifacts.js';
import type { GitHub, Repo } from './github/client.js';
import { explain, forbidden, FORK_HELP } from './github/errors.js';
import type { Report } from './model/report.js';
import type { OnGitHub, Place, Prepared } from './prepare.js';
import { gitHubOf, prepare, readSettings } from './prepare.js';
import { checkRunTrouble, publishCannotRunCheck, publishCheckRun } from './publish/check-run.js';
import { publishComment } from './publish/comment.js';
import type { Links } from './publish/outputs.js';
import { linkOutputs, publishOutputs } from './publish/outputs.js';
import { withoutSecret, withoutSecretText } from './publish/redact.js';
import { uploadReportArtifact } from './publish/report-artifact.js';
import { defaultReportPath, writeReport } from './publish/report-file.js';
import { publishSummary } from './publish/summary.js';
import { fitMarkdown, LIMITS, utf8Bytes } from './render/budget.js';
import { cannotRunMarkdown } from './render/cannot-run.js';
import { renderOutputs } from './render/outputs.js';
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

/** The runner's side of the step: @actions/core's functions (a test records what they are given). */
export interface Runner {
  getInput(name: string): string;
  setSecret(secret: string): void;
  setOutput(name: string, value: string): void;
  info(message: string): void;
  warning(message: string): void;
  setFailed(message: string): void;
}

/** What the Action needs from outside, given by src/index.ts, or by a test that runs it in-process. */
export interface ActionDeps {
  runner: Runner;
  /** A client for the GitHub API with this token. */
  github(token: string): GitHub;
  artifacts: Artifacts;
  now(): Date;
  /** The workspace when the runner names none (GITHUB_WORKSPACE). */
  cwd: string;
}

/** What the run is about, known before the inputs are read. */
interface Surroundings {
  env: NodeJS.ProcessEnv;
  place: Place & { github: OnGitHub };
  deps: ActionDeps;
}

/** Runs the Action in `env` (the runner's variables: INPUT_* are read through deps.runner); it never throws: a failure fails the step. */
export async function run(env: NodeJS.ProcessEnv, deps: ActionDeps): Promise<void> {
  try {
    await act(env, deps);
  } catch (error) {
    deps.runner.setFailed(reasonFor(error).log);
  }
}

async function act(env: NodeJS.ProcessEnv, deps: ActionDeps): Promise<void> {
  const { runner } = deps;
  const token = runner.getInput('github-token');
  // Masked before anything, a failure of the inputs included, can print it.
  if (token) runner.setSecret(token);
  const [owner = '', name = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const workspace = path.resolve(env.GITHUB_WORKSPACE || deps.cwd);
  const surroundings: Surroundings = {
    env,
    deps,
    place: {
      workspace,
      path: (given) => path.resolve(workspace, given),
      log: runner,
      github: {
        connect: deps.github,
        artifacts: deps.artifacts,
        repo: { owner, repo: name },
        event: readEvent(env),
        eventName: env.GITHUB_EVENT_NAME,
        runId: Number(env.GITHUB_RUN_ID) || undefined,
        temp: env.RUNNER_TEMP || tmpdir(),
      },
    },
  };
  try {
    await judge(surroundings, await prepare(readInputs(runner.getInput), surroundings.place));
  } catch (error) {
    // Named as a report's check run would be: by the input, else by the config file when it reads.
    const given = readInputs(runner.getInput, { lenient: true });
    await cannotRun(error, surroundings, await readSettings(given, surroundings.place).catch(() => makeSettings({ given })));
  }
}

async function judge({ env, place, deps }: Surroundings, { settings, gh, found, artifacts, pullRequest, baseline, changes }: Prepared): Promise<void> {
  const { runner } = deps;
  const report = withoutSecret(
    await analyze({
      workspace: place.workspace,
      settings,
      run: runInfo(env, place.github.event, pullRequest),
      now: deps.now(),
      found,
      artifactsDir: artifacts.dir,
      artifactNames: artifacts.names,
      diagnostics: artifacts.diagnostics,
      findings: artifacts.findings,
      baseline,
      changes,
    }),
    settings.token,
  );
  const reportPath = settings.reportPath ? place.path(settings.reportPath) : defaultReportPath(env.RUNNER_TEMP || place.workspace, settings.name);
  await writeReport(report, reportPath);
  await publishSummary(fitMarkdown(report, LIMITS.jobSummaryBytes, { measure: utf8Bytes, fullReportAt: 'the report JSON' }).markdown, env);
  publishOutputs(renderOutputs(report, reportPath), runner.setOutput);
  runner.info(`${report.name}: ${report.verdict} — report written to ${reportPath}`);

  if (settings.uploadReport) {
    try {
      const uploaded = await uploadReportArtifact(deps.artifacts, report, reportPath, settings.reportArtifact, env);
      if (uploaded) runner.info(`Report uploaded as artifact '${uploaded}'`);
    } catch (error) {
      runner.warning(explain(error, 'Uploading the report artifact'));
    }
  }
  publishOutputs(linkOutputs(gh ? await publishToGitHub(gh, place.github.repo, report, settings, runner) : {}), runner.setOutput);

  if (report.verdict === 'NO-GO' && settings.failOn === 'no-go') {
    const failed = report.gates.filter((g) => !g.passed).map((g) => g.metric);
    runner.setFailed(`${report.name}: NO-GO (${failed.join(', ')}). See the job summary for the blockers.`);
  }
}

async function publishToGitHub(gh: GitHub, repo: Repo, report: Report, settings: Settings, runner: Runner): Promise<Links> {
  const links: Links = {};
  let app: string | undefined;
  if (settings.checkRun && report.run.sha) {
    try {
      const check = await publishCheckRun(gh, repo, report.run.sha, report, settings.maxAnnotations, settings.patchAnnotations);
      links.checkRun = check.url;
      app = check.app;
      runner.info(`Check run '${report.name}' completed with ${check.annotations} annotation(s)${check.omitted ? `, ${check.omitted} more not shown` : ''}`);
    } catch (error) {
      runner.warning(checkRunTrouble(error));
    }
  }
  const pr = report.run.pullRequest;
  if (pr && settings.comment !== 'never') {
    try {
      const comment = await publishComment(gh, repo, pr, report, settings.comment, app);
      links.comment = comment.url;
      runner.info(`PR #${pr} comment: ${comment.done}${comment.removed ? `; ${comment.removed} older copy(ies) removed` : ''}`);
    } catch (error) {
      runner.warning(
        forbidden(error) ? `Verdict could not comment on pull request #${pr}: the token lacks pull-requests: write (403). ${FORK_HELP}` : explain(error, `Commenting on pull request #${pr}`),
      );
    }
  }
  return links;
}

/** Why the run stopped, for the summary and the check run; the log also gets the stack of an error that is no fault of the inputs. */
function reasonFor(error: unknown): { reason: string; log: string } {
  if (error instanceof SettingError || error instanceof InputError) return { reason: error.message, log: error.message };
  // isNativeError: an Error made in another realm is one too (a test runs the Action in a vm context).
  const e = types.isNativeError(error) ? error : new Error(String(error));
  return { reason: `Verdict failed unexpectedly: ${e.message}`, log: `Verdict failed unexpectedly: ${e.stack ?? e.message}` };
}

/**
 * Says why there is no report: in the job summary, then in a completed check run, at once and
 * before any call that can wait, so a required check never stays pending. The step fails, or
 * with fail-on never warns and passes, its check run neutral. `settings` are those that could be
 * read: the name, check-run and fail-on of the report there would have been.
 */
async function cannotRun(error: unknown, { env, place, deps }: Surroundings, settings: Settings): Promise<void> {
  const { runner } = deps;
  const { reason: said, log } = reasonFor(error);
  // The reason may quote an input that holds the token: the runner masks the log only.
  const reason = withoutSecretText(said, settings.token);
  await publishSummary(cannotRunMarkdown(reason), env).catch(() => false);
  // The commit and link a report's check run would have had.
  const { sha, runUrl } = runInfo(env, place.github.event);
  const gh = gitHubOf(settings, place.github);
  const links: Links = {};
  if (gh && settings.checkRun && sha) {
    try {
      const conclusion = settings.failOn === 'never' ? 'neutral' : 'failure';
      links.checkRun = (await publishCannotRunCheck(gh, place.github.repo, { name: settings.name, sha, conclusion, detailsUrl: runUrl }, reason)).url;
    } catch (trouble) {
      runner.warning(checkRunTrouble(trouble));
    }
  }
  publishOutputs(linkOutputs(links), runner.setOutput);
  if (settings.failOn === 'never') runner.warning(`${log} (fail-on is never: the step passes)`);
  else runner.setFailed(log);
}
