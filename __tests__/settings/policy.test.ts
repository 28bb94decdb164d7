import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/settings/config.js';
import { configJsonSchema } from '../../src/settings/schema.js';
import { buildReport } from '../../src/pipeline.js';
import { makeSettings } from '../../src/settings/layers.js';
import { ROOT } from '../helpers/fixtures.js';
import { finding, parsed, test } from '../helpers/model.js';

const run = (configYaml: string, now = '2026-11-21T12:00:00Z') => {
  const config = parseConfig(configYaml, 'verdict.yml');
  return buildReport(
    [
      parsed('r.xml', 'junit-xml', {
        tests: [
          test('TestCharge', 'failed', { package: 'example.com/shop/payments', file: 'payments/charge_test.go', line: 12, failure: { message: 'declined' } }),
          test('TestNetworkFlaky', 'failed', { package: 'example.com/shop/net', file: 'net/dial_test.go', failure: { message: 'dial tcp: i/o timeout' } }),
          test('TestOld', 'failed', { package: 'example.com/shop/legacy', file: 'legacy/old_test.go', failure: { message: 'legacy broke' } }),
          test('TestOk', 'passed', { package: 'example.com/shop/net', file: 'net/ok_test.go' }),
        ],
        findings: [finding('race', { package: 'example.com/shop/net', file: 'net/pool.go', line: 3, message: 'data race: write in pool.Put vs previous read in pool.Get' })],
      }),
    ],
    { settings: makeSettings({ file: config, given: { gates: {} } }), paths: { goModules: [], stripPrefixes: [] }, run: {}, now: new Date(now), diagnostics: [] },
  );
};

const byTest = (r: ReturnType<typeof run>, name: string) => r.blockers.find((b) => b.tests.includes(name))!;

describe('config policy', () => {
  it('makes any failure in a critical path P0, saying which path', () => {
    const r = run('critical:\n  - "payments/**"\n');
    expect(byTest(r, 'TestCharge')).toMatchObject({ priority: 'P0', rule: 'P0: a test failed in a critical path (payments/**); any failure there blocks the release.' });
    expect(byTest(r, 'TestOld').priority).toBe('P1');
  });

  it('quarantines a known failure as P3 with its reason, until the date passes', () => {
    const yaml = 'quarantine:\n  - test: "TestNetwork*"\n    reason: flaky DNS on CI runners\n    until: 2026-11-30\n';
    expect(byTest(run(yaml), 'TestNetworkFlaky')).toMatchObject({ priority: 'P3', category: 'quarantined', rule: 'P3: quarantined in the config — flaky DNS on CI runners (until 2026-11-30).' });
    const expired = byTest(run(yaml, '2026-12-01T00:00:00Z'), 'TestNetworkFlaky');
    expect(expired.priority).toBe('P1');
    expect(expired.rule).toMatch(/Its quarantine \("flaky DNS on CI runners"\) expired on 2026-11-30\.$/);
  });

  it('applies the first matching rule override, and says so', () => {
    const yaml = [
      'rules:',
      '  - package: "example.com/shop/legacy"',
      '    priority: P2',
      '    reason: legacy code is being retired; tracked in the migration plan',
      '  - category: race',
      '    message: "pool\\\\.(Put|Get)"',
      '    priority: P1',
      '    reason: pool races are known and guarded by a mutex in production',
    ].join('\n');
    const r = run(yaml);
    expect(byTest(r, 'TestOld')).toMatchObject({ priority: 'P2', rule: 'P2: legacy code is being retired; tracked in the migration plan (config rule 1).' });
    expect(r.blockers.find((b) => b.category === 'race')).toMatchObject({ priority: 'P1', rule: 'P1: pool races are known and guarded by a mutex in production (config rule 2).' });
  });

  it('groups tests, blockers and coverage into named subsystems', () => {
    const r = run('subsystems:\n  - name: Payments\n    paths: ["payments/**"]\n  - name: Platform\n    paths: ["net/**", "legacy/**"]\n');
    expect(r.subsystems.map((s) => [s.name, s.tests.total, s.readiness])).toEqual([
      ['Payments', 1, 'NOT READY'],
      ['Platform', 3, 'NOT READY'],
    ]);
    expect(byTest(r, 'TestCharge').subsystem).toBe('Payments');
  });

  it('rejects a bad policy with the key path and what is allowed', () => {
    expect(() => parseConfig('quarantine:\n  - test: X\n    reason: r\n    until: next week\n', 'v.yml')).toThrow('v.yml: quarantine.0.until: must be a date as YYYY-MM-DD');
    expect(() => parseConfig('rules:\n  - priority: P5\n    reason: x\n    test: T\n', 'v.yml')).toThrow(/v\.yml: rules\.0\.priority: Invalid option: expected one of "P0"\|"P1"\|"P2"\|"P3"/);
    expect(() => parseConfig('rules:\n  - priority: P2\n    reason: nothing to match on\n', 'v.yml')).toThrow('v.yml: rules.0: needs at least one of category, package, test, message to match on');
    expect(() => parseConfig('rules:\n  - message: "(unclosed"\n    priority: P2\n    reason: r\n', 'v.yml')).toThrow('v.yml: rules.0.message: must be a valid regular expression');
  });

  it('publishes a JSON Schema that is the zod schema (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'schema/verdict-config.schema.json'), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });
});
