import type { Route, RouteContext } from '../context.js';
import { integer, json, notFound, paged, text } from '../context.js';
import type { Requirement } from '../permissions.js';
import type { PullRequest } from '../state.js';

const READ: Requirement = { access: 'read', anyOf: ['pull-requests'] };

/** `head` is `owner:branch`, or just `owner` for all of that owner's branches. */
function matchesHead(pull: PullRequest, head: string): boolean {
  const [owner = '', ref] = head.split(':');
  const headOwner = pull.head.repo.split('/')[0] ?? '';
  return headOwner.toLowerCase() === owner.toLowerCase() && (ref === undefined || pull.head.ref === ref);
}

/** Newest first by default, as GitHub does for the created sort (other sorts default to ascending). */
function sortPulls(pulls: PullRequest[], context: RouteContext): PullRequest[] {
  const sort = text(context, 'sort') ?? 'created';
  const sign = (text(context, 'direction') ?? (sort === 'created' ? 'desc' : 'asc')) === 'asc' ? 1 : -1;
  const time = (pull: PullRequest) => Date.parse(sort === 'updated' ? pull.updated_at : pull.created_at);
  return pulls.sort((a, b) => sign * (time(a) - time(b) || a.number - b.number));
}

export const pullRoutes: Route[] = [
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls',
    resource: 'PullRequest',
    needs: READ,
    handle(context) {
      const state = text(context, 'state');
      const head = text(context, 'head');
      const base = text(context, 'base');
      const pulls = context.state.pullRequests.filter(
        (pull) => (state === 'all' || pull.state === state) && (head === undefined || matchesHead(pull, head)) && (base === undefined || pull.base.ref === base),
      );
      return paged(context, sortPulls(pulls, context), (page) => page.map((pull) => context.payloads.pullRequestSimple(pull)));
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}',
    resource: 'PullRequest',
    needs: READ,
    handle(context) {
      const pull = context.state.pullRequest(integer(context, 'pull_number'));
      return pull ? json(200, context.payloads.pullRequest(pull)) : notFound(context);
    },
  },
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}/files',
    resource: 'PullRequest',
    needs: READ,
    handle(context) {
      const pull = context.state.pullRequest(integer(context, 'pull_number'));
      if (!pull) return notFound(context);
      return paged(context, context.state.pullRequestFiles.get(pull.number) ?? [], (page) => page.map((file) => context.payloads.pullRequestFile(pull, file)));
    },
  },
  {
    // The fake keeps no commit graph: a commit belongs to the pull requests it is the head or merge commit of.
    method: 'GET',
    template: '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
    resource: 'PullRequest',
    needs: READ,
    handle(context) {
      const sha = text(context, 'commit_sha');
      const pulls = context.state.pullRequests.filter((pull) => pull.head.sha === sha || pull.merge_commit_sha === sha);
      return paged(context, pulls, (page) => page.map((pull) => context.payloads.pullRequestSimple(pull)));
    },
  },
];
