import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import type { ReportFiles } from './analyze.js';
import { findReportFiles, InputError } from './analyze.js';
import { downloadRunArtifacts } from './collect/artifacts.js';
import type { ZipLimits } from './collect/unzip.js';
import type { Baseline } from './collect/baseline.js';
import { baselineFromArtifacts, baselineFromFile } from './collect/baseline.js';
import { changesFromGit, changesFromPullRequest } from './collect/changes.js';
import { readConfigFile } from './collect/config-file.js';
import type { Event } from './collect/event.js';
import { pullRequestOf } from './collect/event.js';
import { pullRequestOfRun } from './collect/pull-request.js';
import type { Artifacts } from './github/artifacts.js';
import type { GitHub, Repo } from './github/client.js';
import { explain } from './github/errors.js';
import type { Changes } from './model/changes.js';
import type { Diagnostic, Finding } from './model/report.js';
import { escapeCommandData } from './publish/log.js';
import { reportArtifactName } from './publish/report-artifact.js';
import { DEFAULT_CONFIG_PATH, parseConfig } from './settings/config.js';
import { SettingError } from './settings/error.js';
import { makeSettings } from './settings/layers.js';
import type { Given, Settings } from './settings/table.js';
import { SETTINGS } from './settings/table.js';

/*
 * What a run needs before the analysis, assembled alike for the CLI and the Action: the settings,
 * the report files (and the artifacts they come from), the baseline to compare with and the
 * lines the change touches. The files are found before anything is looked up: a run with
 * nothing to read ends at once, before any call to GitHub.
 */

export interface Log {
  info(message: string): void;
  warning(message: string): void;
}

/** The Action's side of a run: the runner's event, GitHub and its artifact service. */
export interface OnGitHub {
  /** A client for the API with this token. */
  connect(token: string): GitHub;
  artifacts: Artifacts;
  repo: Repo;
  event: Event;
  /** GITHUB_EVENT_NAME. */
  eventName?: string;
  /** GITHUB_RUN_ID: the run the Action is part of. */
  runId?: number;
  /** Where downloads go (RUNNER_TEMP). */
  temp: string;
}

/** Where a run stands. */
export interface Place {
  workspace: string;
  /** A path the shell was given, as it opens it: from the Action's workspace; from the CLI's current directory, as typed. */
  path(given: string): string;
  log: Log;
  /** The Action's; without it (the CLI), a baseline or diff base that was named must work. */
  github?: OnGitHub;
}

export interface Prepared {
  settings: Settings;
  /** A client for the API, when the run has a token and a repository. */
  gh?: GitHub;
  found: ReportFiles;
  /** Artifacts downloaded from a run, one sub-directory each, and what went wrong with them. */
  artifacts: { dir?: string; names: string[]; diagnostics: Diagnostic[]; findings?: Finding[] };
  /** The pull request of a workflow_run, found through the API. */
  pullRequest?: number;
  baseline: Baseline;
  changes?: Changes;
}

/** The settings: what the shell was given (inputs or flags), over the config file it names or the default one, over the defaults. */
export async function readSettings(given: Given, place: Place): Promise<Settings> {
  const shown = given.config ?? DEFAULT_CONFIG_PATH;
  const text = await readConfigFile(shown, given.config === undefined ? path.resolve(place.workspace, DEFAULT_CONFIG_PATH) : place.path(given.config), given.config !== undefined);
  return makeSettings({ given, file: text === undefined ? {} : parseConfig(text, shown) });
}

/** A client for the API when the settings have a token and the run a repository. */
export function gitHubOf(settings: Settings, github: OnGitHub | undefined): GitHub | undefined {
  return github && settings.token && github.repo.owner ? github.connect(settings.token) : undefined;
}

export async function prepare(given: Given, place: Place): Promise<Prepared> {
  const settings = await readSettings(given, place);
  const gh = gitHubOf(settings, place.github);
  const artifacts = place.github ? await downloadArtifacts(settings, place.github, place.log) : { names: [], diagnostics: [] };
  const found = await findReportFiles({ workspace: place.workspace, settings, artifactsDir: artifacts.dir, findings: artifacts.findings });
  const pullRequest = await pullRequestOfWorkflowRun(gh, place);
  const baseline = await findBaseline(settings, gh, place);
  // The reason may quote an artifact's file names and contents.
  place.log.info(escapeCommandData(baseline.report ? `Baseline: ${baseline.info.source}` : `No baseline: ${baseline.info.reason}`));
  const changes = await findChanges(settings, gh, place, place.github && pullRequestOf(place.github.event, pullRequest));
  return { settings, gh, found, artifacts, pullRequest, baseline, changes };
}

