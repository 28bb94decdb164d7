import { inline, plain, shorten } from './escape.js';

/*
 * A run that ends without a report says why in the job summary and in its check run, which
 * branch protection may be waiting for.
 */

// Every message Verdict writes fits; an unexpected error's message may be of any length.
const MAX_REASON = 2000;
const MAX_TITLE = 200;

/** One line, plain text: GitHub shows the title next to the check's name. */
export function cannotRunTitle(reason: string): string {
  return shorten(`Could not run: ${plain(reason).split('\n')[0]}`, MAX_TITLE);
}

export function cannotRunMarkdown(reason: string): string {
  return `## ⚠️ Verdict could not run\n\n${inline(reason, MAX_REASON)}\n`;
}
