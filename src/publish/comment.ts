import type { Report } from '../model/report.js';
import { slug } from '../render/format.js';
import { LIMITS } from '../render/budget.js';
import { fitComment } from '../render/comment.js';
import type { GitHub, Repo } from '../github/client.js';
import { status } from '../github/errors.js';
import type { Settings } from '../settings/table.js';
import type { Author, Commented } from './comment-author.js';
import { authorOf, tokenAuthor, wroteIt } from './comment-author.js';

export type CommentMode = Settings['comment'];

/** The hidden first line that finds this report's sticky comment again (one per report name). */
export function commentMarker(reportName: string): string {
  return `<!-- verdict-report:${slug(reportName)} -->`;
}

interface Sticky {
  id: number;
  html_url?: string;
}

/**
 * This report's comments by `author`, oldest first, through every page: a marker on page 3 of
 * 250 comments must be found, or a second sticky comment appears. Only a comment that starts with
 * the marker counts — a person quoting it does not — and only the token's own: a comment someone
 * else wrote with the marker is never overwritten.
 */
export async function findStickyComments(gh: GitHub, repo: Repo, issue: number, marker: string, author: Author): Promise<Sticky[]> {
  const found: Sticky[] = [];
  for await (const page of gh.paginate.iterator(gh.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 })) {
    found.push(...page.data.filter((c) => c.body?.startsWith(marker) && wroteIt(author, c as Commented)));
  }
  return found;
}

export interface Published {
  done: 'created' | 'updated' | 'skipped';
  url?: string;
  /** Older copies of this report's comment that were deleted. */
  removed?: number;
}

/**
 * The sticky comment: the newest of the token's own comments with the marker is updated; older
 * ones (left by two runs that commented at once) are deleted. A comment that vanished before the
 * update, or that the token may not edit, is replaced by a new one. After creating, the comments
 * are read again: a run that created its own meanwhile must not leave two, so the newest stays.
 * `appOfCheckRun` is the app that created this run's check run: the token's, when it is an app's.
 */
export async function publishComment(gh: GitHub, repo: Repo, issue: number, report: Report, mode: CommentMode, appOfCheckRun?: string): Promise<Published> {
  if (mode === 'never') return { done: 'skipped' };
  const marker = commentMarker(report.name);
  const author = await tokenAuthor(gh, appOfCheckRun);
  const existing = await findStickyComments(gh, repo, issue, marker, author);
  const newest = existing.at(-1);
  // on-failure: no new comment for a GO, but one that said NO-GO is brought up to date.
  if (mode === 'on-failure' && report.verdict === 'GO' && !newest) return { done: 'skipped' };
  const body = fitComment(report, LIMITS.comment, { marker });
  if (newest) {
    const updated = await gh.rest.issues.updateComment({ ...repo, comment_id: newest.id, body }).catch((error: unknown) => {
      // Deleted since the look-up, or not the token's to edit: a new comment carries the report.
      if (status(error) === 404 || status(error) === 403) return undefined;
      throw error;
    });
    if (updated) return { done: 'updated', url: updated.data.html_url, removed: await remove(gh, repo, existing.slice(0, -1)) };
  }
  const created = await gh.rest.issues.createComment({ ...repo, issue_number: issue, body });
  const again = await findStickyComments(gh, repo, issue, marker, authorOf(created.data as Commented, author));
  const kept = again.at(-1) ?? created.data;
  return { done: 'created', url: kept.html_url, removed: await remove(gh, repo, again.slice(0, -1)) };
}

/** Deletes what it can: another run may have deleted a copy first (404), or the token may not (403). */
async function remove(gh: GitHub, repo: Repo, comments: Sticky[]): Promise<number> {
  let removed = 0;
  for (const { id } of comments) {
    try {
      await gh.rest.issues.deleteComment({ ...repo, comment_id: id });
      removed++;
    } catch (error) {
      if (status(error) !== 404 && status(error) !== 403) throw error;
    }
  }
  return removed;
}
