import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './helpers/fixtures.js';

/*
 * The tree is the pipeline: settings → collect → parse → merge → classify → gate → render →
 * publish. A stage imports only from itself, from stages before it, and from the shared rooms
 * (model, text, github); the entry points at the top of src/ assemble the stages. These tests fail
 * on an import against that direction and on any import cycle, naming the files.
 */

const STAGES = ['settings', 'collect', 'parse', 'merge', 'classify', 'gate', 'render', 'publish'] as const;
const SHARED = ['model', 'text', 'github'] as const;
const SRC = path.join(ROOT, 'src');

const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.split(path.sep).join('/'));

/** Each file's imports of other src files, as src-relative paths. */
const imports = new Map(
  files.map((file) => {
    const info = ts.preProcessFile(readFileSync(path.join(SRC, file), 'utf8'), true, true);
    const targets = info.importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => path.posix.join(path.posix.dirname(file), name).replace(/\.js$/, '.ts'));
    return [file, [...new Set(targets)]] as const;
  }),
);

function roomOf(file: string): string {
  return file.includes('/') ? file.split('/')[0]! : 'entry';
}

/** Where a room may import from: -1 for shared rooms (only each other), the stage's rank otherwise. */
function rank(room: string): number {
  if ((SHARED as readonly string[]).includes(room)) return -1;
  const i = (STAGES as readonly string[]).indexOf(room);
  return i === -1 ? Infinity : i;
}

describe('the tree shows the pipeline', () => {
  it('has every room, and no source file outside the rooms but the entry points', () => {
    for (const room of [...STAGES, ...SHARED]) expect(files.some((f) => roomOf(f) === room)).toBe(true);
    expect(files.filter((f) => roomOf(f) !== 'entry' && rank(roomOf(f)) === Infinity)).toEqual([]);
  });

  it('reads the imports (every import names a file that exists)', () => {
    const known = new Set(files);
    const missing = [...imports].flatMap(([file, targets]) => targets.filter((t) => !known.has(t)).map((t) => `${file} → ${t}`));
    expect(missing).toEqual([]);
    expect([...imports.values()].flat().length).toBeGreaterThan(200);
  });

  it('no stage imports from a later stage, and shared rooms import only shared rooms', () => {
    const against: string[] = [];
    for (const [file, targets] of imports) {
      const from = roomOf(file);
      for (const target of targets) {
        const to = roomOf(target);
        if (from === to || from === 'entry') continue;
        const ok = to !== 'entry' && (rank(to) === -1 || (rank(from) !== -1 && rank(to) <= rank(from)));
        if (!ok) against.push(`${file} → ${target}`);
      }
    }
    expect(against).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const trail: string[] = [];
    const visit = (file: string) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      trail.push(file);
      for (const target of imports.get(file) ?? []) visit(target);
      trail.pop();
      state.set(file, 'done');
    };
    for (const file of files) visit(file);
    expect(cycles).toEqual([]);
  });
});
