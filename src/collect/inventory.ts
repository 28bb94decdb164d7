import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GoModule } from '../text/paths.js';
import { fromGoImportPath } from '../text/paths.js';

/** Tests declared in source, per package: what should have run when a binary died before running them. */
export type TestInventory = Map<string, string[]>;

// `func TestX(t *testing.T)`, examples and fuzz targets; not TestMain, not benchmarks.
const GO_TEST = /^func ((?:Test|Fuzz)(?![a-z])\w*)\(\s*\w+\s+\*testing\.[TF]\s*\)|^func (Example\w*)\(\s*\)/gm;

export function goTestsDeclared(source: string): string[] {
  const names: string[] = [];
  GO_TEST.lastIndex = 0;
  for (let m = GO_TEST.exec(source); m; m = GO_TEST.exec(source)) {
    const name = m[1] ?? m[2]!;
    if (name !== 'TestMain') names.push(name);
  }
  return names;
}

/** Reads the *_test.go files of the given Go packages (import paths) from the workspace. */
export async function goTestInventory(workspace: string, packages: Iterable<string>, modules: readonly GoModule[]): Promise<TestInventory> {
  const inventory: TestInventory = new Map();
  for (const pkg of packages) {
    const dir = fromGoImportPath(pkg, modules);
    // An import path is text from a report: `../` in it must not lead the search out of the workspace.
    if (dir === undefined || dir === '..' || dir.startsWith('../') || path.isAbsolute(dir)) continue;
    let entries: string[];
    try {
      entries = await readdir(path.join(workspace, dir));
    } catch {
      continue;
    }
    const names: string[] = [];
    for (const file of entries.filter((f) => f.endsWith('_test.go')).sort()) {
      try {
        names.push(...goTestsDeclared(await readFile(path.join(workspace, dir, file), 'utf8')));
      } catch {
        // An unreadable test file only means its tests cannot be counted as blocked.
      }
    }
    if (names.length > 0) inventory.set(pkg, names);
  }
  return inventory;
}
