import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Layout } from '../../src/model/layout.js';
import { describeWorkspace } from '../../src/collect/workspace.js';
import { describeProjects, manifestName } from '../../src/collect/projects.js';
import { buildReport } from '../../src/pipeline.js';
import { subsystemFor } from '../../src/classify/subsystems.js';
import { makeSettings } from '../../src/settings/layers.js';
import { context, parsed, test } from '../helpers/model.js';

/*
 * Subsystems that mean something in every ecosystem: the projects the manifests name, a test and
 * the code it tests in the same one, whatever folders they sit in.
 */

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'verdict-projects-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

describe('describeProjects', () => {
  it('names each project by its manifest, in every ecosystem, and lists the top-level source folders', async () => {
    const root = await workspace({
      'package.json': '{"name":"mono","private":true,"workspaces":["packages/*"]}',
      'packages/web/package.json': '{"name":"@acme/web"}',
      'packages/web/src/app.ts': '',
      'py/pyproject.toml': '[build-system]\nrequires = []\n\n[project]\nname = "acme-billing"\n',
      'py/src/billing/__init__.py': '',
      'py/src/billing/tax/__init__.py': '',
      'lib/__init__.py': '',
      'crates/Cargo.toml': '[workspace]\nmembers = ["core"]\n',
      'crates/core/Cargo.toml': '[package]\nname = "acme-core"\nversion = "0.1.0"\n',
      'java/cart/pom.xml': '<project><parent><artifactId>acme-parent</artifactId></parent><artifactId>cart</artifactId></project>',
      'java/pay/build.gradle.kts': '',
      'native/CMakeLists.txt': 'add_library(acme_codec STATIC codec.c)\n',
      'go.mod': 'module example.com/acme\n',
      'node_modules/dep/package.json': '{"name":"dep"}',
    });
    const layout = await describeProjects(root, (await describeWorkspace(root)).files);
    expect(layout.projects.map((p) => [p.dir, p.name, p.kind])).toEqual([
      ['', 'mono', 'npm'],
      ['java/cart', 'cart', 'maven'],
      ['java/pay', 'pay', 'gradle'],
      ['lib', 'lib', 'python-package'],
      ['native', 'acme_codec', 'cmake'],
      ['crates/core', 'acme-core', 'cargo'],
      ['packages/web', '@acme/web', 'npm'],
      ['py', 'acme-billing', 'python'],
      ['py/src/billing', 'billing', 'python-package'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    expect(layout.topDirs).toEqual(['lib', 'packages', 'py']);
  });

  it('reads names the way each manifest writes them', () => {
    expect(manifestName('a/setup.cfg', '[metadata]\nname = acme\n[options]\n')).toBe('acme');
    expect(manifestName('setup.py', 'setup(name="acme-tools", version="1")')).toBe('acme-tools');
    expect(manifestName('package.json', 'not json')).toBeUndefined();
    expect(manifestName('pyproject.toml', '[tool.poetry]\nname = "poetic"\n')).toBe('poetic');
  });
});

describe('subsystemFor with a layout', () => {
  const policy = makeSettings({ file: {}, given: {} });
  const layout: Layout = {
    projects: [
      { dir: '', name: 'mono', kind: 'npm' },
      { dir: 'packages/web', name: '@acme/web', kind: 'npm' },
      { dir: 'py', name: 'acme-billing', kind: 'python' },
      { dir: 'py/src/billing', name: 'billing', kind: 'python-package' },
      { dir: '', name: 'example.com/acme', kind: 'go' },
    ],
    topDirs: ['packages', 'py', 'tools', 'tests'],
  };

  it('puts a test and the code its stack names in the same project', () => {
    expect(subsystemFor(undefined, 'packages/web/test/app.test.ts', policy, layout)).toBe('@acme/web');
    expect(subsystemFor(undefined, 'packages/web/src/app.ts', policy, layout)).toBe('@acme/web');
    // A directory given as the package says nothing more than the file does.
    expect(subsystemFor('packages/web/test', 'packages/web/test/app.test.ts', policy, layout)).toBe('@acme/web');
    // Python: the project holds its package and its tests folder.
    expect(subsystemFor(undefined, 'py/tests/test_tax.py', policy, layout)).toBe('acme-billing');
    expect(subsystemFor(undefined, 'py/src/billing/tax.py', policy, layout)).toBe('acme-billing');
  });

  it('keeps a Go or Java package the report names, and the subsystems the settings name', () => {
    expect(subsystemFor('example.com/acme/cart', 'cart/cart_test.go', policy, layout)).toBe('example.com/acme/cart');
    expect(subsystemFor('com.acme.cart', undefined, policy, layout)).toBe('com.acme.cart');
    const named = makeSettings({ file: { subsystems: [{ name: 'web-ui', paths: ['packages/web/**'] }] }, given: {} });
    expect(subsystemFor(undefined, 'packages/web/src/app.ts', named, layout)).toBe('web-ui');
  });

  it('without a project below the root: top-level folders, a tests folder standing for the code it tests', () => {
    const flat: Layout = { projects: [{ dir: '', name: 'app', kind: 'python' }, { dir: 'tools', name: 'tools', kind: 'python-package' }], topDirs: ['app', 'tools', 'tests'] };
    expect(subsystemFor(undefined, 'tests/tools/test_cli.py', policy, flat)).toBe('tools');
    expect(subsystemFor(undefined, 'app/models.py', policy, flat)).toBe('app');
    expect(subsystemFor(undefined, 'tests/test_misc.py', policy, flat)).toBe('tests');
    const one: Layout = { projects: [], topDirs: ['src', 'test'] };
    expect(subsystemFor(undefined, 'test/money.test.js', policy, one)).toBe('src');
    expect(subsystemFor(undefined, 'src/money.js', policy, one)).toBe('src');
  });

  it('counts a failing test in the subsystem of its project, whichever file:line its stack gave', () => {
    const r = buildReport(
      [parsed('junit.xml', 'junit-xml', { tests: [test('adds', 'failed', { package: undefined, file: 'packages/web/src/app.ts', line: 3, failure: { message: 'no' } }), test('ok', 'passed', { package: undefined, file: 'packages/web/test/app.test.ts' })] })],
      { ...context(), layout },
    );
    expect(r.subsystems.map((s) => [s.name, s.tests.total])).toEqual([['@acme/web', 2]]);
    expect(r.blockers[0]!.subsystem).toBe('@acme/web');
  });
});
