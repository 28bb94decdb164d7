import { describe, expect, it } from '@jest/globals';
import { sourceFromText } from '../../../src/collect/read.js';
import { compilerOutputParser, detectCompilerOutput } from '../../../src/parse/logs/index.js';

/* Linkers other than the GNU ld of the real corpus (__tests__/real/ctest.test.ts), and the CMake target they stop. */

async function read(log: string) {
  expect(detectCompilerOutput(log)).toBe(true);
  const out = await compilerOutputParser.parse(sourceFromText('build.log', log));
  return out.findings.map((f) => [f.kind, f.package, f.message, f.excerpt?.split('\n').length]);
}

describe('link errors in a CMake build', () => {
  it('lld, under the target ninja was linking', async () => {
    const log = ['[3/4] Linking CXX executable tests/unit', 'FAILED: tests/unit ', 'ld.lld: error: undefined symbol: calc::total()', '>>> referenced by unit.cpp', 'clang++: error: linker command failed with exit code 1 (use -v to see invocation)'].join('\n');
    expect(await read(log)).toEqual([['compile', 'unit', 'undefined symbol: calc::total()', 3]]);
  });

  it("Apple ld's symbol list, under the target make was linking", async () => {
    const log = [
      '[ 50%] Linking CXX executable app_test',
      'Undefined symbols for architecture arm64:',
      '  "calc::total()", referenced from:',
      '      Calc_Total_Test::TestBody() in app_test.cpp.o',
      'ld: symbol(s) not found for architecture arm64',
      'clang: error: linker command failed with exit code 1 (use -v to see invocation)',
      'make[2]: *** [CMakeFiles/app_test.dir/build.make:97: app_test] Error 1',
    ].join('\n');
    expect(await read(log)).toEqual([['compile', 'app_test', 'Undefined symbols for architecture arm64', 5]]);
  });

  it('a missing library is a dependency', async () => {
    expect(await read('/usr/bin/ld: cannot find -lssl: No such file or directory\ncollect2: error: ld returned 1 exit status')).toEqual([
      ['dependency', undefined, 'cannot find -lssl: No such file or directory', 2],
    ]);
  });
});
