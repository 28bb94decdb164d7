import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../src/config.js';
import { readInputs } from '../../src/inputs.js';
import { makeSettings } from '../../src/settings.js';

describe('config file', () => {
  it('reads gates by the names the inputs use', () => {
    expect(parseConfig('gates:\n  max-p1: 3\n  min-coverage: 80.5\n', 'v.yml')).toEqual({ gates: { 'max-p1': 3, 'min-coverage': 80.5 } });
  });

  it('names an unknown key and lists what is allowed there', () => {
    expect(() => parseConfig('gates:\n  min-covrage: 80\n', '.github/verdict.yml')).toThrow(
      '.github/verdict.yml: gates.min-covrage: unknown key; allowed here: max-p0, max-p1, max-p2, min-pass-rate, min-coverage, min-tests, max-coverage-drop, min-patch-coverage',
    );
  });

  it('names the line of broken YAML', () => {
    expect(() => parseConfig('gates:\n  max-p0: [1\n', 'v.yml')).toThrow(/^v\.yml:\d+: not valid YAML/);
  });

  it('rejects a fractional count', () => {
    expect(() => parseConfig('gates:\n  max-p0: 1.5\n', 'v.yml')).toThrow('v.yml: gates.max-p0: must be a whole number, 0 or more');
  });
});

describe('action inputs', () => {
  const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');

  it('reads newline-separated globs and gate values; empty means not set', () => {
    const i = inputs({ files: 'a/*.xml\n\n# comment\n!a/skip.xml\n', 'min-coverage': '80%', 'max-p1': '' });
    expect(i.files).toEqual(['a/*.xml', '!a/skip.xml']);
    expect(i.gates['min-coverage']).toBe(80);
    expect(i.gates['max-p1']).toBeUndefined();
    expect(i.failOn).toBe('no-go');
  });

  it('names the input and what it allows', () => {
    expect(() => inputs({ 'fail-on': 'sometimes' })).toThrow("input 'fail-on': must be 'no-go' or 'never' (got 'sometimes')");
    expect(() => inputs({ 'max-p0': '-1' })).toThrow("input 'max-p0': must be a whole number, 0 or more (got '-1')");
    expect(() => inputs({ 'max-file-size': 'huge' })).toThrow("input 'max-file-size': must be a size such as 500MB or 2GB (got 'huge')");
  });

  it('inputs win over the file, the file over the defaults', () => {
    const s = makeSettings({ file: { gates: { 'max-p1': 5, 'min-coverage': 80 } }, given: { gates: { 'min-coverage': 60 } } });
    expect(s.gates).toEqual({ 'max-p0': 0, 'max-p1': 5, 'min-tests': 1, 'min-coverage': 60 });
  });
});
