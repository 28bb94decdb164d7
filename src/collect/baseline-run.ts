import type { GitHub, Repo } from '../github/client.js';
import { compareText } from '../text/order.js';

/*
 * Which report artifact may stand for the base branch. An artifact's run says which branch it ran
 * on, but anyone can open a pull request from a fork's branch named `main`, and a workflow_run or
 * pull_request_target run on main reports on a pull request's code: their reports would make a
 * new failure look old. Only a run that people with write access start, on the repository's own
 * base branch, counts.
 *
 * The artifacts are listed by name, newest first (page by page), and each candidate's run is read
 * once: the listing names each artifact's branch and head repository, so other branches and forks
 * cost no call, and in the usual case the newest artifact on the branch is a push's — two calls
 * in all. Listing the branch's runs by event instead would take a call per event and one more per
 * run (most runs of main upload no report) before the first artifact was seen.
 */

/** Events only people who may push can start, that run the branch's own workflow on its own commit. */
const TRUSTED_EVENTS: ReadonlySet<string> = new Set(['push', 'schedule', 'workflow_dispatch', 'merge_group']);
/** 1,000 artifacts: older reports than that are stale as a baseline anyway. */
const MAX_PAGES = 10;
/** Runs read before giving up: each untrusted run on the branch (a workflow_run's report) costs one. */
const MAX_RUNS_READ = 20;
/** Passed-over runs named in the reason; the rest are counted. */
const NAMED = 5;

export type Pick = { found: true; artifactId: number; runId: number; source: string } | { found: false; reason: string };

type Listed = Awaited<ReturnType<GitHub['rest']['actions']['listArtifactsForRepo']>>['data']['artifacts'][number];

export async function pickBaselineArtifact(gh: GitHub, repo: Repo, artifactName: string, branch: string): Promise<Pick> {
  const fullName = `${repo.owner}/${repo.repo}`.toLowerCase();
  const passedOver: string[] = [];
  const said = () => (passedOver.length === 0 ? '' : `; passed over ${passedOver.length} newer: ${passedOver.slice(0, NAMED).join(', ')}${passedOver.length > NAMED ? `, and ${passedOver.length - NAMED} more` : ''}`);
  let pages = 0;
  let runsRead = 0;
  for await (const page of gh.paginate.iterator(gh.rest.actions.listArtifactsForRepo, { ...repo, name: artifactName, per_page: 100 })) {
    const candidates = page.data.filter((a: Listed) => !a.expired && a.workflow_run?.id && a.workflow_run.head_branch === branch).sort((a, b) => compareText(b.created_at ?? '', a.created_at ?? ''));
    for (const artifact of candidates) {
      const listed = artifact.workflow_run!;
      const runId = listed.id!;
      if (listed.head_repository_id !== undefined && listed.repository_id !== undefined && listed.head_repository_id !== listed.repository_id) {
        passedOver.push(`run ${runId} from a fork`);
        continue;
      }
      if (runsRead++ >= MAX_RUNS_READ) return { found: false, reason: `no report artifact '${artifactName}' from a trusted run on '${branch}' among the newest (${MAX_RUNS_READ} runs read)${said()}` };
      const { data: run } = await gh.rest.actions.getWorkflowRun({ ...repo, run_id: runId });
      const from = run.head_repository?.full_name ?? '';
      if (from.toLowerCase() !== fullName) passedOver.push(`run ${runId} from ${from || 'an unknown repository'}`);
      else if (!TRUSTED_EVENTS.has(run.event)) passedOver.push(`run ${runId} (${run.event})`);
      else if (run.head_branch !== branch) passedOver.push(`run ${runId} (on '${run.head_branch}')`);
      else return { found: true, artifactId: artifact.id, runId, source: `artifact '${artifactName}' of run ${runId} (${run.event} on '${branch}' of ${from})${said()}` };
    }
    if (++pages >= MAX_PAGES) break;
  }
  return {
    found: false,
    reason: `no report artifact '${artifactName}' from a push, schedule, workflow_dispatch or merge_group run on '${branch}' of ${repo.owner}/${repo.repo} yet (a push to '${branch}' with upload-report uploads one)${said()}`,
  };
}
