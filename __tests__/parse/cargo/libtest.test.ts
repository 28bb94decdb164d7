import { describe, expect, it } from '@jest/globals';
import { libtestFailure } from '../../../src/parse/cargo/panic.js';
import { parseText } from '../../helpers/fixtures.js';

describe("libtest's failure output", () => {
  it('reads the panic of Rust 1.73 and later, its message up to the notes', () => {
    const out = ["thread 'tests::x' (7079) panicked at src/lib.rs:12:5:", 'assertion `left == right` failed', '  left: 3', ' right: 4', 'note: run with `RUST_BACKTRACE=1`'].join('\n');
    expect(libtestFailure(out)).toMatchObject({ message: 'assertion `left == right` failed (left: 3, right: 4)', file: 'src/lib.rs', line: 12, type: 'panicked at src/lib.rs:12:5' });
  });

  it('reads the panic of earlier Rust, with the message inside the line', () => {
    expect(libtestFailure("thread 'x' panicked at 'boom', tests/a.rs:3:9")).toMatchObject({ message: 'boom', file: 'tests/a.rs', line: 3 });
  });

  it("gives no location in std's code, and reads a should_panic that did not panic with or without one", () => {
    expect(libtestFailure("thread 'x' panicked at /rustc/59807616e/library/core/src/option.rs:2245:5:\nboom")).toEqual(expect.not.objectContaining({ file: expect.anything() }));
    expect(libtestFailure('note: test did not panic as expected')).toMatchObject({ message: 'test did not panic as expected' });
    expect(libtestFailure('test did not panic as expected at src/lib.rs:58:8')).toMatchObject({ file: 'src/lib.rs', line: 58 });
    expect(libtestFailure('some output')).toBeUndefined();
  });
});

describe('libtest console without cargo', () => {
  it('reads a test binary run by hand, and a log that ends inside it as a run that was killed', async () => {
    const log = ['running 3 tests', 'test a ... ok', 'test b ... ignored', 'test c ... '].join('\n');
    const { format, output } = await parseText('test.log', log);
    expect(format).toBe('cargo-test');
    expect(output.tests.map((t) => `${t.id} ${t.status}`)).toEqual(['a passed', 'b skipped']);
    expect(output.findings).toMatchObject([{ kind: 'timeout', tests: ['c'], blockedCount: 1 }]);
    expect(output.declared).toEqual([{ total: 3, what: 'running 3 tests', line: 1, scope: 'file' }]);
  });
});

describe('cargo test console', () => {
  it('makes a binary that exits mid-run (std::process::exit) a crash, and one that reported its result no crash', async () => {
    const log = [
      '     Running tests/exit.rs (/ci/out/debug/deps/exit-0a1b2c3d4e5f6a7b)',
      '',
      'running 2 tests',
      'test a ... ok',
      'test b ... error: test failed, to rerun pass `--test exit`',
      '',
      'Caused by:',
      "  process didn't exit successfully: `/ci/out/debug/deps/exit-0a1b2c3d4e5f6a7b` (exit status: 3)",
      '     Running tests/fine.rs (/ci/out/debug/deps/fine-3d4e5f6a7b8c9d0e)',
      '',
      'running 1 test',
      'test c ... FAILED',
      '',
      'test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s',
      '',
      'error: test failed, to rerun pass `--test fine`',
      '',
      'Caused by:',
      "  process didn't exit successfully: `/ci/out/debug/deps/fine-3d4e5f6a7b8c9d0e` (exit status: 101)",
    ].join('\n');
    const { format, output } = await parseText('test.log', log);
    expect(format).toBe('cargo-test');
    expect(output.findings).toMatchObject([{ kind: 'crash', tests: ['b'], blockedCount: 1, message: expect.stringContaining('died (exit status: 3)') }]);
    expect(output.tests.map((t) => `${t.id} ${t.status}`)).toEqual(['exit::a passed', 'fine::c failed']);
  });
});

describe('cargo JSON lines', () => {
  it('names the crate of a package id in its three forms', async () => {
    const message = (id: string) => JSON.stringify({ reason: 'compiler-message', package_id: id, message: { level: 'error', message: 'boom', spans: [{ file_name: 'src/lib.rs', line_start: 2, column_start: 3, is_primary: true }] } });
    const ids = ['path+file:///w/ledger#0.1.0', 'path+file:///w/dir#ledger@0.1.0', 'ledger 0.1.0 (path+file:///w/ledger)'];
    const { output } = await parseText('build.json', ids.map(message).join('\n'));
    expect(output.findings.map((f) => `${f.package} ${f.file}:${f.line}:${f.column}`)).toEqual(Array(3).fill('ledger src/lib.rs:2:3'));
  });

  it('says so when cargo reports a failed build and no error says why', async () => {
    const { output } = await parseText('build.json', '{"reason":"build-finished","success":false}\n');
    expect(output.findings).toMatchObject([{ kind: 'compile', unexplained: true }]);
  });
});

describe('JUnit of several documents one after another', () => {
  it('reads every document, and adds up what their roots declare', async () => {
    const doc = (name: string) => `<?xml version="1.0"?><testsuite name="s" tests="1"><testcase classname="c" name="${name}"/></testsuite>`;
    const { format, output } = await parseText('junit.xml', `${doc('a')}\n${doc('b')}\n`);
    expect(format).toBe('junit-xml');
    expect(output.tests.length + (output.passed?.reduce((n, g) => n + g.ids.length, 0) ?? 0)).toBe(2);
    expect(output.declared).toEqual([{ total: 2, what: 'the tests="…" of 2 root elements', line: 1, scope: 'file' }]);
    expect(output.diagnostics).toEqual([]);
  });
});
