import type { Finding } from '../../model/report.js';
import { sourcePathOf } from '../../text/java-frames.js';
import type { LogSink } from './block.js';
import { Block, finding } from './block.js';

/*
 * The console of Maven Surefire/Failsafe and of Ant's junit task. What the XML cannot say is
 * here: a forked JVM that died or timed out (surefire then writes no report for the classes it
 * ran), and how many tests ran, which is compared with the reports of the same runner.
 */

const SUREFIRE_BANNER = /^\[INFO\] {1,2}T E S T S$|^\[INFO\] --- maven-(?:surefire|failsafe)-plugin:/;
// The `Results:` total has no `Time elapsed`; each class's line has one.
const SUREFIRE_TOTAL = /^\[(?:INFO|WARNING|ERROR)\] Tests run: (\d{1,9}), Failures: \d{1,9}, Errors: \d{1,9}, Skipped: \d{1,9}(?:, Flakes: \d{1,9})?$/;
// A case named after its class (no `method(Class)`): a @BeforeClass/@AfterClass error, which the total counts as a test.
const SUREFIRE_CLASS_CASE = /^\[ERROR\] ([\w$]{1,200}(?:\.[\w$]{1,200}){1,50}) {2}Time elapsed: [\d.,]{1,20} s {2}<<< (?:ERROR|FAILURE)!$/;
// Maven ends the goal's failure with ` -> [Help 1]`.
const FORK_DIED = /(The forked VM terminated without properly saying goodbye\..{0,300}?|There was a timeout (?:or other error )?in the fork.{0,300}?)(?: -> \[Help \d{1,3}\])?$/;
const ANT_CLASS_TOTAL = /^\s{0,20}\[junit\] Tests run: (\d{1,9}), Failures: \d{1,9}, Errors: \d{1,9}, Skipped: \d{1,9}, Time elapsed: /;
const ANT_BANNER = /^\s{0,20}\[junit\] Running [\w$.]{1,2000}$/;

/** `Crashed tests:` and the classes under it name what the dead fork was running. */
class ForkBlock extends Block {
  private crashed = false;

  protected continues(line: string): boolean {
    const error = /^\[ERROR\] (.*)$/.exec(line);
    if (!error) return false;
    const text = error[1]!.trim();
    if (text === 'Crashed tests:') this.crashed = true;
    else if (this.crashed && /^[\w$]{1,200}(?:\.[\w$]{1,200}){1,50}$/.test(text)) {
      const f = this.finding!;
      f.file ??= sourcePathOf(text, `${text.slice(text.lastIndexOf('.') + 1)}.java`);
      f.package ??= text.slice(0, text.lastIndexOf('.'));
    } else this.crashed = false;
    return !FORK_DIED.test(text);
  }
}

export class SurefireReader {
  private total = 0;
  private totalLine = '';
  private classCases = 0;
  private antTotal = 0;
  private antLines = 0;
  runner: 'surefire' | 'ant' | undefined;

  /** True for the lines it reads; undefined for any other. */
  line(line: string, sink: LogSink): true | undefined {
    if (SUREFIRE_BANNER.test(line)) {
      this.runner = 'surefire';
      return true;
    }
    const died = /^\[ERROR\] /.test(line) ? FORK_DIED.exec(line) : null;
    if (died) {
      const f: Finding = finding(/^There was a timeout/.test(died[1]!) ? 'timeout' : 'crash', sink.origin, died[1]!, line);
      sink.add(f);
      return sink.enter(new ForkBlock(line, f));
    }
    const total = SUREFIRE_TOTAL.exec(line);
    if (total) {
      this.total += Number(total[1]);
      this.totalLine = line.replace(/^\[\w+\] /, '');
      return true;
    }
    if (SUREFIRE_CLASS_CASE.test(line)) {
      this.classCases++;
      return true;
    }
    if (ANT_BANNER.test(line)) {
      this.runner = 'ant';
      return true;
    }
    const ant = ANT_CLASS_TOTAL.exec(line);
    if (ant) {
      this.antTotal += Number(ant[1]);
      this.antLines++;
      return true;
    }
    return undefined;
  }

  /** The runner's own count of its tests, to compare with its reports. */
  declared(): { total: number; what: string } | undefined {
    if (this.runner === 'surefire' && this.totalLine) {
      const cases = this.classCases;
      const what = cases > 0 ? `${this.totalLine} (${cases} of them a class's setup or teardown)` : this.totalLine;
      return { total: this.total - cases, what };
    }
    if (this.runner === 'ant' && this.antLines > 0) return { total: this.antTotal, what: `the "Tests run:" lines of ${this.antLines} test classes` };
    return undefined;
  }
}
