import * as core from '@actions/core';

/** Where a later step finds what this run published on GitHub. */
export interface Links {
  comment?: string;
  checkRun?: string;
}

/** '' for what was not published, so a later step can test the output without knowing why. */
export function linkOutputs(links: Links): Record<string, string> {
  return { 'comment-url': links.comment ?? '', 'check-run-url': links.checkRun ?? '' };
}

export function publishOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}
