import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { openSource, sourceFromText } from '../../../src/collect/read.js';
import type { Finding } from '../../../src/model/report.js';
import { compilerOutputParser, detectCompilerOutput } from '../../../src/parse/logs/index.js';
import { ROOT } from '../../helpers/fixtures.js';

/* Real output of each tool, produced by __tests__/fixtures/logs/regenerate.sh (see its README). */

const LOGS = path.join(ROOT, '__tests__/fixtures/logs');
const PY = '/tmp/verdict-log-fixtures';

async function findings(name: string): Promise<Finding[]> {
  const absolute = path.join(LOGS, name);
  const { size } = await stat(absolute);
  const out = await compilerOutputParser.parse(await openSource({ absolute, path: `logs/${name}`, size }));
  expect(out.diagnostics).toEqual([]);
  return out.findings;
}

/** The located part of a finding, as the tests state it. */
const where = ({ kind, package: pkg, file, line, column, message }: Finding) => ({ kind, package: pkg, file, line, column, message });

async function read(name: string) {
  return (await findings(name)).map(where);
}

/** jest prints suites in the order they finish, which changes from run to run. */
const byFile = (all: Finding[]) => [...all].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? ''));

describe('compiler and test-runner output', () => {
  it('tsc: one finding per error, a missing module as a dependency; elaboration lines stay in the excerpt', async () => {
    const all = await findings('tsc-plain.log');
    expect(all.map(where)).toEqual([
      { kind: 'dependency', package: 'src', file: 'src/format.ts', line: 1, column: 17, message: "Cannot find module 'left-pad' or its corresponding type declarations." },
      { kind: 'compile', package: 'src', file: 'src/invoice.ts', line: 9, column: 9, message: "Type 'string' is not assignable to type 'number'." },
      { kind: 'compile', package: 'src', file: 'src/invoice.ts', line: 13, column: 30, message: "Property 'cents' is missing in type '{ sku: string; }' but required in type 'Line'." },
      { kind: 'compile', package: 'src', file: 'src/invoice.ts', line: 16, column: 29, message: "Type '{ sku: number; cents: number; }' is not assignable to type 'Line'." },
    ]);
    expect(all[3]!.excerpt).toBe(
      [
        "src/invoice.ts(16,29): error TS2322: Type '{ sku: number; cents: number; }' is not assignable to type 'Line'.",
        "  Types of property 'sku' are incompatible.",
        "    Type 'number' is not assignable to type 'string'.",
      ].join('\n'),
    );
    expect(all.every((f) => f.origin === 'logs/tsc-plain.log' && f.tests.length === 0)).toBe(true);
  });

  it('tsc --pretty: the same findings without colours; the source excerpt and related location, not the summary table', async () => {
    const pretty = await findings('tsc-pretty.log');
    expect(pretty.map(where)).toEqual(await read('tsc-plain.log'));
    expect(pretty[2]!.excerpt).toBe(
      [
        "src/invoice.ts:13:30 - error TS2741: Property 'cents' is missing in type '{ sku: string; }' but required in type 'Line'.",
        '',
        "13 export const sample = total([{ sku: 'a' }]);",
        '                                ~~~~~~~~~~~~',
        '',
        '  src/invoice.ts:3:3',
        '    3   cents: number;',
        '        ~~~~~',
        "    'cents' is declared here.",
      ].join('\n'),
    );
    expect(pretty.some((f) => /Found|Errors {2}Files/.test(f.excerpt!) || f.excerpt!.includes('\u001b'))).toBe(false);
    expect(await read('tsc-syntax-pretty.log')).toEqual([
      { kind: 'compile', package: 'src', file: 'src/broken.ts', line: 2, column: 17, message: 'Expression expected.' },
    ]);
  });

  it('javac: column from the caret line (tabs count as one), symbol/location lines in the excerpt, warnings skipped', async () => {
    const all = await findings('javac.log');
    const pkg = 'src/com/example/billing';
    expect(all.map(where)).toEqual([
      { kind: 'dependency', package: pkg, file: `${pkg}/Invoice.java`, line: 3, column: 32, message: 'package org.apache.commons.lang3 does not exist' },
      { kind: 'compile', package: pkg, file: `${pkg}/Invoice.java`, line: 16, column: 22, message: 'cannot find symbol' },
      { kind: 'compile', package: pkg, file: `${pkg}/Invoice.java`, line: 20, column: 15, message: 'incompatible types: String cannot be converted to int' },
      { kind: 'compile', package: pkg, file: `${pkg}/Invoice.java`, line: 21, column: 16, message: 'cannot find symbol' },
      { kind: 'compile', package: pkg, file: `${pkg}/Ledger.java`, line: 10, column: 16, message: 'cannot find symbol' },
    ]);
    expect(all[4]!.excerpt).toBe(
      [
        `${pkg}/Ledger.java:10: error: cannot find symbol`,
        '        invoice.missing();',
        '               ^',
        '  symbol:   method missing()',
        '  location: variable invoice of type Invoice',
      ].join('\n'),
    );
  });

  it('gcc: context lines and notes go with their error, warnings are skipped, a missing header is a dependency', async () => {
    const all = await findings('gcc.log');
    expect(all.map(where)).toEqual([
      { kind: 'compile', package: 'src', file: 'src/stats.c', line: 9, column: 18, message: '‘total’ undeclared (first use in this function)' },
      { kind: 'compile', package: 'src', file: 'src/stats.c', line: 14, column: 12, message: 'too few arguments to function ‘mean’' },
      { kind: 'dependency', package: 'src', file: 'src/report.c', line: 2, column: 10, message: 'format.h: No such file or directory' },
      { kind: 'compile', package: 'src', file: 'src/units.h', line: 3, column: 18, message: 'unknown type name ‘uint8’' },
    ]);
    expect(all[1]!.excerpt).toBe(
      [
        'src/stats.c: In function ‘median’:',
        'src/stats.c:14:12: error: too few arguments to function ‘mean’',
        '   14 |     return mean(values);',
        '      |            ^~~~',
        'src/stats.c:3:8: note: declared here',
        '    3 | double mean(const int *values, int count)',
        '      |        ^~~~',
      ].join('\n'),
    );
    expect(all[3]!.excerpt!.split('\n')[0]).toBe('In file included from src/units.c:1:');
    expect(all.some((f) => /warning/.test(f.excerpt ?? ''))).toBe(false);
  });

  it('g++ with -fdiagnostics-color=always: colours removed before matching and from the excerpt', async () => {
    const [f] = await findings('gxx-color.log');
    expect(where(f!)).toEqual({
      kind: 'compile',
      package: 'src',
      file: 'src/queue.cpp',
      line: 8,
      column: 45,
      message: '‘const class std::vector<std::__cxx11::basic_string<char> >’ has no member named ‘length’',
    });
    expect(f!.excerpt!.split('\n')[0]).toBe('src/queue.cpp: In member function ‘std::size_t jobs::Queue::size() const’:');
    expect(f!.excerpt!.includes('\u001b')).toBe(false);
  });

  it('cargo: location from ` --> `, the crate from `could not compile`, an unlinked crate as a dependency, warnings skipped', async () => {
    const all = await findings('cargo.log');
    expect(all.map(where)).toEqual([
      { kind: 'dependency', package: 'ledger', file: 'ledger/src/main.rs', line: 3, column: 5, message: 'unresolved import `serde`' },
      { kind: 'compile', package: 'ledger', file: 'ledger/src/main.rs', line: 7, column: 42, message: 'cannot find value `discount` in this scope' },
      { kind: 'compile', package: 'ledger', file: 'ledger/src/money.rs', line: 6, column: 5, message: 'mismatched types' },
    ]);
    expect(all[2]!.excerpt!.split('\n')).toHaveLength(8);
    expect(all[2]!.excerpt!.split('\n').at(-1)).toBe('  |     ^^^^^^^^^^^^^^^^^^^^ expected `u64`, found `String`');
    expect(await read('cargo-missing-dep.log')).toEqual([
      { kind: 'dependency', package: 'report', message: 'no matching package named `serde_json` found' },
    ]);
    expect(await read('rustc-syntax.log')).toEqual([
      { kind: 'compile', file: 'parse.rs', line: 2, column: 13, message: 'mismatched closing delimiter: `}`' },
    ]);
  });

  it('Python traceback: the final exception, at the last frame in the project rather than the standard library', async () => {
    const [f] = await findings('python-traceback.log');
    expect(where(f!)).toEqual({
      kind: 'crash',
      package: `${PY}/python/app`,
      file: `${PY}/python/app/config.py`,
      line: 9,
      message: 'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
    });
    expect(f!.excerpt).toBe(readFileSync(path.join(LOGS, 'python-traceback.log'), 'utf8').trimEnd());
  });

  it('Python chained tracebacks are one finding, for the exception that ended the program', async () => {
    const all = await findings('python-chained.log');
    expect(all.map(where)).toEqual([
      { kind: 'crash', package: `${PY}/python/app`, file: `${PY}/python/app/config.py`, line: 16, message: 'app.config.ConfigError: settings are not valid JSON' },
    ]);
    expect(all[0]!.excerpt).toBe(readFileSync(path.join(LOGS, 'python-chained.log'), 'utf8').trimEnd());
  });

  it('Python: a module that fails to import is a collection error', async () => {
    expect(await read('python-import.log')).toEqual([
      { kind: 'collection', package: `${PY}/python/app`, file: `${PY}/python/app/cli.py`, line: 2, message: "ModuleNotFoundError: No module named 'app.exporters'" },
    ]);
  });

  it('pytest: one collection finding per `ERROR collecting`, message from the `E` line, line in the collected file', async () => {
    const all = await findings('pytest-collection.log');
    expect(all.map(where)).toEqual([
      { kind: 'collection', package: 'tests', file: 'tests/test_exporters.py', line: 1, message: "ModuleNotFoundError: No module named 'app.exporters'" },
      { kind: 'collection', package: 'tests', file: 'tests/test_rounding.py', line: 4, message: 'SyntaxError: invalid syntax' },
    ]);
    expect(all[0]!.excerpt!.split('\n').at(-1)).toBe("E   ModuleNotFoundError: No module named 'app.exporters'");
    // --tb=no: only the short summary names the files.
    expect(await read('pytest-collection-tbno.log')).toEqual([
      { kind: 'collection', package: 'tests', file: 'tests/test_exporters.py', message: 'ERROR collecting tests/test_exporters.py' },
      { kind: 'collection', package: 'tests', file: 'tests/test_rounding.py', message: 'ERROR collecting tests/test_rounding.py' },
    ]);
  });

  it('pytest: a conftest that fails to import stops the run before collection', async () => {
    expect(await read('pytest-conftest.log')).toEqual([
      {
        kind: 'collection',
        package: `${PY}/pytest-conftest/tests`,
        file: `${PY}/pytest-conftest/tests/conftest.py`,
        line: 1,
        message: "ModuleNotFoundError: No module named 'pytest_httpserver'",
      },
    ]);
  });

  it('unittest: a module that failed to load is a collection error; failing tests are not findings', async () => {
    expect(await read('unittest.log')).toEqual([
      {
        kind: 'collection',
        package: `${PY}/unittest/tests`,
        file: `${PY}/unittest/tests/test_cli.py`,
        line: 3,
        message: "ModuleNotFoundError: No module named 'app.exporters'",
      },
    ]);
  });

  it('jest: `Test suite failed to run` under a FAIL line; failing tests are not findings', async () => {
    const all = byFile(await findings('jest-suite-failed.log'));
    // No package: a test file's directory is none, and jest's other reports give the same error without one.
    expect(all.map(where)).toEqual([
      { kind: 'collection', file: 'test/export.test.js', line: 3, column: 19, message: "Cannot find module '../src/export' from 'test/export.test.js'" },
      {
        kind: 'collection',
        file: 'test/tax.test.js',
        line: 6,
        column: 42,
        message: `SyntaxError: ${PY}/jest/test/tax.test.js: Unexpected token, expected "," (6:41)`,
      },
    ]);
    expect(all[0]!.excerpt!.split('\n').slice(0, 4)).toEqual(['FAIL test/export.test.js', '  ● Test suite failed to run', '', "    Cannot find module '../src/export' from 'test/export.test.js'"]);
    expect(all[0]!.excerpt!.split('\n').at(-1)).toBe('      at Object.require (test/export.test.js:3:19)');
  });

  it('jest: failures repeated under "Summary of all failing tests" are read once; colours are removed', async () => {
    const summary = await findings('jest-summary.log');
    expect(byFile(summary).map(where)).toEqual(byFile(await findings('jest-suite-failed.log')).map(where));
    const coloured = await findings('jest-colors.log');
    expect(coloured.map(where)).toEqual(byFile(await findings('jest-suite-failed.log')).slice(0, 1).map(where));
    expect(coloured[0]!.excerpt!.split('\n')[0]).toBe(' FAIL  test/export.test.js');
  });

  it('pytest-failures.log: failing tests give no findings; a fixture that failed at setup is a hook blocking its test', async () => {
    const out = await findings('pytest-failures.log');
    expect(out.map((f) => [f.kind, f.blocks])).toEqual([['hook', ['test_currency']]]);
  });

  it.each(['jest-pass.log', 'pytest-pass.log', 'cargo-test-pass.log'])('%s: passing runs give no findings', async (name) => {
    expect(await findings(name)).toEqual([]);
  });

  it("knows a passing jest console log as jest's, with the count it states", async () => {
    expect(detectCompilerOutput(readFileSync(path.join(LOGS, 'jest-pass.log'), 'utf8'))).toBe(true);
    const source = await openSource({ absolute: path.join(LOGS, 'jest-pass.log'), path: 'jest-pass.log', size: 1 });
    const out = await compilerOutputParser.parse(source);
    expect([out.runner, out.declared?.map((d) => [d.total, d.scope])]).toEqual(['jest', [[3, 'runner']]]);
  });

  it('detects every failing fixture from its head', () => {
    const failing = [
      'tsc-plain.log',
      'tsc-pretty.log',
      'tsc-syntax-pretty.log',
      'javac.log',
      'gcc.log',
      'gxx-color.log',
      'cargo.log',
      'cargo-missing-dep.log',
      'rustc-syntax.log',
      'python-traceback.log',
      'python-chained.log',
      'python-import.log',
      'unittest.log',
      'pytest-collection.log',
      'pytest-collection-tbno.log',
      'pytest-conftest.log',
      'jest-suite-failed.log',
      'jest-colors.log',
    ];
    for (const name of failing) expect([name, detectCompilerOutput(readFileSync(path.join(LOGS, name), 'utf8'))]).toEqual([name, true]);
  });

  it('does not detect reports, coverage or Go output', () => {
    const files = [
      '__tests__/fixtures/reports/all-pass.junit.xml',
      '__tests__/fixtures/reports/all-pass.lcov',
      '__tests__/fixtures/go-triage/artifacts/go-test.json',
      '__tests__/fixtures/go-triage/artifacts/go-test.txt',
      '__tests__/fixtures/go-triage/artifacts/build.log',
      '__tests__/fixtures/go-triage/artifacts/coverage.out',
    ];
    for (const rel of files) expect([rel, detectCompilerOutput(readFileSync(path.join(ROOT, rel), 'utf8'))]).toEqual([rel, false]);
    // Reports that quote compiler output are still reports.
    const quoted = `<testsuite><system-out>\nsrc/a.ts(1,2): error TS2322: Type 'x' is not assignable to type 'y'.\n</system-out></testsuite>`;
    expect(detectCompilerOutput(quoted)).toBe(false);
    expect(detectCompilerOutput(JSON.stringify({ message: "src/a.ts(1,2): error TS2322: Type 'x'." }, null, 2))).toBe(false);
  });

  it('reads one log holding several tools one after another as it reads each alone', async () => {
    const names = ['tsc-plain.log', 'pytest-failures.log', 'gcc.log', 'unittest.log', 'cargo.log', 'pytest-conftest.log', 'jest-suite-failed.log', 'javac.log'];
    const text = names.map((n) => readFileSync(path.join(LOGS, n), 'utf8')).join('');
    const out = await compilerOutputParser.parse(sourceFromText('ci.log', text));
    const alone = (await Promise.all(names.map(read))).flat();
    expect(out.findings.map(where)).toEqual(alone);
  });

  it("takes a bare `error:` line as rustc's only when its ` --> ` location follows", async () => {
    const out = await compilerOutputParser.parse(
      sourceFromText('build.log', ["error: pathspec 'main' did not match any file(s) known to git", 'error: expected `;`, found `}`', ' --> src/lib.rs:3:14', '  |'].join('\n')),
    );
    expect(out.findings.map(where)).toEqual([{ kind: 'compile', package: 'src', file: 'src/lib.rs', line: 3, column: 14, message: 'expected `;`, found `}`' }]);
  });
});
