import { describe, expect, it } from '@jest/globals';
import { code, codeBlock, inline, shorten } from '../../src/render/escape.js';

describe('escaping what test output says', () => {
  it('keeps a cell a cell: bars, HTML and markup are inert', () => {
    expect(inline('a | b <img src=x onerror=alert(1)> **bold** `tick`')).toBe('a &#124; b &lt;img src=x onerror=alert(1)&gt; \\*\\*bold\\*\\* \\`tick\\`');
  });

  it('does not ping people or link issues', () => {
    expect(inline('ping @octocat and @acme/ops about #123 and GH-9')).toBe('ping @\u200boctocat and @\u200bacme/ops about #\u200b123 and GH-\u200b9');
    expect(inline('mail a@b.co')).toBe('mail a@b.co');
  });

  it('strips ANSI colours and control characters', () => {
    expect(inline('\u001b[31mred\u001b[0m\u0007 bell')).toBe('red bell');
  });

  it('fences code with more backticks than the text holds', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('a|b', 200, true)).toBe('`a\\|b`');
    expect(codeBlock('```\nnot the end\n```')).toBe('````\n```\nnot the end\n```\n````');
  });

  it('says how much was cut', () => {
    expect(shorten('abcdef', 3)).toBe('abc… (3 more characters)');
    expect(codeBlock('1\n2\n3', 2)).toBe('```\n1\n2\n… 1 more lines cut\n```');
  });
});

describe('CLI text', () => {
  it('lets no escape sequence from a path reach the terminal', async () => {
    const { renderText } = await import('../../src/render/text.js');
    const { buildReport } = await import('../../src/pipeline.js');
    const { context, parsed, test } = await import('../helpers/model.js');
    const r = buildReport(
      [parsed('r.xml', 'junit-xml', { tests: [test('a', 'failed', { failure: { message: 'x' }, file: 'src/\u001b]0;pwned\u0007a.ts', line: 3 })], diagnostics: [{ file: 'bad\u001b[2J.xml', message: 'empty file' }] })],
      context(),
    );
    const text = renderText(r);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain('  bad.xml: empty file');
  });
});
