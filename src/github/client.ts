import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHub = ReturnType<typeof getOctokit>;

/** The repository a run belongs to, as the REST API's paths name it. */
export interface Repo {
  owner: string;
  repo: string;
}

const MAX_RATE_LIMIT_RETRIES = 3;

/**
 * An Octokit for the API at `baseUrl` (the runner's GITHUB_API_URL: github.com or Enterprise
 * Server), retrying 5xx with backoff and waiting out rate limits as their headers say, with a
 * `warning` in the log each time. Writes are spaced a second apart, as GitHub asks; `throttle`
 * gives more of plugin-throttling's options (a test's fake GitHub needs no spacing).
 */
export function github(token: string, { baseUrl, warning, throttle }: { baseUrl?: string; warning(message: string): void; throttle?: object }): GitHub {
  return getOctokit(
    token,
    {
      // Left out when not given: @actions/github's default (api.github.com) stands only when the key is absent.
      ...(baseUrl ? { baseUrl } : {}),
      throttle: {
        onRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          warning(`GitHub API rate limit hit on ${options.method} ${options.url}; ${retryCount < MAX_RATE_LIMIT_RETRIES ? `retrying in ${retryAfter}s` : 'giving up'}`);
          return retryCount < MAX_RATE_LIMIT_RETRIES;
        },
        onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          warning(`GitHub API secondary rate limit hit on ${options.method} ${options.url}; ${retryCount < MAX_RATE_LIMIT_RETRIES ? `retrying in ${retryAfter}s` : 'giving up'}`);
          return retryCount < MAX_RATE_LIMIT_RETRIES;
        },
        ...throttle,
      },
    },
    retry,
    throttling,
  );
}
