import type { Report } from '../model/report.js';
import { renderAnnotations } from '../render/annotations.js';
import { CHECK_LADDER, fitMarkdown, LIMITS } from '../render/budget.js';
import { fitComment } from '../render/comment.js';
import { cannotRunMarkdown, cannotRunTitle } from '../render/cannot-run.js';
import { priorityCounts } from '../render/format.js';
import type { GitHub, Repo } from '../github/client.js';
import { explain, forbidden, FORK_HELP } from '../github/errors.js';

// The Checks API takes at most 50 annotations per request; the rest go in updates.
const ANNOTATIONS_PER_REQUEST = 50;

export function checkTitle(report: Report): string {
  const p = priorityCounts(report);
  return `${report.verdict} — P0 ${p.P0} · P1 ${p.P1} · P2 ${p.P2} · P3 ${p.P3}`;
}

/**
 * A completed check run named after the report (the same name on every matrix leg, so branch
 * protection can require it), with every annotation up to `maxAnnotations`, 50 per request.
 */
export async function publishCheckRun(
  gh: GitHub,
  repo: Repo,
  sha: string,
  report: Report,
  maxAnnotations: number,
  maxUncovered = 0,
): Promise<{ id: number; url?: string; app?: string; annotations: number; omitted: number }> {
  const { annotations, omitted } = renderAnnotations(report, maxAnnotations, maxUncovered);
  const note = omitted > 0 ? `\n> ${omitted} more annotation${omitted === 1 ? '' : 's'} not shown (max-annotations is ${maxAnnotations}); every blocker is listed above.\n` : '';
  // The summary is the comment's first screen; the text below it is the full report, every
  // blocker with its rule, id, sources and message: what the comment folds away is here.
  const summary = fitComment(report, LIMITS.checkSummary, { fullReportAt: 'the full report below and the job summary' });
  const text = fitMarkdown(report, LIMITS.checkSummary - note.length, { ladder: CHECK_LADDER, fullReportAt: 'the annotations, the job summary and the report JSON artifact' }).markdown + note;
  const title = checkTitle(report);
  const batches: (typeof annotations)[] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));

  const created = await createCompleted(gh, repo, {
    name: report.name,
    sha,
    conclusion: report.verdict === 'GO' ? 'success' : 'failure',
    detailsUrl: report.run.runUrl,
    output: { title, summary, text, annotations: batches[0] ?? [] },
  });
  for (const batch of batches.slice(1)) {
    await gh.rest.checks.update({ ...repo, check_run_id: created.id, output: { title, summary, text, annotations: batch } });
  }
  return { ...created, annotations: annotations.length, omitted };
}

/**
 * The check run of a run that made no report, completed at once: a check that branch protection
 * requires must not wait for a report that will not come. `neutral` where the step passes anyway.
 */
export async function publishCannotRunCheck(
  gh: GitHub,
  repo: Repo,
  check: { name: string; sha: string; conclusion: 'failure' | 'neutral'; detailsUrl?: string },
  reason: string,
): Promise<{ id: number; url?: string }> {
  return createCompleted(gh, repo, { ...check, output: { title: cannotRunTitle(reason), summary: cannotRunMarkdown(reason) } });
}

type Output = NonNullable<Parameters<GitHub['rest']['checks']['create']>[0]>['output'];

async function createCompleted(
  gh: GitHub,
  repo: Repo,
  check: { name: string; sha: string; conclusion: 'success' | 'failure' | 'neutral'; detailsUrl?: string; output: Output },
): Promise<{ id: number; url?: string; app?: string }> {
  const created = await gh.rest.checks.create({
    ...repo,
    name: check.name,
    head_sha: check.sha,
    status: 'completed',
    conclusion: check.conclusion,
    ...(check.detailsUrl ? { details_url: check.detailsUrl } : {}),
    output: check.output,
  });
  // The app that created it is the token's: what tells Verdict's comments from others'.
  return { id: created.data.id, url: created.data.html_url ?? undefined, app: created.data.app?.slug };
}

/** What the log says when the check run could not be written: a warning, never the step's failure. */
export function checkRunTrouble(error: unknown): string {
  return forbidden(error) ? `Verdict could not create the check run: the token lacks checks: write (403). ${FORK_HELP}` : explain(error, 'Creating the check run');
}
