/*
 * Unified diffs, as `git diff` prints them and as the pull request files API gives each file's
 * `patch`: which lines of the new version of a file were added or changed.
 */

/** Added lines of one file's hunks (`@@ -a,b +c,d @@` then ' ', '-', '+' lines). */
export function addedLines(patch: string): Set<number> {
  const added = new Set<number>();
  let line = 0;
  for (const text of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      line = Number(hunk[1]);
      continue;
    }
    if (line === 0) continue;
    if (text.startsWith('+')) added.add(line++);
    else if (text.startsWith(' ')) line++;
    // '-' lines and "\ No newline at end of file" do not exist in the new file.
  }
  return added;
}

/** Every file of a `git diff` with the lines it adds; deleted files are left out. */
export function parseUnifiedDiff(text: string): Map<string, Set<number>> {
  const files = new Map<string, Set<number>>();
  const parts = text.split(/^diff --git /m).slice(1);
  for (const part of parts) {
    const target = /^\+\+\+ (?:b\/)?(.+?)\t?$/m.exec(part);
    if (!target || target[1] === '/dev/null') continue;
    const lines = addedLines(part.slice(part.indexOf('\n@@') + 1));
    if (lines.size > 0) files.set(target[1]!, lines);
  }
  return files;
}
