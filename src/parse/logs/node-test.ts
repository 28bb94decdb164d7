import type { Finding } from '../../model/report.js';
import type { LogSink } from './block.js';

/*
 * node --test stopped from outside (SIGINT, SIGTERM: a CI job's timeout, a cancel) while tests
 * ran. The spec reporter then lists what was running,
 *
 *   Interrupted while running:
 *
 *   ⚠ slow/hang.test.js (slow/hang.test.js:1:1)
 *
 * and the tap reporter writes `# Interrupted while running: <name> at <file:line:column>`.
 */

/** One test the run was interrupted in: its tests, and any after it, never reported. */
export function interrupted(name: string, file: string, line: number, origin: string): Finding {
  return {
    kind: 'crash',
    file,
    line,
    message: `the run was interrupted (SIGINT/SIGTERM: a job timeout or a cancel) while '${name}' ran`,
    tests: [],
    blockedCount: 1,
    origin,
  };
}

const RUNNING = /^⚠ (.{1,2000}) \(([^()]{1,4096}):(\d{1,9}):\d{1,9}\)$/;

export class NodeTestReader {
  private interrupted = false;

  /** Each test listed under `Interrupted while running:` is a finding; undefined for any other line. */
  line(line: string, sink: LogSink): true | undefined {
    if (line === 'Interrupted while running:') {
      this.interrupted = true;
      return true;
    }
    const running = this.interrupted ? RUNNING.exec(line) : null;
    if (!running) {
      this.interrupted = false;
      return undefined;
    }
    sink.add({ ...interrupted(running[1]!, running[2]!, Number(running[3]), sink.origin), excerpt: line });
    return true;
  }
}
