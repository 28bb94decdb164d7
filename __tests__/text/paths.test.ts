import { describe, expect, it } from '@jest/globals';
import type { PathContext } from '../../src/text/paths.js';
import { normalizePath } from '../../src/text/paths.js';

const ctx = (extra: Partial<PathContext> = {}): PathContext => ({ goModules: [], stripPrefixes: [], ...extra });

describe('repository-relative paths', () => {
  it.each([
    ['/home/runner/work/shop/shop/src/cart.ts', 'src/cart.ts'],
    ['/__w/shop/shop/src/cart.ts', 'src/cart.ts'],
    ['D:\\a\\shop\\shop\\src\\cart.ts', 'src/cart.ts'],
    ['/Users/runner/work/shop/shop/src/cart.ts', 'src/cart.ts'],
    ['./src/cart.ts', 'src/cart.ts'],
    ['src\\cart.ts', 'src/cart.ts'],
    ['src/./lib/../cart.ts', 'src/cart.ts'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizePath(raw, ctx())).toBe(expected);
  });

  it('strips the workspace the report was written in', () => {
    expect(normalizePath('/build/ws/pkg/a.py', ctx({ workspace: '/build/ws' }))).toBe('pkg/a.py');
  });

  it('maps Go import paths with the module line of each go.mod, the longest module first', () => {
    const goModules = [
      { module: 'github.com/acme/shop', dir: '' },
      { module: 'github.com/acme/shop/tools', dir: 'tools' },
      { module: 'example.com/svc', dir: 'services/svc' },
    ];
    expect(normalizePath('github.com/acme/shop/cart/cart.go', ctx({ goModules }))).toBe('cart/cart.go');
    expect(normalizePath('github.com/acme/shop/tools/gen/main.go', ctx({ goModules }))).toBe('tools/gen/main.go');
    expect(normalizePath('example.com/svc/api/h.go', ctx({ goModules }))).toBe('services/svc/api/h.go');
  });

  it('finds the file a report wrote relative to a sub-directory, when exactly one known file ends so', () => {
    const knownFiles = new Set(['web/src/app.ts', 'web/test/app.test.ts', 'api/src/index.ts', 'api/src/app.ts']);
    expect(normalizePath('test/app.test.ts', ctx({ knownFiles }))).toBe('web/test/app.test.ts');
    expect(normalizePath('src/index.ts', ctx({ knownFiles }))).toBe('api/src/index.ts');
    // Two files end in src/app.ts: no guess.
    expect(normalizePath('src/app.ts', ctx({ knownFiles }))).toBe('src/app.ts');
  });

  it('maps a checkout elsewhere by the longest suffix that names a known file', () => {
    const knownFiles = new Set(['pkg/a.py']);
    expect(normalizePath('/opt/build/checkout/pkg/a.py', ctx({ knownFiles }))).toBe('pkg/a.py');
  });

  it('applies strip-prefix and path-prefix for what detection cannot see', () => {
    expect(normalizePath('/app/src/a.ts', ctx({ stripPrefixes: ['/app'] }))).toBe('src/a.ts');
    const knownFiles = new Set(['frontend/src/a.ts']);
    expect(normalizePath('src/a.ts', ctx({ pathPrefix: 'frontend', knownFiles }))).toBe('frontend/src/a.ts');
  });
});
