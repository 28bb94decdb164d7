import { describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/model/report.js';
import { buildReport } from '../../src/pipeline.js';
import { code, codeBlock, inline } from '../../src/render/escape.js';
import { renderComment } from '../../src/render/comment.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { liveHtml, liveIssueLinks, liveMentions, structure, tableCells } from '../helpers/markdown-structure.js';
import { context, finding, parsed, test } from '../helpers/model.js';

/*
 * Test names, failure messages, file paths and stack traces are written by whoever opened the
 * pull request. Rendered into the comment, none of it may leave its cell, code span, code block
 * or <details>, ping anyone, link an unrelated issue, or carry terminal escapes.
 */

const ZWSP = '\u200b';
const ESC = '\u001b';

const HOSTILE_NAME = 'evil`name`` | cell <img src=x onerror=alert(1)> @octocat `@acme/ops` #12';
const HOSTILE_MESSAGE = [
  `${ESC}[31mexpected${ESC}[0m \u0007 ${ESC}]8;;https://evil.example${ESC}\\link${ESC}]8;;${ESC}\\`,
  '</details><script>alert(1)</script> <!-- x --> | a | b |',
  'cc @octocat @acme/security-team `@backtick` acme/shop#7 #42 GH-9 gh-10',
  '\u202eevil\u202c $\\color{red}{\\Huge\\text{APPROVED}}$',
].join('\n');
const HOSTILE_TRACE = ['at evil (x.js:1:1)', '```', '</details>', '````', '~~~', '<details><summary>fake</summary>', '@octocat #1'].join('\n');
const HOSTILE_PATH = 'src/we|rd `dir`/a)b(c [x](y) @octocat.test.ts';

function hostileReport(): Report {
  return buildReport(
    [
      parsed('junit.xml', 'junit-xml', {
        tests: [
          test(HOSTILE_NAME, 'failed', { failure: { message: HOSTILE_MESSAGE, details: HOSTILE_TRACE }, file: HOSTILE_PATH, line: 3 }),
          test('second `case` @octocat', 'failed', { failure: { message: HOSTILE_MESSAGE, details: HOSTILE_TRACE }, file: 'src/other|file.ts', line: 9 }),
          test('skips', 'skipped', { skipReason: 'needs @octocat to set TOKEN | `x`' }),
          test('ok', 'passed', { package: 'pkg|with`ticks`@octocat' }),
        ],
        findings: [finding('compile', { package: 'evil|pkg`@octocat', file: HOSTILE_PATH, line: 1, message: HOSTILE_MESSAGE, excerpt: HOSTILE_TRACE })],
      }),
      parsed('bad|<b>.xml', 'unknown', { diagnostics: [{ file: 'bad|<b>@octocat.xml', line: 2, message: `DOCTYPE <!ENTITY x SYSTEM "file:///etc/passwd"> @octocat #3 $\\color{red}{\\Huge\\text{APPROVED}}$ ${'x'.repeat(1000)}` }] }),
    ],
    { ...context({ 'min-pass-rate': 90 }), run: { serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'abc123' } },
  );
}

// The full report (job summary, check run text) and the PR comment, which shortens names and titles its links.
describe.each([
  ['the full report', renderMarkdown],
  ['the PR comment', renderComment],
])('markup injection through test output: %s', (_, render) => {
  const md = render(hostileReport());
  const s = structure(md);

  it('keeps every table row at its header’s cell count', () => {
    expect(s.tables.length).toBeGreaterThanOrEqual(2);
    for (const table of s.tables) for (const row of table.rows) expect(row).toBe(table.header);
  });

  it('closes every code block and <details> it opens', () => {
    expect(s.unclosedFence).toBe(false);
    expect(s.detailsBalance).toBe(0);
    expect(s.detailsUnderflow).toBe(false);
    // The trace's own fences and tags are inside the block, shown as text.
    const details = s.fences.find((f) => f.lines.some((l) => l.trim() === '</details>'))!;
    expect(details.lines.map((l) => l.trim())).toEqual(HOSTILE_TRACE.split('\n'));
  });

  it('leaves no live HTML, mention or issue link outside code', () => {
    expect(liveHtml(s)).toEqual([]);
    expect(liveMentions(s)).toEqual([]);
    expect(liveIssueLinks(s)).toEqual([]);
  });

  it('strips terminal escapes and control characters everywhere, code blocks included', () => {
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e]/);
    expect(md).not.toContain('[31m');
  });

  it('keeps a math expression from rendering', () => {
    expect(md).toContain('\\$\\\\color');
    expect(s.live.join('\n')).not.toMatch(/(?<!\\)\$/);
  });

  it('links a file whose path holds brackets and parentheses without ending the link early', () => {
    // A link destination ends at its first unbalanced `)`: the path's own must be encoded.
    const url = 'https://github.com/acme/shop/blob/abc123/src/we%7Crd%20%60dir%60/a%29b%28c%20%5Bx%5D%28y%29%20%40octocat.test.ts#L3';
    expect(md).toContain(`\`\`](${url}`);
    expect(md).not.toContain('%60/a)b(');
  });

  it('shortens a long message and says by how much', () => {
    expect(md).toContain(`${'x'.repeat(39)}… (`);
    expect(md).toMatch(/… \(\d+ more characters\)/);
  });
});

describe('the escaping helpers, one attack at a time', () => {
  it('inline: bars, tags, entities, markup and math are inert', () => {
    expect(inline('a|b <b>&amp; *x* _y_ ~z~ [l](u) $m$ \\')).toBe('a&#124;b &lt;b&gt;&amp;amp; \\*x\\* \\_y\\_ \\~z\\~ \\[l\\](u) \\$m\\$ \\\\');
    // Underscores inside a word are no emphasis, and stay as written (the runner's masking needs them so).
    expect(inline('snake_case_name __dunder__ a_ _b')).toBe('snake_case_name \\_\\_dunder\\_\\_ a\\_ \\_b');
  });

  it('inline: no mention or issue link survives, even right after an escaped backtick or in owner/repo#N', () => {
    expect(inline('`@octocat` acme/shop#7 (#8) x#9 GH-10')).toBe(`\\\`@${ZWSP}octocat\\\` acme/shop#${ZWSP}7 (#${ZWSP}8) x#9 GH-${ZWSP}10`);
    expect(inline('mail a@b.co')).toBe('mail a@b.co');
  });

  it('code: a fence longer than any backtick run; an empty name still makes a code span', () => {
    expect(code('a ``` b')).toBe('````a ``` b````');
    expect(code('')).toBe('` `');
    expect(code('   ')).toBe('` `');
  });

  it('code in a table: a bar never ends the cell, even after a backslash', () => {
    for (const name of ['a|b', 'a\\|b', 'a\\\\|b', '|', '\\|\\|', 'x\\']) {
      expect(tableCells(`| ${code(name, 200, true)} | 2 |`)).toBe(2);
    }
  });

  it('codeBlock: the fence outgrows the text; long lines are cut with the cut stated', () => {
    expect(codeBlock('````\n```')).toBe('`````\n````\n```\n`````');
    const block = codeBlock(`${'y'.repeat(5000)}\nshort`);
    expect(block.split('\n')[1]).toBe(`${'y'.repeat(1000)}… (4000 more characters)`);
    expect(block.split('\n')[2]).toBe('short');
  });

  it('shortening never splits a character in two', () => {
    const text = `${'a'.repeat(9)}😀😀`;
    expect(inline(text, 10)).toBe(`${'a'.repeat(9)}… (2 more characters)`);
  });
});
