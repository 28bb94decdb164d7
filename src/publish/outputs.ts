/** Where a later step finds what this run published on GitHub. */
export interface Links {
  comment?: string;
  checkRun?: string;
}

/** '' for what was not published, so a later step can test the output without knowing why. */
export function linkOutputs(links: Links): Record<string, string> {
  return { 'comment-url': links.comment ?? '', 'check-run-url': links.checkRun ?? '' };
}

/** `setOutput` is @actions/core's: it writes to the runner's GITHUB_OUTPUT. */
export function publishOutputs(outputs: Record<string, string>, setOutput: (name: string, value: string) => void): void {
  for (const [name, value] of Object.entries(outputs)) setOutput(name, value);
}
