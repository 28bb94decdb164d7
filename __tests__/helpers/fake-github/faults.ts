import { STATUS_CODES } from 'node:http';
import { errorBody, rateLimitExceeded } from './errors.js';
import type { FakeGitHubState } from './state.js';

/**
 * Failures GitHub produces that no request of the action causes: outages, rate limits, and other
 * clients at work at the same moment. A fault with a status answers in place of the route and leaves
 * the state untouched; one with only `meanwhile` changes the state, then the route answers. A fault stops
 * matching after `times` requests.
 */

export interface FaultMatch {
  method?: string;
  /** A string is the exact path in `/repos/{owner}/{repo}/…` form (also when the client used `/repositories/{id}/…`); a RegExp is tested against it. */
  path?: string | RegExp;
  /** GitHub's operation id, e.g. `checks/update`: matches however the client spelled the path. */
  operationId?: string;
}

export interface Fault extends FaultMatch {
  /** The answer in place of the route's; without it the route answers, after `meanwhile`. */
  status?: number;
  /** What another client does just before this request is served: another run creates or deletes a comment. */
  meanwhile?(state: FakeGitHubState): void;
  /** How many matching requests get this answer (default 1; Infinity for an outage that lasts). */
  times?: number;
  headers?: Record<string, string>;
  /** JSON body; defaults to GitHub's error shape with the status text. */
  body?: unknown;
}

export interface MatchedRequest {
  method: string;
  path: string;
  operationId: string | undefined;
}

interface Pending {
  fault: Fault;
  left: number;
}

export class FaultQueue {
  private readonly pending: Pending[] = [];

  add(faults: readonly Fault[]): void {
    for (const fault of faults) this.pending.push({ fault, left: fault.times ?? 1 });
  }

  /** The first fault still armed for this request, used up by one. */
  take(request: MatchedRequest): Fault | undefined {
    const entry = this.pending.find(({ fault, left }) => left > 0 && matches(fault, request));
    if (!entry) return undefined;
    entry.left--;
    return entry.fault;
  }

  /** How many answers the faults still have to give, to assert a client made all the attempts expected. */
  remaining(): number {
    return this.pending.reduce((sum, { left }) => sum + left, 0);
  }
}

function matches(fault: FaultMatch, request: MatchedRequest): boolean {
  if (fault.method && fault.method.toUpperCase() !== request.method) return false;
  if (fault.operationId && fault.operationId !== request.operationId) return false;
  if (typeof fault.path === 'string') return fault.path === request.path;
  return !fault.path || fault.path.test(request.path);
}

export function faultBody(fault: Fault & { status: number }): unknown {
  return fault.body ?? errorBody(fault.status, STATUS_CODES[fault.status] ?? 'Error');
}

/** Another client acts just before the matching request is served (a race the test lines up on purpose). */
export function meanwhile(match: FaultMatch & { times?: number }, effect: (state: FakeGitHubState) => void): Fault {
  return { ...match, meanwhile: effect };
}

/** A gateway error, like the 502s GitHub's front end returns under load. */
export function serverError(match: FaultMatch & { status?: number; times?: number } = {}): Fault {
  return { status: 502, body: { message: 'Server Error' }, ...match };
}

/**
 * A secondary (abuse) rate limit: 403, retry-after, and the message octokit's throttling plugin recognises
 * it by (it looks for "secondary rate" in the message).
 */
export function secondaryRateLimit(match: FaultMatch & { retryAfter?: number; times?: number } = {}): Fault {
  const { retryAfter = 1, ...rest } = match;
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfter) },
    body: errorBody(
      403,
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    ),
    ...rest,
  };
}

/**
 * The primary (hourly) rate limit: x-ratelimit-remaining 0 and a reset `resetIn` seconds from now, in real
 * time because clients compute their wait from their own clock.
 */
export function primaryRateLimit(match: FaultMatch & { resetIn?: number; status?: 403 | 429; times?: number } = {}): Fault {
  const { resetIn = 1, status = 403, ...rest } = match;
  return {
    status,
    headers: {
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '1000',
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetIn),
      'x-ratelimit-resource': 'core',
    },
    body: rateLimitExceeded(status),
    ...rest,
  };
}
