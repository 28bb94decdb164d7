import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { INPUT_NAMES } from '../../src/settings/inputs.js';
import type { Row } from '../../src/settings/table.js';
import { SETTINGS } from '../../src/settings/table.js';
import { linkOutputs } from '../../src/publish/outputs.js';
import { renderOutputs } from '../../src/render/outputs.js';
import { buildReport } from '../../src/pipeline.js';
import { ROOT } from '../helpers/fixtures.js';
import { context } from '../helpers/model.js';

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  runs: { using: string; main: string };
  branding: object;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Every output the action sets: from the report, and links to what it published. */
const OUTPUTS = Object.keys({ ...renderOutputs(buildReport([], context()), '/r.json'), ...linkOutputs({}) }).sort();

describe('action.yml', () => {
  it('runs the bundle on node24, with branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.branding).toBeDefined();
  });

  it('declares exactly the inputs the action reads, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    for (const [name, input] of Object.entries(action.inputs)) expect({ name, described: input.description.length > 20 }).toEqual({ name, described: true });
    expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
  });

  it('gives each input the default the settings table gives it', () => {
    for (const row of Object.values(SETTINGS) as Row<unknown>[]) {
      const declared = row.input === undefined || row.input === 'github-token' ? '' : (action.inputs[row.input]?.default ?? '');
      const reads = declared === '' ? undefined : row.read.text!.parse(declared);
      expect({ input: row.input, default: reads }).toEqual({ input: row.input, default: declared === '' ? undefined : row.default });
    }
  });

  it("README's Inputs table documents exactly the inputs the action reads", () => {
    const section = /^## Inputs\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
    const documented = section.split('\n').filter((line) => line.startsWith('| `')).map((row) => /^\| `([^`]+)`/.exec(row)?.[1]);
    expect(documented.sort()).toEqual([...INPUT_NAMES].sort());
  });

  it("README's Command line names every flag", () => {
    const section = /^## Command line\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
    for (const row of Object.values(SETTINGS) as Row<unknown>[]) if (row.flag) expect(section).toContain(row.flag.name);
  });

  it('declares exactly the outputs the action sets, each described', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(OUTPUTS);
    for (const output of Object.values(action.outputs)) expect(output.description.length).toBeGreaterThan(5);
  });

  it("README's Outputs table documents exactly the outputs the action sets", () => {
    const section = /^## Outputs\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    const documented = rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    expect(documented.sort()).toEqual(OUTPUTS);
  });
});
