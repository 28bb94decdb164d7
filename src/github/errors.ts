/*
 * What a failed call to GitHub means, said in terms of what the user can change. Apart from the
 * client, so that the command line, which never calls GitHub, does not carry Octokit.
 */

/** Said with every 403 on a write: the usual cause, and the way around it. */
export const FORK_HELP =
  'Pull requests from forks get a read-only GITHUB_TOKEN on pull_request. Give same-repository runs `permissions: { checks: write, pull-requests: write }`; for forks, run Verdict from a workflow_run workflow (README: "Pull requests from forks"). The verdict and the exit status are not affected.';

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { data?: { message?: string }; headers?: Record<string, string | undefined> };
}

/** A 403 or 429 that a rate limit caused, not a missing permission. */
export function rateLimited(error: unknown): boolean {
  const e = error as RequestErrorLike;
  const message = e.response?.data?.message ?? e.message ?? '';
  return (e.status === 403 || e.status === 429) && (e.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message));
}

/** A 403 that means the token may not do this. */
export function forbidden(error: unknown): boolean {
  return status(error) === 403 && !rateLimited(error);
}

/** Says in the log what went wrong with a call, in terms of what the user can change. */
export function explain(error: unknown, what: string): string {
  const e = error as RequestErrorLike;
  const detail = e.response?.data?.message ?? e.message ?? String(error);
  if (rateLimited(error)) return `${what} failed: GitHub's API rate limit for this token is spent (${e.status}: ${detail}). It was not waited out.`;
  switch (e.status) {
    case 401:
      return `${what} failed: the token was refused (401). Check the github-token input.`;
    case 403:
      return `${what} failed: the token may not do this (403: ${detail}).`;
    case 404:
      return `${what} failed: not found (404). The repository, pull request or run may not exist for this token, or the token lacks read access.`;
    case 422:
      return `${what} failed: GitHub rejected the request (422: ${detail}).`;
    default:
      return `${what} failed: ${e.status ? `${e.status} ` : ''}${detail}`;
  }
}

export function status(error: unknown): number | undefined {
  return (error as RequestErrorLike).status;
}
