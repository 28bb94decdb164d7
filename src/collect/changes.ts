import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Changes } from '../model/changes.js';
import { addedLines, parseUnifiedDiff } from './diff.js';
import type { Repo } from '../github/client.js';
import type { GitHub } from '../github/client.js';

/** Lines changed since `base`, from the checkout's own history (`git diff base...HEAD`). */
export async function changesFromGit(workspace: string, base: string): Promise<Changes> {
  const { stdout } = await promisify(execFile)('git', ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-renames', `${base}...HEAD`], {
    cwd: workspace,
    maxBuffer: 512 * 1024 * 1024,
  });
  return { files: parseUnifiedDiff(stdout), source: `git diff ${base}...HEAD` };
}

/** Lines changed by a pull request, from the API's files of the PR (every page). */
export async function changesFromPullRequest(gh: GitHub, repo: Repo, pr: number): Promise<Changes> {
  const files = new Map<string, Set<number>>();
  for await (const page of gh.paginate.iterator(gh.rest.pulls.listFiles, { ...repo, pull_number: pr, per_page: 100 })) {
    for (const f of page.data) {
      if (f.status === 'removed' || !f.patch) continue;
      const lines = addedLines(f.patch);
      if (lines.size > 0) files.set(f.filename, lines);
    }
  }
  return { files, source: `files of pull request #${pr}` };
}
