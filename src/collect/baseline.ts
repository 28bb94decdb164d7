import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BaselineInfo, Report } from '../model/report.js';
import { ReportSchema } from '../model/report.js';
import type { Artifacts } from '../github/artifacts.js';
import { fetchArtifact } from './artifacts.js';
import type { ZipLimits } from './unzip.js';
import type { GitHub, Repo } from '../github/client.js';
import { pickBaselineArtifact } from './baseline-run.js';

export interface Baseline {
  report?: Report;
  info: BaselineInfo;
}

function describe(report: Report, source: string): Baseline {
  return {
    report,
    info: { found: true, source, sha: report.run.sha, generatedAt: report.generatedAt, coverage: report.coverage?.lines.percent ?? null },
  };
}

/** A Verdict report JSON from disk. A file that is not one is said plainly, never an error. */
export async function baselineFromFile(file: string): Promise<Baseline> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { info: { found: false, reason: `baseline ${file} could not be read: ${(error as Error).message}` } };
  }
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { info: { found: false, reason: `baseline ${file} is not a Verdict report (${issue.path.join('.') || 'top level'}: ${issue.message})` } };
  }
  return describe(parsed.data, file);
}

/**
 * The newest report artifact uploaded by a trusted run of the base branch (baseline-run.ts): the
 * baseline of a pull request. Reports are uploaded by every run (input upload-report).
 */
export async function baselineFromArtifacts(
  gh: GitHub,
  artifacts: Artifacts,
  token: string,
  repo: Repo,
  artifactName: string,
  branch: string,
  limits: ZipLimits,
  temp = tmpdir(),
): Promise<Baseline> {
  const pick = await pickBaselineArtifact(gh, repo, artifactName, branch);
  if (!pick.found) return { info: { found: false, reason: pick.reason } };
  const dir = path.join(await mkdtemp(path.join(temp, 'verdict-baseline-')), 'report');
  try {
    await fetchArtifact(artifacts, pick.artifactId, { token, workflowRunId: pick.runId, repositoryOwner: repo.owner, repositoryName: repo.repo }, dir, temp, limits);
  } catch (error) {
    return { info: { found: false, reason: `${pick.source} is unreadable: ${(error as Error).message}` } };
  }
  const json = (await readdir(dir)).find((f) => f.endsWith('.json'));
  if (!json) return { info: { found: false, reason: `${pick.source}: it holds no report JSON` } };
  const baseline = await baselineFromFile(path.join(dir, json));
  if (baseline.report) baseline.info.source = pick.source;
  return baseline;
}
