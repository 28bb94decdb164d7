import type { Event } from './event.js';
import type { Repo } from '../github/client.js';
import type { GitHub } from '../github/client.js';

/**
 * The pull request a workflow_run is about. GitHub leaves `pull_requests` empty when the PR
 * comes from a fork, so the open PRs are searched for the run's head commit (or branch and fork).
 */
export async function pullRequestOfRun(gh: GitHub, repo: Repo, run: NonNullable<Event['workflow_run']>): Promise<number | undefined> {
  if (run.pull_requests?.[0]) return run.pull_requests[0].number;
  for await (const page of gh.paginate.iterator(gh.rest.pulls.list, { ...repo, state: 'open', per_page: 100 })) {
    const match =
      page.data.find((p) => p.head.sha === run.head_sha) ??
      page.data.find((p) => p.head.ref === run.head_branch && p.head.repo?.full_name === run.head_repository?.full_name);
    if (match) return match.number;
  }
  return undefined;
}
