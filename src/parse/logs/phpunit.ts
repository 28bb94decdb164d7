import type { LogSink } from './block.js';
import { Block, open } from './block.js';

/*
 * PHPUnit's console, and the fatal errors of PHP that end it: a test file that does not load
 * (a parse error, a missing class while PHPUnit includes it) or a test that kills the process
 * (memory exhausted, a fatal error) leaves no JUnit report, only these lines.
 */

const BANNER = /^PHPUnit \d{1,3}\.\d{1,3}\S{0,40} by Sebastian Bergmann and contributors\.$/;
// The progress line may run into it: `.PHP Fatal error: …`.
const FATAL = /^[.EFIRSWD]{0,1000}(?:PHP )?(?:Fatal|Parse) error: {1,4}(.{1,2000}?) in (\S.{0,1000}?)(?::(\d{1,7})| on line (\d{1,7}))$/;
const TOTAL = /^Tests: (\d{1,9}), Assertions: \d{1,9}\b.{0,200}$/;
const OK = /^OK \((\d{1,9}) tests?, \d{1,9} assertions?\)$/;
// A class hook PHPUnit lists (and counts) as a test of its own.
const HOOK_CASE = /^\d{1,9}\) [\w\\]{1,500}::(?:setUpBeforeClass|tearDownAfterClass)$/;

/** The stack trace under a fatal error; a frame in PHPUnit's file loader means the file did not load. */
class FatalBlock extends Block {
  protected continues(line: string): boolean {
    if (!/^(?:Stack trace:|#\d{1,4} |Next |\s)/.test(line)) return false;
    if (/^#\d{1,4} \S{0,1000}PHPUnit\/Util\/FileLoader\.php\(/.test(line) && this.finding) this.finding.kind = 'collection';
    return true;
  }
}

export class PhpunitReader {
  runner: 'phpunit' | undefined;
  private total: { count: number; what: string } | undefined;
  private hookCases = 0;

  /** True for the lines it reads; undefined for any other. */
  line(line: string, sink: LogSink): true | undefined {
    if (BANNER.test(line)) {
      this.runner = 'phpunit';
      return true;
    }
    const fatal = FATAL.exec(line);
    if (fatal) {
      const [, message, file, colonLine, onLine] = fatal;
      // A fatal error ends the process: whatever was running, and every test after it, never reports.
      return open(sink, FatalBlock, 'crash', message!, line, file, colonLine ?? onLine);
    }
    if (HOOK_CASE.test(line)) {
      this.hookCases++;
      return true;
    }
    const total = TOTAL.exec(line) ?? OK.exec(line);
    if (total) {
      this.total = { count: Number(total[1]), what: line };
      return true;
    }
    return undefined;
  }

  /** PHPUnit's own count of its tests, less the class hooks it counts as tests. */
  declared(): { total: number; what: string } | undefined {
    if (!this.total) return undefined;
    const what = this.hookCases > 0 ? `${this.total.what} (${this.hookCases} of them a class's setUpBeforeClass/tearDownAfterClass)` : this.total.what;
    return { total: this.total.count - this.hookCases, what };
  }
}
