import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { ROOT } from '../helpers/fixtures.js';

/*
 * `npm ci` warns EBADENGINE when a package it installs does not support the running Node. The
 * declared `engines` is true only when every installed package supports every version it admits.
 */
const json = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;

describe('declared Node engines', () => {
  const declared = (json('package.json').engines as { node: string }).node;
  const locked = Object.entries(json('package-lock.json').packages as Record<string, { engines?: { node?: string } | string[] }>)
    .filter(([name]) => name !== '')
    .flatMap(([name, p]) => (p.engines && !Array.isArray(p.engines) && p.engines.node ? [[name, p.engines.node] as const] : []));

  it('reads the engines of the installed packages', () => {
    expect(locked.length).toBeGreaterThan(20);
  });

  it('is supported by every package in the lock file', () => {
    expect(locked.filter(([, range]) => !semver.subset(declared, range))).toEqual([]);
  });

  it('admits Node 20 (this machine and older runners) and Node 24 (action.yml)', () => {
    expect(semver.satisfies('20.20.2', declared)).toBe(true);
    expect(semver.satisfies('24.0.0', declared)).toBe(true);
    expect(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')).toMatch(/using: ['"]?node24/);
  });
});
