import type { GitHub } from '../github/client.js';
import { status } from '../github/errors.js';

/*
 * Whose comments are Verdict's: the token's own. A marker anyone can type proves nothing; the
 * author GitHub records does. The token's identity is learned with calls every token may make:
 * GET /user names a person's token (a PAT); an installation token (GITHUB_TOKEN, an app's) gets
 * 403 there and is an app's bot, `<slug>[bot]`. The slug is the one on the check run this run
 * created (GET /app would need the app's JWT), else github-actions, GITHUB_TOKEN's.
 */

/** A person's login, or the slug of the app whose bot writes. */
export type Author = { login: string } | { app: string };

export interface Commented {
  user?: { login: string; type?: string } | null;
  performed_via_github_app?: { slug?: string } | null;
}

export async function tokenAuthor(gh: GitHub, appOfCheckRun?: string): Promise<Author> {
  try {
    const { data } = await gh.rest.users.getAuthenticated();
    return { login: data.login };
  } catch (error) {
    if (![401, 403, 404].includes(status(error) ?? 0)) throw error;
    return { app: appOfCheckRun ?? 'github-actions' };
  }
}

/** The author of a comment just created: the surest identity there is. */
export function authorOf(comment: Commented, fallback: Author): Author {
  return comment.user?.login ? { login: comment.user.login } : fallback;
}

export function wroteIt(author: Author, comment: Commented): boolean {
  if ('login' in author) return comment.user?.login === author.login;
  // A bot's login cannot be taken by a person: logins never hold brackets.
  return comment.user?.type === 'Bot' && (comment.user.login === `${author.app}[bot]` || comment.performed_via_github_app?.slug === author.app);
}

export function describeAuthor(author: Author): string {
  return 'login' in author ? author.login : `${author.app}[bot]`;
}
