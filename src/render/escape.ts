import { stripAnsi } from '../text/ansi.js';

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

/** Runs on the text as written, before escaping: GitHub finds mentions and references in the text a reader sees. */
function neutralize(text: string): string {
  return (
    text
      // @user and @org/team would notify; a zero-width space after @ keeps the text, drops the ping.
      // After a non-word character only, as GitHub reads them: a@b.co is no mention.
      .replace(/(^|\W)@(?=[A-Za-z0-9])/g, `$1@${ZWSP}`)
      // #123, owner/repo#123 and GH-123 would link an unrelated issue; x#123 would not. The '#' is
      // found first and what precedes it checked after: `[\w.-]+\/` tried from every letter of a
      // long word was quadratic (issue 20).
      .replace(/#(?<=(?:^|\W|[\w.-]\/[\w.-]*)#)(?=\d)/g, `#${ZWSP}`)
      .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
  );
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Text for a markdown line or table cell: one line, no markup, no HTML, no mentions. What needs
 * no escape is left as written: the runner masks secrets in the job summary only where they
 * appear verbatim, and a token such as ghp_abc_def must not turn into ghp\_abc\_def.
 */
export function inline(text: string, max = 300): string {
  return (
    neutralize(shorten(plain(text).replace(/\s+/g, ' ').trim(), max))
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\|/g, '&#124;')
      // `$` starts GitHub's math, which can restyle and enlarge text.
      .replace(/([\\`*[\]~$])/g, '\\$1')
      // An underscore between letters or digits never starts or ends emphasis.
      .replace(/_+/g, (run: string, at: number, all: string) => (WORD.test(all[at - 1] ?? '') && WORD.test(all[at + run.length] ?? '') ? run : run.replace(/_/g, '\\_')))
  );
}

/**
 * Inline code: fenced with more backticks than any run inside. Used for paths and test names.
 * In a table cell a `|` would end the cell even inside code; GFM reads `\|` there as a plain bar.
 * A backslash right before it would pair with that backslash instead, and let the bar through:
 * a zero-width space keeps them apart.
 */
export function code(text: string, max = 200, inTable = false): string {
  let t = shorten(plain(text).replace(/\s+/g, ' ').trim(), max);
  if (inTable) t = t.replace(/\\?\|/g, (bar) => (bar.length === 2 ? `\\${ZWSP}\\|` : '\\|'));
  // An empty span would be a bare run of backticks, free to pair with a later one.
  if (t === '') return '` `';
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

// A stack trace line is rarely over a few hundred characters; one of megabytes is an attack or an accident.
const MAX_LINE = 1000;

/** A fenced code block that no text inside can close early; very long lines are cut, with the cut stated. */
export function codeBlock(text: string, maxLines = 40, language = ''): string {
  const lines = plain(text).replace(/\n+$/, '').split('\n');
  const shown = lines.length > maxLines ? [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more lines cut`] : lines;
  const body = shown.map((line) => shorten(line, MAX_LINE)).join('\n');
  const longest = Math.max(0, ...[...body.matchAll(/`{3,}|~{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/** Shortens with the cut stated, so a reader knows there is more; never between the halves of a surrogate pair. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  const rest = text.slice(cut);
  const pairs = rest.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  return `${text.slice(0, cut)}… (${rest.length - pairs} more characters)`;
}
