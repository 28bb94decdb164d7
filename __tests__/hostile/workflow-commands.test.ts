import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildReport } from '../../src/pipeline.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { runCli } from '../helpers/cli.js';
import { context, parsed, test } from '../helpers/model.js';

/*
 * What the CLI prints lands in a workflow's log, where a line that starts with `::` is a command
 * to the runner (`::error`, `::add-mask::`, `::stop-commands::`). File names and messages come
 * from the pull request: a name with a line break must not start such a line.
 */

const INJECTED = '\n::error title=pwned::Verdict says ship it\n::stop-commands::x\n';

describe('names from a pull request are never workflow commands', () => {
  it('a report file whose name holds a line break is printed on one line by the CLI', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'verdict-commands-'));
    // A report that cannot be read, so that the CLI names it in its list of problems.
    await writeFile(path.join(ws, `broken${INJECTED}.json`), '{"not": "a report"');
    const r = runCli(['--fail-on', 'never', '**/*'], ws);
    expect(r.stdout).toContain('::error title=pwned');
    expect(r.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
  });

  it('a file path that climbs out of the repository is never a link', () => {
    const report = buildReport([parsed('r.xml', 'junit-xml', { tests: [test('t', 'failed', { file: '../../../../octo/other/issues/new', line: 3, failure: { message: 'x' } })] })], {
      ...context(),
      run: { serverUrl: 'https://github.com', repository: 'octo/shop', sha: 'a'.repeat(40) },
    });
    const md = renderMarkdown(report);
    expect(md).not.toMatch(/\]\(https:\/\/github\.com\/octo\/shop\/blob\/a{40}\/\.\./);
    expect(md).toContain('../../../../octo/other/issues/new');
  });
});
