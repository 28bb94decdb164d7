import type { Finding, TestCase, TestStatus } from '../../model/report.js';
import { libtestFailure } from './panic.js';

/* A test as libtest reports it, in its console, JSON and JUnit forms alike. */

/** libtest's marks after a name: `- should panic`, and rustdoc's `- compile fail`, `- compile`. */
export function plainName(name: string): string {
  return name.replace(/ - (?:should panic|compile fail|compile)$/, '');
}

export function libtestCase(name: string, status: TestStatus, origin: string, suite: string, output?: string, skipReason?: string): TestCase {
  const test = plainName(name);
  const failure = status === 'failed' ? libtestFailure(output ?? '') : undefined;
  return {
    id: suite ? `${suite}::${test}` : test,
    name: test,
    suite,
    ...(failure?.file ? { file: failure.file, line: failure.line } : {}),
    status,
    attempts: 1,
    ...(status === 'failed' ? { failure: { message: failure?.message ?? 'failed', type: failure?.type, details: (failure?.details ?? output?.trim()) || undefined } } : {}),
    ...(skipReason ? { skipReason } : {}),
    origin,
  };
}

/**
 * A test binary that stopped before it reported every test: crashed, or killed with the run. The
 * test it was running comes first: findings of one kind are told apart by how their message starts.
 */
export function stoppedBinary(
  kind: 'crash' | 'timeout',
  origin: string,
  what: { binary: string; how: string; running?: string; declared?: number; reported: number; excerpt?: string },
): Finding {
  const missing = what.declared === undefined ? 0 : Math.max(0, what.declared - what.reported);
  const running = what.running ? plainName(what.running) : undefined;
  const lost = what.declared === undefined ? '' : `: ${missing} of its ${what.declared} tests never reported a result`;
  return {
    kind,
    message: `${running ? `${running}: ` : ''}${what.binary} ${what.how}${lost}`,
    ...(what.excerpt ? { excerpt: what.excerpt } : {}),
    tests: running ? [running] : [],
    ...(missing > 0 ? { blockedCount: missing } : {}),
    origin,
  };
}
