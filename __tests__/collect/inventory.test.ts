import { describe, expect, it } from '@jest/globals';
import { goTestsDeclared } from '../../src/collect/inventory.js';

describe('test inventory from Go source', () => {
  it('finds tests, fuzz targets and examples; not TestMain, benchmarks, helpers or lower-case names', () => {
    const source = [
      'func TestMain(m *testing.M) { os.Exit(m.Run()) }',
      'func TestAdd(t *testing.T) {}',
      'func Test_underscore(t *testing.T) {}',
      'func Testing(t *testing.T) {}',
      'func FuzzParse(f *testing.F) {}',
      'func ExampleAdd() {}',
      'func BenchmarkAdd(b *testing.B) {}',
      'func TestHelper(t testing.TB) {}',
      '  func TestIndented(t *testing.T) {}',
    ].join('\n');
    expect(goTestsDeclared(source)).toEqual(['TestAdd', 'Test_underscore', 'FuzzParse', 'ExampleAdd']);
  });
});
