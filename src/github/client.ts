import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHub = ReturnType<typeof getOctokit>;

/** The repository a run belongs to, as the REST API's paths name it. */
export interface Repo {
  owner: string;
  repo: string;
}

/**
 * The longest a rate limit is waited out, in seconds. A primary limit resets on the hour: a step
 * that slept until then would hold its runner and the required check for up to an hour. Past this
 * the call fails, Verdict warns, and what does not depend on the API (summary, outputs, report
 * file, exit status) is there regardless.
 */
const MAX_WAIT_SECONDS = 5;

interface Limited {
  method: string;
  url: string;
}

/** Waits once, and only briefly; says in the log why a call gives up. */
function onLimit(kind: string, warning: (message: string) => void) {
  return (retryAfter: number, options: Limited, _octokit: unknown, retryCount: number): boolean => {
    const wait = retryCount === 0 && retryAfter <= MAX_WAIT_SECONDS;
    const when = kind === 'rate limit' ? `it resets in about ${Math.max(1, Math.round(retryAfter / 60))} min` : `it asks for ${retryAfter}s`;
    warning(`GitHub API ${kind} hit on ${options.method} ${options.url}; ${wait ? `retrying in ${retryAfter}s` : `${when}: not waiting, this call is given up`}`);
    return wait;
  };
}

/**
 * An Octokit for the API at `baseUrl` (the runner's GITHUB_API_URL: github.com or Enterprise
 * Server), retrying 5xx with backoff and a rate limit once when it clears within a few seconds,
 * with a `warning` in the log each time. Writes are spaced a second apart, as GitHub asks;
 * `throttle` gives more of plugin-throttling's options (a test's fake GitHub needs no spacing).
 */
export function github(token: string, { baseUrl, warning, throttle }: { baseUrl?: string; warning(message: string): void; throttle?: object }): GitHub {
  return getOctokit(
    token,
    {
      // Left out when not given: @actions/github's default (api.github.com) stands only when the key is absent.
      ...(baseUrl ? { baseUrl } : {}),
      // 429 is a rate limit: plugin-throttling decides on it, plugin-retry must not retry it again.
      retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: {
        onRateLimit: onLimit('rate limit', warning),
        onSecondaryRateLimit: onLimit('secondary rate limit', warning),
        ...throttle,
      },
    },
    retry,
    throttling,
  );
}
