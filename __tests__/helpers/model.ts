import type { Finding, ParseOutput, TestCase } from '../../src/model/report.js';
import { emptyOutput } from '../../src/model/report.js';
import type { Parsed } from '../../src/parse/index.js';
import type { PipelineContext } from '../../src/pipeline.js';
import { makeSettings } from '../../src/settings/layers.js';
import type { GateValues } from '../../src/settings/table.js';

export function test(name: string, status: TestCase['status'], extra: Partial<TestCase> = {}): TestCase {
  return { id: `pkg::${name}`, name, suite: 'pkg', package: 'pkg', status, attempts: 1, origin: 'r.xml', ...extra };
}

export function finding(kind: Finding['kind'], extra: Partial<Finding> = {}): Finding {
  return { kind, message: `${kind} happened`, tests: [], origin: 'log.txt', ...extra };
}

export function parsed(path: string, format: string, output: Partial<ParseOutput>): Parsed {
  return { path, format, output: { ...emptyOutput(), ...output } };
}

export function context(gates: GateValues = {}): PipelineContext {
  return {
    settings: makeSettings({ file: {}, given: { gates } }),
    paths: { goModules: [], stripPrefixes: [] },
    run: {},
    now: new Date('2026-01-02T03:04:05Z'),
    diagnostics: [],
  };
}
