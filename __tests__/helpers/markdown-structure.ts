/*
 * Reads rendered markdown the way GitHub's renderer (cmark-gfm) would, closely enough to tell
 * whether untrusted text changed its structure: fenced blocks, code spans, table rows and cells,
 * <details> elements, and what is left live outside code (HTML tags, mentions, issue links).
 * Where it simplifies, it errs towards seeing a problem, never towards missing one.
 */

export interface Structure {
  /** Fenced code blocks, in order, with their inner lines. */
  fences: { open: string; lines: string[] }[];
  /** A fence still open at the end of the text. */
  unclosedFence: boolean;
  /** Each table: the header's cell count, then each row's. */
  tables: { header: number; rows: number[] }[];
  /** `<details>` opened minus closed, outside code; and whether it ever went below zero. */
  detailsBalance: number;
  detailsUnderflow: boolean;
  /** Text outside fenced blocks, code spans and link destinations, one entry per line. */
  live: string[];
}

const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;
// cmark-gfm's escaped_char: a backslash before ASCII punctuation is one unit, in table rows too.
const PUNCT = /[!-/:-@[-`{-~]/;

/**
 * A line as text: code spans and the destinations of Verdict's links (`](url)`, the URL ours and
 * percent-encoded) left out. An escaped `\]` is text, so what follows it is kept.
 */
function liveText(line: string): string {
  // A link's title (`](url "title")`) stays: it is text a reader sees on hover.
  return withoutCodeSpans(line).replace(/(?<!\\)\]\([^\s)]*(?=[\s)])/g, '](');
}

/** A line with code spans removed (CommonMark: a backtick run up to the next run of the same length). */
export function withoutCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length && PUNCT.test(line[i + 1]!)) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      out += c;
      i++;
      continue;
    }
    let run = 1;
    while (line[i + run] === '`') run++;
    let close = -1;
    for (let j = i + run; j < line.length; ) {
      if (line[j] !== '`') {
        j++;
        continue;
      }
      let r = 1;
      while (line[j + r] === '`') r++;
      if (r === run) {
        close = j;
        break;
      }
      j += r;
    }
    if (close < 0) {
      out += line.slice(i, i + run);
      i += run;
    } else {
      out += ' ';
      i = close + run;
    }
  }
  return out;
}

/** Cells of a table row as cmark-gfm splits it: at every `|` that is not part of a backslash escape, code spans or not. */
export function tableCells(row: string): number {
  const t = row.trim();
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '\\' && i + 1 < t.length && PUNCT.test(t[i + 1]!)) {
      cell += t.slice(i, i + 2);
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  // A leading and a trailing pipe open and close the row; they do not make empty cells.
  if (cells[0]!.trim() === '') cells.shift();
  if (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
  return cells.length;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

export function structure(markdown: string): Structure {
  const lines = markdown.split('\n');
  const s: Structure = { fences: [], unclosedFence: false, tables: [], detailsBalance: 0, detailsUnderflow: false, live: [] };
  let fence: { marker: string; open: string; lines: string[] } | undefined;
  let table: { header: number; rows: number[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const m = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (m && m[1]![0] === fence.marker[0] && m[1]!.length >= fence.marker.length) {
        s.fences.push({ open: fence.open, lines: fence.lines });
        fence = undefined;
      } else fence.lines.push(line);
      continue;
    }
    const open = FENCE.exec(line);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { marker: open[1]!, open: line, lines: [] };
      table = undefined;
      continue;
    }
    if (table) {
      if (line.trim().startsWith('|')) {
        table.rows.push(tableCells(line));
        s.live.push(liveText(line));
        continue;
      }
      table = undefined;
    }
    if (line.trim().startsWith('|') && DELIMITER_ROW.test(lines[i + 1] ?? '') && lines[i + 1]!.includes('-')) {
      table = { header: tableCells(line), rows: [] };
      s.tables.push(table);
      s.live.push(liveText(line));
      i++;
      continue;
    }
    const live = liveText(line);
    s.live.push(live);
    for (const m of live.matchAll(/<(\/?)details\b/gi)) {
      s.detailsBalance += m[1] ? -1 : 1;
      if (s.detailsBalance < 0) s.detailsUnderflow = true;
    }
  }
  if (fence) {
    s.unclosedFence = true;
    s.fences.push({ open: fence.open, lines: fence.lines });
  }
  return s;
}

/** Tags Verdict writes itself; any other tag outside code came from the input. */
const OWN_TAGS = /^<\/?(details|summary|sub)>/;

/** Raw HTML outside code: `<` that starts a tag, comment, declaration or processing instruction. */
export function liveHtml(s: Structure): string[] {
  const found: string[] = [];
  for (const line of s.live) {
    for (const m of line.matchAll(/<(?:[A-Za-z][\w-]*|\/[A-Za-z][\w-]*|!|\?)[^]{0,30}/g)) {
      if (!OWN_TAGS.test(m[0]) && !/^<!-- verdict/.test(m[0])) found.push(m[0]);
    }
  }
  return found;
}

/** `@name` that GitHub would turn into a notification: an @ after a non-word character (or the start) and before a name character. */
export function liveMentions(s: Structure): string[] {
  return s.live.flatMap((line) => [...line.matchAll(/(?:^|[^\w])@[A-Za-z0-9][\w/-]*/g)].map((m) => m[0]));
}

/** `#123` (after a non-word character), `owner/repo#123` and `GH-123`, which GitHub would link to an issue. */
export function liveIssueLinks(s: Structure): string[] {
  return s.live.flatMap((line) => [...line.matchAll(/(?:^|[^\w&])#\d+|[\w.-]+\/[\w.-]+#\d+|\bGH-\d+/gi)].map((m) => m[0]));
}
