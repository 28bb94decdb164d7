import { readFileSync } from 'node:fs';
import * as z from 'zod';
import type { RunInfo } from '../model/report.js';

/*
 * The parts of the runner's event payload Verdict uses, checked with zod: a payload of another
 * shape (or none, on a laptop) leaves them unset instead of breaking the run.
 */

const Ref = z.object({ sha: z.string().optional(), ref: z.string().optional(), repo: z.object({ full_name: z.string().optional() }).nullish() });

export const EventSchema = z.object({
  pull_request: z.object({ number: z.number().int().positive(), head: Ref.optional(), base: Ref.optional() }).optional(),
  merge_group: z.object({ head_sha: z.string().optional(), base_ref: z.string().optional() }).optional(),
  workflow_run: z
    .object({
      id: z.number().int().positive(),
      head_sha: z.string().optional(),
      head_branch: z.string().nullish(),
      event: z.string().optional(),
      head_repository: z.object({ full_name: z.string().optional() }).nullish(),
      pull_requests: z.array(z.object({ number: z.number().int().positive(), base: Ref.optional() })).optional(),
    })
    .optional(),
  repository: z.object({ default_branch: z.string().optional() }).optional(),
});
export type Event = z.infer<typeof EventSchema>;

export function readEvent(env: NodeJS.ProcessEnv): Event {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    const parsed = EventSchema.safeParse(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The pull request a run is about: the one found for a workflow_run, else the event's. */
export function pullRequestOf(event: Event, found?: number): number | undefined {
  return found ?? event.pull_request?.number ?? event.workflow_run?.pull_requests?.[0]?.number;
}

/** What run the report is about, from the runner's variables and the event. */
export function runInfo(env: NodeJS.ProcessEnv, event: Event, pullRequest?: number): RunInfo {
  const serverUrl = env.GITHUB_SERVER_URL || undefined;
  const repository = env.GITHUB_REPOSITORY || undefined;
  // On pull_request GITHUB_SHA is a test merge commit; links and annotations belong on the head.
  const sha = event.pull_request?.head?.sha ?? event.merge_group?.head_sha ?? event.workflow_run?.head_sha ?? env.GITHUB_SHA;
  const pr = pullRequestOf(event, pullRequest);
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
