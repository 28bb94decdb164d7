import type { operations } from '@octokit/openapi-types';
import type { ArtifactDownloads } from './downloads.js';
import type { ErrorBody } from './errors.js';
import { errorBody } from './errors.js';
import type { OperationKey } from './openapi.js';
import { DEFAULT_PER_PAGE, paginate } from './pagination.js';
import type { Payloads } from './payloads.js';
import type { Requirement } from './permissions.js';
import type { FakeGitHubState } from './state.js';

/** What a route handler gets: the state, and a request already checked against the operation's contract. */
export interface RouteContext {
  state: FakeGitHubState;
  payloads: Payloads;
  downloads: ArtifactDownloads;
  documentationUrl: string;
  /** Path and query parameters, coerced to their schema types with defaults filled in. */
  params: Readonly<Record<string, unknown>>;
  /** The JSON body, valid against the operation's request body schema. */
  body: unknown;
  /** The request URL in the `/repositories/{id}/…` form GitHub writes into Link headers. */
  pageUrl: URL;
}

export interface Reply {
  status: number;
  /** Serialised as JSON, except a Buffer, sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route extends OperationKey {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The resource named in the `errors` of a 422, e.g. CheckRun. */
  resource: string;
  /** The token's permission it takes; none for a route outside a repository (e.g. /user). */
  needs?: Requirement;
  handle(context: RouteContext): Reply;
}

/** The JSON body of an operation, as @octokit/openapi-types describes it. */
export type RequestBody<Id extends keyof operations> = operations[Id] extends { requestBody: { content: { 'application/json': infer Body } } } ? Body : never;

/** A parameter the contract declares as integer (path ids, page numbers): already coerced, so it is a number. */
export function integer(context: RouteContext, name: string): number {
  return Number(context.params[name]);
}

export function text(context: RouteContext, name: string): string | undefined {
  const value = context.params[name];
  return value === undefined ? undefined : String(value);
}

export function json(status: number, body?: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function notFound(context: RouteContext): Reply {
  return json(404, errorBody(404, 'Not Found', context.documentationUrl));
}

export function unprocessable(body: ErrorBody): Reply {
  return json(422, body);
}

/** One page of `items` with GitHub's Link header; `wrap` builds the envelope of endpoints that have one. */
export function paged<T>(context: RouteContext, items: readonly T[], wrap: (page: T[]) => unknown = (page) => page): Reply {
  const page = paginate(items, { perPage: integer(context, 'per_page') || DEFAULT_PER_PAGE, page: integer(context, 'page') || 1, url: context.pageUrl });
  return json(200, wrap(page.items), page.link ? { link: page.link } : undefined);
}