function zipLimits(settings: Settings): ZipLimits {
  return { maxBytes: settings.maxArtifactSize, maxEntries: settings.maxArtifactFiles, maxFileBytes: settings.maxFileSize, maxRatio: settings.maxArtifactRatio };
}

async function downloadArtifacts(settings: Settings, github: OnGitHub, log: Log): Promise<Prepared['artifacts']> {
  const fromTrigger = github.eventName === 'workflow_run';
  if (settings.artifacts.length === 0 && !fromTrigger) return { names: [], diagnostics: [] };
  const runId = settings.runId ?? (fromTrigger ? github.event.workflow_run?.id : github.runId);
  if (!runId) return { names: [], diagnostics: [{ file: 'artifacts', message: 'no workflow run to download artifacts from (set input run-id)' }] };
  const dir = await mkdtemp(path.join(github.temp, 'verdict-artifacts-'));
  try {
    const got = await downloadRunArtifacts(github.artifacts, {
      token: settings.token,
      ...github.repo,
      runId,
      patterns: settings.artifacts.length > 0 ? settings.artifacts : ['*'],
      into: dir,
      temp: github.temp,
      limits: zipLimits(settings),
    });
    log.info(escapeCommandData(`Downloaded ${got.names.length} artifact(s) of run ${runId}: ${got.names.join(', ') || 'none'}`));
    return { dir, names: got.names, diagnostics: got.diagnostics, findings: got.findings };
  } catch (error) {
    return { dir, names: [], diagnostics: [{ file: `artifacts of run ${runId}`, message: explain(error, 'Downloading artifacts') }] };
  }
}

async function pullRequestOfWorkflowRun(gh: GitHub | undefined, { github, log }: Place): Promise<number | undefined> {
  if (!gh || !github?.event.workflow_run) return undefined;
  try {
    return await pullRequestOfRun(gh, github.repo, github.event.workflow_run);
  } catch (error) {
    log.warning(explain(error, 'Finding the pull request of the triggering run'));
    return undefined;
  }
}

/** The report to compare with: the given file, else on a pull request the newest report of its base branch. */
async function findBaseline(settings: Settings, gh: GitHub | undefined, place: Place): Promise<Baseline> {
  const { github } = place;
  if (settings.baseline !== undefined) {
    const baseline = await baselineFromFile(place.path(settings.baseline));
    // The Action goes on without a baseline it cannot read; a file named on the command line must be there.
    if (!github && !baseline.report) throw new SettingError(SETTINGS.baseline.flag.name, baseline.info.reason ?? 'not read');
    return baseline;
  }
  if (!github) return { info: { found: false, reason: `no ${SETTINGS.baseline.flag.name} was given` } };
  const base = github.event.pull_request?.base?.ref ?? github.event.workflow_run?.pull_requests?.[0]?.base?.ref;
  if (!base) return { info: { found: false, reason: `a ${github.eventName ?? 'local'} run has no base branch to compare with` } };
  if (!gh) return { info: { found: false, reason: 'no github-token to look up the base branch report with' } };
  try {
    return await baselineFromArtifacts(gh, github.artifacts, settings.token, github.repo, settings.reportArtifact ?? reportArtifactName(settings.name), base, zipLimits(settings), github.temp);
  } catch (error) {
    return { info: { found: false, reason: explain(error, `Looking up the report of '${base}'`) } };
  }
}

/** Lines this change touches: the pull request's files, else `git diff` from diff-base (or the PR's base) when the checkout has history. */
async function findChanges(settings: Settings, gh: GitHub | undefined, { workspace, github, log }: Place, pullRequest: number | undefined): Promise<Changes | undefined> {
  if (gh && github && pullRequest) {
    try {
      return await changesFromPullRequest(gh, github.repo, pullRequest);
    } catch (error) {
      log.warning(explain(error, `Reading the files of pull request #${pullRequest}`));
    }
  }
  const base = settings.diffBase ?? github?.event.pull_request?.base?.sha;
  if (!base) return undefined;
  try {
    return await changesFromGit(workspace, base);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    if (!github) throw new InputError(`${SETTINGS.diffBase.flag.name} ${base}: git diff failed: ${reason}`);
    log.info(`No changed lines from git (${reason}): patch coverage is not measured`);
    return undefined;
  }
}
