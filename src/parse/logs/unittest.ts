export const UNITTEST_RULE = '='.repeat(70);
const UNITTEST_HEADER = /^(?:ERROR|FAIL): \S+ \((.+)\)$/;
/** unittest's count, before its `OK`/`FAILED (…)` line. */
export const UNITTEST_END = /^Ran (\d{1,9}) tests? in /;
/** The class that stands for a test module which failed to import. */
export const UNITTEST_FAILED_IMPORT = 'unittest.loader._FailedTest';

/** Python's unittest: which of its tracebacks are a failing test's, and which a module's that did not load. */
export class UnittestReader {
  private state: 'suppress' | 'load' | undefined;

  /** Whether the traceback that follows is of a module that failed to load: a collection error. */
  get loading(): boolean {
    return this.state === 'load';
  }

  /** True for the lines of a failing test, which are not findings; undefined for any other line. */
  line(line: string, previous: string): true | undefined {
    const header = previous === UNITTEST_RULE ? UNITTEST_HEADER.exec(line) : null;
    if (header) {
      // A module that failed to import shows up as a test of `unittest.loader._FailedTest`.
      this.state = header[1]!.includes(UNITTEST_FAILED_IMPORT) ? 'load' : 'suppress';
      return true;
    }
    if (UNITTEST_END.test(line) || line === UNITTEST_RULE) this.state = undefined;
    // A failing test's traceback is the test's failure, not a crash.
    return this.state === 'suppress' || undefined;
  }
}
