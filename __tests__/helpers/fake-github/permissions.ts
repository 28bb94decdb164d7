/**
 * The GITHUB_TOKEN permission model: one access level per scope, as a workflow's `permissions:` block grants it.
 * GitHub answers a write the token may not make with 403, never 404, so the action must tell the two apart.
 */
export type Access = 'none' | 'read' | 'write';
export type Scope = 'actions' | 'checks' | 'contents' | 'issues' | 'pull-requests';
export type Permissions = Record<Scope, Access>;

/** What a route needs: the access level on at least one of the scopes (PR comments accept issues or pull-requests). */
export interface Requirement {
  access: Exclude<Access, 'none'>;
  anyOf: readonly Scope[];
}

export const WRITE_ALL: Readonly<Permissions> = { actions: 'write', checks: 'write', contents: 'write', issues: 'write', 'pull-requests': 'write' };

/** What a pull request from a fork gets, whatever the workflow asks for. */
export const READ_ONLY: Readonly<Permissions> = { actions: 'read', checks: 'read', contents: 'read', issues: 'read', 'pull-requests': 'read' };

export type PermissionsOption = 'write-all' | 'read-only' | Partial<Permissions>;

export function resolvePermissions(option: PermissionsOption = 'write-all'): Permissions {
  if (option === 'write-all') return { ...WRITE_ALL };
  if (option === 'read-only') return { ...READ_ONLY };
  return { ...WRITE_ALL, ...option };
}

const RANK: Record<Access, number> = { none: 0, read: 1, write: 2 };

export function allows(granted: Permissions, needed: Requirement): boolean {
  return needed.anyOf.some((scope) => RANK[granted[scope]] >= RANK[needed.access]);
}
