import type { Report } from '../model.js';
import { renderAnnotations } from '../render/annotations.js';
import { fitMarkdown, LIMITS } from '../render/budget.js';
import { priorityCounts } from '../render/format.js';
import type { Repo } from './comment.js';
import type { GitHub } from './github.js';

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
): Promise<{ id: number; url?: string; annotations: number; omitted: number }> {
  const { annotations, omitted } = renderAnnotations(report, maxAnnotations, maxUncovered);
  const note = omitted > 0 ? `\n> ${omitted} more annotation${omitted === 1 ? '' : 's'} not shown (max-annotations is ${maxAnnotations}); every blocker is listed above.\n` : '';
  const summary = fitMarkdown(report, LIMITS.checkSummary - note.length).markdown + note;
  const title = checkTitle(report);
  const batches: (typeof annotations)[] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));

  const created = await gh.rest.checks.create({
    ...repo,
    name: report.name,
    head_sha: sha,
    status: 'completed',
    conclusion: report.verdict === 'GO' ? 'success' : 'failure',
    ...(report.run.runUrl ? { details_url: report.run.runUrl } : {}),
    output: { title, summary, annotations: batches[0] ?? [] },
  });
  for (const batch of batches.slice(1)) {
    await gh.rest.checks.update({ ...repo, check_run_id: created.data.id, output: { title, summary, annotations: batch } });
  }
  return { id: created.data.id, url: created.data.html_url ?? undefined, annotations: annotations.length, omitted };
}
