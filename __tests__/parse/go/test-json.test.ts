import { describe, expect, it } from '@jest/globals';
import { parseCorpus, parseText } from '../../helpers/fixtures.js';

const G = 'go-test-json/gotestsum';
const statuses = (tests: { name: string; status: string }[]) => Object.fromEntries(tests.map((t) => [t.name, t.status]));

describe('go test -json', () => {
  it('a package with no result is where the stream ends: a truncated P0 naming the tests it lost, which are not failures', async () => {
    const ev = (o: object) => JSON.stringify({ Package: 'example.com/m/a', ...o });
    const stream = [ev({ Action: 'run', Test: 'TestA' }), ev({ Action: 'pass', Test: 'TestA' }), ev({ Action: 'run', Test: 'TestB' }), ev({ Action: 'output', Test: 'TestB', Output: '=== RUN   TestB\n' })].join('\n');
    const { output } = await parseText('go-test.json', stream);
    expect(statuses(output.tests)).toEqual({ TestA: 'passed' });
    expect(output.findings).toEqual([expect.objectContaining({ kind: 'truncated', line: 4, blocks: ['TestB'], message: 'Report ends early (no result for example.com/m/a, line 4): every test after the cut is lost' })]);
  });

  it('reads go >= 1.24 build-output events as a compile error of the package, with file:line:col', async () => {
    const { format, output } = await parseCorpus(`${G}/cmd/testdata/input/go-test-build-failed.out`);
    expect(format).toBe('go-test-json');
    expect(output.tests).toHaveLength(0);
    expect(output.findings).toEqual([
      expect.objectContaining({
        kind: 'compile',
        package: 'example.com/internal/cacher',
        file: 'example.com/internal/cacher/directory_test.go',
        line: 321,
        column: 10,
        message: 'undefined: assert.foo',
      }),
    ]);
  });

  it('reads older streams where compiler errors are plain lines', async () => {
    const { output } = await parseCorpus('go-test-json/go-junit-report/testdata/102-broken.gojson.txt');
    expect(output.findings.map((f) => [f.kind, f.package, f.file, f.line, f.message])).toEqual([
      ['compile', 'package/name/broken', 'package/name/broken/main.go', 4, 'unused declared but not used'],
      ['compile', 'package/name/broken', 'package/name/broken/main.go', 5, 'undefined: fmt'],
      ['compile', 'package/name/broken', 'package/name/broken/main.go', 5, 'undefined: value'],
    ]);
  });

  it('says when a package failed to build but its errors went to stderr', async () => {
    const stream = [
      '{"Action":"start","Package":"example.com/m/broken"}',
      '{"Action":"output","Package":"example.com/m/broken","Output":"FAIL\\texample.com/m/broken [build failed]\\n"}',
      '{"Action":"fail","Package":"example.com/m/broken","Elapsed":0}',
    ].join('\n');
    const { output } = await parseText('go.json', stream);
    expect(output.findings).toHaveLength(1);
    expect(output.findings[0]).toMatchObject({ kind: 'compile', package: 'example.com/m/broken' });
    expect(output.findings[0]!.message).toMatch(/2> build\.log/);
  });

  it('reads a panic in init: the frame that raised it, and no test to blame', async () => {
    const { output } = await parseCorpus('go-test-json/go-junit-report/testdata/105-panic.gojson.txt');
    expect(output.findings).toEqual([
      expect.objectContaining({ kind: 'panic', package: 'package/name/panic', file: 'package/name/panic/main_test.go', line: 6, message: 'panic: init in panic.init.0' }),
    ]);
  });

  it('counts a rerun that passed as flaky, with every attempt', async () => {
    const { output } = await parseCorpus(`${G}/cmd/testdata/go-test-json-flaky-rerun.out`);
    const byName = Object.fromEntries(output.tests.map((t) => [t.name, t]));
    expect(byName.TestAlwaysPasses).toMatchObject({ status: 'passed', attempts: 1 });
    expect(byName.TestFailsRarely).toMatchObject({ status: 'flaky', attempts: 2 });
    expect(byName.TestFailsSometimes).toMatchObject({ status: 'flaky', attempts: 3 });
    expect(byName.TestFailsOften).toMatchObject({ status: 'flaky', attempts: 4 });
  });

  it('reads subtests as tests of their own and the assertion line of a failure', async () => {
    const { output } = await parseCorpus('go-test-json/go-junit-report/testdata/103-subtests.gojson.txt');
    expect(output.tests).toHaveLength(4);
    const failed = output.tests.filter((t) => t.status === 'failed');
    expect(failed.length).toBe(2);
  });

  it('reads a data race once, with both accesses', async () => {
    const { output } = await parseCorpus('go-test-json/go-junit-report/testdata/104-race.gojson.txt');
    const races = output.findings.filter((f) => f.kind === 'race');
    expect(races).toHaveLength(1);
    expect(races[0]!.message).toMatch(/^data race: (read|write) in .* vs previous (read|write) in /);
    expect(statuses(output.tests)).toEqual({ TestRace: 'failed' });
  });
});
