import { readFileSync } from 'node:fs';
import type { RunInfo } from './model.js';

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string } };
  merge_group?: { head_sha?: string };
  workflow_run?: { head_sha?: string; pull_requests?: { number?: number }[] };
}

/** What run the report is about, from the variables and event file the runner provides. */
export function runInfoFromEnv(env: NodeJS.ProcessEnv): RunInfo {
  let event: EventPayload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as EventPayload;
    } catch {
      // No readable event file (e.g. a local run): the report simply says less about the run.
    }
  }
  const serverUrl = env.GITHUB_SERVER_URL || undefined;
  const repository = env.GITHUB_REPOSITORY || undefined;
  // On pull_request GITHUB_SHA is the test merge commit; links and annotations belong on the head.
  const sha = event.pull_request?.head?.sha ?? event.merge_group?.head_sha ?? event.workflow_run?.head_sha ?? env.GITHUB_SHA;
  const pr = event.pull_request?.number ?? event.workflow_run?.pull_requests?.[0]?.number;
  return {
    repository,
    sha: sha || undefined,
    ref: env.GITHUB_REF || undefined,
    event: env.GITHUB_EVENT_NAME || undefined,
    ...(pr ? { pullRequest: pr } : {}),
    serverUrl,
    runUrl: serverUrl && repository && env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
  };
}
