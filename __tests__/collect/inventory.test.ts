import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { goTestInventory, goTestsDeclared } from '../../src/collect/inventory.js';

describe('test inventory from Go source', () => {
  it('finds tests, fuzz targets and examples; not TestMain, benchmarks, helpers or lower-case names', () => {
    const source = [
      'func TestMain(m *testing.M) { os.Exit(m.Run()) }',
      'func TestAdd(t *testing.T) {}',
      'func Test_underscore(t *testing.T) {}',
      'func Testing(t *testing.T) {}',
      'func FuzzParse(f *testing.F) {}',
      'func ExampleAdd() {}',
      'func BenchmarkAdd(b *testing.B) {}',
      'func TestHelper(t testing.TB) {}',
      '  func TestIndented(t *testing.T) {}',
    ].join('\n');
    expect(goTestsDeclared(source)).toEqual(['TestAdd', 'Test_underscore', 'FuzzParse', 'ExampleAdd']);
  });
});

describe('test inventory of dead packages', () => {
  it('never follows an import path out of the workspace', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'verdict-inventory-'));
    const workspace = path.join(base, 'repo');
    await mkdir(path.join(base, 'outside'), { recursive: true });
    await mkdir(workspace);
    await writeFile(path.join(base, 'outside/secret_test.go'), 'package outside\nfunc TestOutside(t *testing.T) {}\n');
    await mkdir(path.join(workspace, 'pkg'));
    await writeFile(path.join(workspace, 'pkg/a_test.go'), 'package pkg\nfunc TestInside(t *testing.T) {}\n');
    const modules = [{ module: 'example.com/repo', dir: '' }];
    const inventory = await goTestInventory(workspace, ['example.com/repo/../outside', 'example.com/repo/pkg', 'example.com/repo/pkg/../../outside'], modules);
    expect([...inventory]).toEqual([['example.com/repo/pkg', ['TestInside']]]);
  });
});
