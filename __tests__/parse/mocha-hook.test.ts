import { describe, expect, it } from '@jest/globals';
import { hookBlocks, mochaHook } from '../../src/parse/mocha/hook.js';

describe('mocha hook titles', () => {
  it('reads the hook kind and the test it ran for, with or without a named hook function', () => {
    expect(mochaHook('"before all" hook for "lists orders"')).toEqual({ kind: 'before all', test: 'lists orders' });
    expect(mochaHook('"before each" hook: setupDb for "says "hi""')).toEqual({ kind: 'before each', test: 'says "hi"' });
    expect(mochaHook('"after all" hook')).toEqual({ kind: 'after all' });
    expect(mochaHook('"before all" hooked a test')).toBeUndefined();
    expect(mochaHook('lists orders')).toBeUndefined();
  });

  it('a before hook stops the test it names; an after hook ran after its tests', () => {
    expect(hookBlocks({ kind: 'before all', test: 'lists orders' }, 'orders')).toEqual(['orders lists orders']);
    expect(hookBlocks({ kind: 'after all', test: 'writes' }, 'reports')).toEqual([]);
  });
});
