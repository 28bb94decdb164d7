import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../src/settings/config.js';
import { readInputs } from '../../src/settings/inputs.js';
import { makeSettings } from '../../src/settings/layers.js';

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

  it('reads a gate as text the way a flag or an input gives it: 80, "80" and 80% alike', () => {
    for (const value of ['80', '"80"', '80%', '"80 %"']) {
      expect(parseConfig(`gates:\n  min-coverage: ${value}\nsubsystems:\n  - name: A\n    paths: [a/**]\n    min-coverage: ${value}\n`, 'v.yml')).toEqual({
        gates: { 'min-coverage': 80 },
        subsystems: [{ name: 'A', paths: ['a/**'], 'min-coverage': 80 }],
      });
    }
    expect(parseConfig('gates:\n  max-p1: "3"\n  max-coverage-drop: 0.5%\n', 'v.yml')).toEqual({ gates: { 'max-p1': 3, 'max-coverage-drop': 0.5 } });
    expect(() => parseConfig('gates:\n  max-p1: 3%\n', 'v.yml')).toThrow('v.yml: gates.max-p1: must be a whole number, 0 or more');
    expect(() => parseConfig('gates:\n  min-coverage: "150%"\n', 'v.yml')).toThrow('v.yml: gates.min-coverage: must be a percentage from 0 to 100');
    expect(() => parseConfig('gates:\n  min-coverage: yes\n', 'v.yml')).toThrow('v.yml: gates.min-coverage: must be a percentage from 0 to 100');
  });

  it('refuses a rate written as a fraction, saying what it would mean; 0.9% and points are taken as written', () => {
    for (const key of ['min-pass-rate', 'min-coverage', 'min-patch-coverage']) {
      expect(() => parseConfig(`gates:\n  ${key}: 0.9\n`, 'v.yml')).toThrow(`v.yml: gates.${key}: 0.9 would mean 0.9%; write 90 for 90% (or 0.9% if 0.9 percent is meant)`);
    }
    expect(() => parseConfig('subsystems:\n  - name: A\n    paths: [a/**]\n    min-coverage: "0.95"\n', 'v.yml')).toThrow(
      'v.yml: subsystems.0.min-coverage: 0.95 would mean 0.95%; write 95 for 95% (or 0.95% if 0.95 percent is meant)',
    );
    expect(parseConfig('gates:\n  min-coverage: 0.9%\n  min-pass-rate: 1\n  min-patch-coverage: 0\n  max-coverage-drop: 0.5\n', 'v.yml')).toEqual({
      gates: { 'min-coverage': 0.9, 'min-pass-rate': 1, 'min-patch-coverage': 0, 'max-coverage-drop': 0.5 },
    });
  });
});

describe('action inputs', () => {
  const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');

  it('reads newline-separated globs and gate values; empty means not set', () => {
    const i = inputs({ files: 'a/*.xml\n\n# comment\n!a/skip.xml\n', 'min-coverage': '80%', 'max-p1': '' });
    expect(i.files).toEqual(['a/*.xml', '!a/skip.xml']);
    expect(i.gates?.['min-coverage']).toBe(80);
    expect(i.gates?.['max-p1']).toBeUndefined();
    expect(makeSettings({ given: i }).failOn).toBe('no-go');
  });

  it('names the input and what it allows', () => {
    expect(() => inputs({ 'fail-on': 'sometimes' })).toThrow("input 'fail-on': must be 'no-go' or 'never' (got 'sometimes')");
    expect(() => inputs({ 'max-p0': '-1' })).toThrow("input 'max-p0': must be a whole number, 0 or more (got '-1')");
    expect(() => inputs({ 'max-file-size': 'huge' })).toThrow("input 'max-file-size': must be a size such as 500MB or 2GB (got 'huge')");
  });

  it('refuses a rate written as a fraction, naming the input; 0.9% and points are taken as written', () => {
    for (const name of ['min-pass-rate', 'min-coverage', 'min-patch-coverage']) {
      expect(() => inputs({ [name]: '0.9' })).toThrow(`input '${name}': 0.9 would mean 0.9%; write 90 for 90% (or 0.9% if 0.9 percent is meant) (got '0.9')`);
    }
    expect(inputs({ 'min-coverage': '0.9%', 'min-pass-rate': '80', 'max-coverage-drop': '0.5' }).gates).toMatchObject({ 'min-coverage': 0.9, 'min-pass-rate': 80, 'max-coverage-drop': 0.5 });
  });

  it('inputs win over the file, the file over the defaults', () => {
    const s = makeSettings({ file: { gates: { 'max-p1': 5, 'min-coverage': 80 } }, given: { gates: { 'min-coverage': 60 } } });
    expect(s.gates).toEqual({ 'max-p0': 0, 'max-p1': 5, 'min-tests': 1, 'min-coverage': 60 });
  });
});
