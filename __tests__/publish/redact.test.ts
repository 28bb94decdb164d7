import { describe, expect, it } from '@jest/globals';
import { buildReport } from '../../src/pipeline.js';
import { withoutSecret } from '../../src/publish/redact.js';
import { context, finding, parsed, test } from '../helpers/model.js';

const TOKEN = 'ghs_Secret0123456789abcdefABCDEF0123456';

describe('the token out of a report', () => {
  const report = () =>
    buildReport(
      [
        parsed('r.xml', 'junit-xml', {
          tests: [test('a', 'failed', { failure: { message: `401 for ${TOKEN}`, details: `Authorization: token ${TOKEN}\nretry with ${TOKEN}` } }), test('b', 'passed')],
          findings: [finding('compile', { message: `fetch ${TOKEN} failed`, package: 'pkg' })],
          diagnostics: [{ file: 'r.xml', message: `proxy said ${TOKEN}` }],
        }),
      ],
      context(),
    );

  it('replaces it in every string, however deep, and keeps everything else', () => {
    const before = JSON.stringify(report());
    expect(before).toContain(TOKEN);
    const after = JSON.stringify(withoutSecret(report(), TOKEN));
    expect(after).not.toContain(TOKEN);
    // As the JSON round trip it replaces would have it, and with the same number of replacements.
    expect(after).toBe(JSON.stringify(JSON.parse(before, (_key, value: unknown) => (typeof value === 'string' ? value.split(TOKEN).join('***') : value))));
    expect(after.split('***').length - 1).toBe(before.split(TOKEN).length - 1);
  });

  it('leaves a report alone when there is no token', () => {
    const r = report();
    const text = JSON.stringify(r);
    expect(withoutSecret(r, '')).toBe(r);
    expect(JSON.stringify(r)).toBe(text);
  });
});
