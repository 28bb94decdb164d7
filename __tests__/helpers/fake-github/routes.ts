import type { Route } from './context.js';
import { actionsRoutes } from './handlers/actions.js';
import { checkRunRoutes } from './handlers/check-runs.js';
import { issueCommentRoutes } from './handlers/issue-comments.js';
import { pullRoutes } from './handlers/pulls.js';
import { userRoutes } from './handlers/users.js';
import type { FakeGitHubState } from './state.js';

/** Every operation the fake serves; anything else is GitHub's 404. */
export const ROUTES: readonly Route[] = [...issueCommentRoutes, ...pullRoutes, ...checkRunRoutes, ...actionsRoutes, ...userRoutes];

export interface Match {
  route: Route;
  /** Raw path parameters, percent-decoded. */
  params: Record<string, string>;
}

export interface ResolvedPath {
  /** The path in `/repos/{owner}/{repo}/…` form, whichever form the client used. */
  repoPath: string;
  /** The path in the `/repositories/{id}/…` form GitHub writes into Link headers. */
  canonicalPath: string;
  match: Match | undefined;
}

const compiled = ROUTES.map((route) => ({
  route,
  names: [...route.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''),
  pattern: new RegExp(`^${route.template.replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/**
 * GitHub answers for a repository under its name and under `/repositories/{id}` (the form of its Link
 * headers, so a client following them lands there), and treats an unknown repository like an unknown path.
 */
export function resolvePath(state: FakeGitHubState, method: string, pathname: string): ResolvedPath {
  const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname);
  const repoPath = byId && Number(byId[1]) === state.repository.id ? `/repos/${state.fullName}${byId[2] ?? ''}` : pathname;
  const byName = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(repoPath);
  const ours = byName !== null && `${byName[1]}/${byName[2]}`.toLowerCase() === state.fullName.toLowerCase();
  const canonicalPath = ours ? `/repositories/${state.repository.id}${byName[3] ?? ''}` : pathname;
  // Another repository is unknown; a path outside any repository (/user) is matched as it is.
  if (!ours && byName) return { repoPath, canonicalPath, match: undefined };
  for (const { route, names, pattern } of compiled) {
    const values = route.method === method ? pattern.exec(repoPath) : null;
    if (values) return { repoPath, canonicalPath, match: { route, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(values[i + 1] ?? '')])) } };
  }
  return { repoPath, canonicalPath, match: undefined };
}
