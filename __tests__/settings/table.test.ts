import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../src/settings/config.js';
import { readFlags, USAGE } from '../../src/settings/flags.js';
import { readInputs } from '../../src/settings/inputs.js';
import { makeSettings } from '../../src/settings/layers.js';
import type { Row } from '../../src/settings/table.js';
import { GATE_NAMES, SETTINGS } from '../../src/settings/table.js';

const rows = Object.entries(SETTINGS) as [string, Row<unknown>][];

describe('the settings table', () => {
  it('reads every input and flag from text, and every config key from the file', () => {
    for (const [key, row] of rows) {
      expect({ key, text: (row.input !== undefined || row.flag !== undefined) && !row.flag?.many ? row.read.text !== undefined : true }).toEqual({ key, text: true });
      expect({ key, config: row.config !== undefined ? row.read.config !== undefined : true }).toEqual({ key, config: true });
    }
  });

  it('lists every flag in --help', () => {
    for (const [, row] of rows) if (row.flag) expect(USAGE).toContain(`\n  ${row.flag.name} ${row.flag.arg} `);
  });

  it('reads a value alike from an input, a flag and the config file; each refusal names where', () => {
    const fromInput = readInputs((name) => ({ 'min-coverage': '80%', 'max-file-size': '1MB', 'fail-on': 'never' })[name] ?? '');
    const fromFlags = readFlags({ 'min-coverage': '80%', 'max-file-size': '1MB', 'fail-on': 'never' });
    expect(fromFlags).toEqual(fromInput);
    expect(makeSettings({ given: fromFlags })).toMatchObject({ maxFileSize: 1024 * 1024, failOn: 'never', gates: { 'min-coverage': 80 } });
    expect(parseConfig('gates:\n  min-coverage: 80%\n', 'v.yml').gates).toEqual(fromFlags.gates);
    expect(() => readFlags({ 'max-p1': 'two' })).toThrow("--max-p1: must be a whole number, 0 or more (got 'two')");
    expect(() => readInputs((name) => (name === 'max-p1' ? 'two' : ''))).toThrow("input 'max-p1': must be a whole number, 0 or more (got 'two')");
  });

  it('refuses a flag given as nothing, which the Action reads as not given', () => {
    expect(() => readFlags({ json: '' })).toThrow('--json: needs a file path');
    expect(() => readFlags({ 'strip-prefix': ['a', ''] })).toThrow('--strip-prefix: needs a value');
    expect(readFlags({ 'strip-prefix': ['a', 'b'], 'required-artifact': ['x-*'] })).toEqual({ stripPrefixes: ['a', 'b'], requiredArtifacts: ['x-*'] });
    expect(readInputs((name) => (name === 'max-p1' ? '' : ''))).toEqual({});
  });

  it('leniently leaves an input that cannot be read at its default', () => {
    const given = readInputs((name) => ({ 'fail-on': 'sometimes', 'report-name': 'Backend', 'check-run': 'maybe' })[name] ?? '', { lenient: true });
    expect(makeSettings({ given })).toMatchObject({ name: 'Backend', failOn: 'no-go', checkRun: true });
  });

  it('gives each gate its default, the file over it, the input or flag over both', () => {
    expect(makeSettings().gates).toEqual({ 'max-p0': 0, 'max-p1': 0, 'min-tests': 1 });
    expect(GATE_NAMES).toEqual(['max-p0', 'max-p1', 'max-p2', 'min-pass-rate', 'min-coverage', 'min-tests', 'max-coverage-drop', 'min-patch-coverage']);
    expect(makeSettings({ file: { name: 'File', requiredArtifacts: ['a'] }, given: { requiredArtifacts: ['b'] } })).toMatchObject({ name: 'File', requiredArtifacts: ['b'] });
  });
});
