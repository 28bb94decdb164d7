import path from 'node:path';
import { analyze } from '../../src/analyze.js';
import type { Blocker, Report } from '../../src/model/report.js';
import { makeSettings } from '../../src/settings/layers.js';
import type { Given } from '../../src/settings/table.js';
import { ROOT } from './fixtures.js';

/*
 * The real-runner corpus (__tests__/fixtures/real/<runner>/): each runner's generate.sh installs
 * the runner, runs project/ from /tmp/verdict-real/<runner>/ (so absolute paths in its output
 * name no developer's checkout) and keeps what it wrote in out/. Here those paths are mapped back
 * onto project/ in the repository, as a workflow's checkout would have them.
 */

export const REAL = '__tests__/fixtures/real';

/** The path, in the repository, of a file of a runner's project. */
export function projectFile(runner: string, file: string): string {
  return `${REAL}/${runner}/project/${file}`;
}

/** The report Verdict makes of some of a runner's output files (names relative to out/). */
export function analyzeReal(runner: string, outFiles: string[], given: Given = {}): Promise<Report> {
  const out = `${REAL}/${runner}/out`;
  return analyze({
    workspace: ROOT,
    settings: makeSettings({
      given: {
        files: outFiles.map((f) => `${out}/${f}`),
        stripPrefixes: [`/tmp/verdict-real/${runner}/`],
        pathPrefix: `${REAL}/${runner}/project/`,
        // Each output is of some of the project's tests (a run per problem): the inventory is tested on its own.
        testFiles: ['none'],
        gates: {},
        ...given,
      },
    }),
    run: {},
    now: new Date(0),
  });
}

/** A blocker in one line — priority, category, where, tests it stopped — for lists a test compares whole. */
export function brief(b: Blocker): string {
  const where = b.file ? ` @ ${path.posix.basename(b.file)}${b.line ? `:${b.line}` : ''}` : '';
  const blocked = b.blocked.length + (b.blockedUnnamed ?? 0);
  return `${b.priority} ${b.category}${where}${blocked ? ` blocks ${blocked}` : ''}: ${b.title}`;
}
