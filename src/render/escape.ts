import { stripAnsi } from '../classify/fingerprint.js';

/*
 * Everything shown in a comment comes from test output, which on a pull request is written by
 * whoever opened it. These helpers keep such text inside its cell, line, or code block, and keep
 * it from pinging people or linking issues.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
const ZWSP = '\u200b';

/** ANSI colours and control characters out, newlines normalized. */
export function plain(text: string): string {
  return stripAnsi(text).replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

function neutralize(text: string): string {
  return (
    text
      // @user and @org/team would notify; a zero-width space after @ keeps the text, drops the ping.
      .replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, `$1@${ZWSP}`)
      // #123 and GH-123 would link an unrelated issue.
      .replace(/(^|[^\w&])#(?=\d)/g, `$1#${ZWSP}`)
      .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
  );
}

/** Text for a markdown line or table cell: one line, no markup, no HTML, no mentions. */
export function inline(text: string, max = 300): string {
  let t = plain(text).replace(/\s+/g, ' ').trim();
  t = shorten(t, max);
  return neutralize(
    t
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\|/g, '&#124;')
      .replace(/([\\`*_[\]~])/g, '\\$1'),
  );
}

/**
 * Inline code: fenced with more backticks than any run inside. Used for paths and test names.
 * In a table cell a `|` would end the cell even inside code; GFM reads `\|` there as a plain bar.
 */
export function code(text: string, max = 200, inTable = false): string {
  let t = shorten(plain(text).replace(/\s+/g, ' ').trim(), max);
  if (inTable) t = t.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** A fenced code block that no text inside can close early. */
export function codeBlock(text: string, maxLines = 40, language = ''): string {
  const lines = plain(text).replace(/\n+$/, '').split('\n');
  const shown = lines.length > maxLines ? [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more lines cut`] : lines;
  const body = shown.join('\n');
  const longest = Math.max(0, ...[...body.matchAll(/`{3,}|~{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/** Shortens with the cut stated, so a reader knows there is more. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
