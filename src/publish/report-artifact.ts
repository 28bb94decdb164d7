import path from 'node:path';
import type { Artifacts } from '../github/artifacts.js';
import type { Report } from '../model/report.js';
import { slug } from '../render/format.js';

export function reportArtifactName(reportName: string): string {
  return `${slug(reportName)}-report`;
}

/**
 * Uploads the report JSON as a workflow artifact: the full report stays with the run whatever
 * the comment had to leave out, and reports of the default branch are the baselines of later PRs.
 * Returns the artifact name, or undefined outside the runner (no artifact service to talk to).
 */
export async function uploadReportArtifact(artifacts: Artifacts, report: Report, reportPath: string, override: string | undefined, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) return undefined;
  const name = override ?? reportArtifactName(report.name);
  await artifacts.uploadArtifact(name, [reportPath], path.dirname(reportPath), { retentionDays: 90 });
  return name;
}
