import type { Route, RouteContext } from '../context.js';
import { integer, json, notFound, paged, text } from '../context.js';
import { errorBody } from '../errors.js';
import type { Requirement } from '../permissions.js';
import type { Artifact, WorkflowRun } from '../state.js';

const READ: Requirement = { access: 'read', anyOf: ['actions'] };

/** `status` filters on the run's status or its conclusion, as GitHub's does. */
function matchesRun(run: WorkflowRun, context: RouteContext): boolean {
  const wanted = (name: string, actual: string | null) => {
    const value = text(context, name);
    return value === undefined || value === actual;
  };
  const status = text(context, 'status');
  return (
    wanted('branch', run.head_branch) &&
    wanted('event', run.event) &&
    wanted('head_sha', run.head_sha) &&
    wanted('actor', run.actor.login) &&
    (status === undefined || status === run.status || status === run.conclusion)
  );
}

function newestFirst<T extends { id: number }>(items: T[]): T[] {
  return items.sort((a, b) => b.id - a.id);
}

function artifactList(context: RouteContext, artifacts: Artifact[]) {
  return paged(context, artifacts, (page) => ({ total_count: artifacts.length, artifacts: page.map((artifact) => context.payloads.artifact(artifact)) }));
}

export const actionsRoutes: Route[] = [
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/actions/runs',
    resource: 'WorkflowRun',
    needs: READ,
    handle(context) {
      const runs = newestFirst(context.state.workflowRuns.filter((run) => matchesRun(run, context)));
      const withPullRequests = context.params.exclude_pull_requests !== true;
      return paged(context, runs, (page) => ({ total_count: runs.length, workflow_runs: page.map((run) => context.payloads.workflowRun(run, withPullRequests)) }));
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/actions/runs/{run_id}',
    resource: 'WorkflowRun',
    needs: READ,
    handle(context) {
      const run = context.state.workflowRun(integer(context, 'run_id'));
      return run ? json(200, context.payloads.workflowRun(run, context.params.exclude_pull_requests !== true)) : notFound(context);
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
    resource: 'Artifact',
    needs: READ,
    handle(context) {
      const run = context.state.workflowRun(integer(context, 'run_id'));
      if (!run) return notFound(context);
      const name = text(context, 'name');
      const artifacts = newestFirst(context.state.artifacts.filter((artifact) => artifact.workflow_run_id === run.id && (name === undefined || artifact.name === name)));
      return artifactList(context, text(context, 'direction') === 'asc' ? artifacts.reverse() : artifacts);
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/actions/artifacts',
    resource: 'Artifact',
    needs: READ,
    handle(context) {
      const name = text(context, 'name');
      return artifactList(context, newestFirst(context.state.artifacts.filter((artifact) => name === undefined || artifact.name === name)));
    },
  },
  {
    // GitHub never serves the archive itself: it redirects to a short-lived signed blob-storage URL.
    method: 'GET',
    template: '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
    resource: 'Artifact',
    needs: READ,
    handle(context) {
      const artifact = context.state.artifact(integer(context, 'artifact_id'));
      if (!artifact || text(context, 'archive_format') !== 'zip') return notFound(context);
      if (artifact.expired) return json(410, errorBody(410, 'Artifact has expired', context.documentationUrl));
      return json(302, undefined, { location: context.downloads.signedUrl(artifact) });
    },
  },
];
