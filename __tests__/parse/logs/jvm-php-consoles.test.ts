import { describe, expect, it } from '@jest/globals';
import { sourceFromText } from '../../../src/collect/read.js';
import { compilerOutputParser, detectCompilerOutput } from '../../../src/parse/logs/index.js';

/*
 * Console lines of PHPUnit and Surefire that the real corpus (__tests__/real) does not hold: a
 * green PHPUnit run and surefire's fork timeout (the line as Maven 3 prints it, from surefire's
 * SurefireHelper.createErrorMessage).
 */

async function parse(text: string) {
  return compilerOutputParser.parse(sourceFromText('console.log', text));
}

describe('PHPUnit and Surefire consoles', () => {
  it("a green PHPUnit run is PHPUnit's: its count is declared", async () => {
    const text = 'PHPUnit 9.6.7 by Sebastian Bergmann and contributors.\n\n.....                                                               5 / 5 (100%)\n\nTime: 00:00.010, Memory: 6.00 MB\n\nOK (5 tests, 7 assertions)\n';
    expect(detectCompilerOutput(text)).toBe(true);
    const out = await parse(text);
    expect(out).toMatchObject({ runner: 'phpunit', declared: [{ total: 5, what: 'OK (5 tests, 7 assertions)', scope: 'runner' }], findings: [] });
  });

  it('a surefire fork that timed out is a P0 timeout', async () => {
    const out = await parse(
      '[INFO] --- maven-surefire-plugin:2.20.1:test (default-test) @ hive-standalone-metastore ---\n' +
        '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.20.1:test (default-test) on project hive-standalone-metastore: There was a timeout or other error in the fork -> [Help 1]\n',
    );
    expect(out.findings.map((f) => [f.kind, f.message])).toEqual([['timeout', 'There was a timeout or other error in the fork']]);
    expect(out.runner).toBe('surefire');
  });
});
