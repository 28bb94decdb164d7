import type { Report } from '../model/report.js';
import { slug } from '../render/format.js';
import { fitMarkdown, LIMITS } from '../render/budget.js';
import type { GitHub, Repo } from '../github/client.js';
import type { Settings } from '../settings/table.js';

export type CommentMode = Settings['comment'];

/** The hidden first line that finds this report's sticky comment again (one per report name). */
export function commentMarker(reportName: string): string {
  return `<!-- verdict-report:${slug(reportName)} -->`;
}

/**
 * Looks through every page of the issue's comments: a marker on page 3 of 250 comments must be
 * found, or a second sticky comment appears. Only a comment that starts with the marker counts —
 * a person quoting it does not.
 */
export async function findStickyComment(gh: GitHub, repo: Repo, issue: number, marker: string): Promise<{ id: number } | undefined> {
  for await (const page of gh.paginate.iterator(gh.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 })) {
    const found = page.data.find((c) => c.body?.startsWith(marker));
    if (found) return { id: found.id };
  }
  return undefined;
}

export async function publishComment(
  gh: GitHub,
  repo: Repo,
  issue: number,
  report: Report,
  mode: CommentMode,
): Promise<{ done: 'created' | 'updated' | 'skipped'; url?: string }> {
  if (mode === 'never') return { done: 'skipped' };
  const marker = commentMarker(report.name);
  const existing = await findStickyComment(gh, repo, issue, marker);
  // on-failure: no new comment for a GO, but one that said NO-GO is brought up to date.
  if (mode === 'on-failure' && report.verdict === 'GO' && !existing) return { done: 'skipped' };
  const body = fitMarkdown(report, LIMITS.comment, { marker }).markdown;
  if (existing) {
    const updated = await gh.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
    return { done: 'updated', url: updated.data.html_url };
  }
  const created = await gh.rest.issues.createComment({ ...repo, issue_number: issue, body });
  return { done: 'created', url: created.data.html_url };
}
