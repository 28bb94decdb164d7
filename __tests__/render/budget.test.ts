import { describe, expect, it } from '@jest/globals';
import { buildReport } from '../../src/pipeline.js';
import { fitMarkdown, LADDER, LIMITS, utf8Bytes } from '../../src/render/budget.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { context, parsed, test } from '../helpers/model.js';

// Digits are normalized away when failures are grouped: letters keep 3,000 failures distinct.
const word = (i: number) => [...i.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('');

// 3,000 distinct failures, each with a trace of 30 lines: a rendering in full is megabytes.
const big = () =>
  buildReport(
    [
      parsed('junit.xml', 'junit-xml', {
        tests: Array.from({ length: 3000 }, (_, i) =>
          test(`test_${i}`, 'failed', {
            // Non-ASCII text: the job summary's limit is in bytes, the others in characters.
            failure: { message: `échec de ${word(i)} : attendu « ${word(i)} », reçu « ${word(i + 1)} »`, details: Array.from({ length: 30 }, (_, l) => `    at frame${l} (src/module_${word(i)}.ts:${l + 1}:7)`).join('\n') },
            file: `src/module_${word(i)}.test.ts`,
            line: 10 + i,
          }),
        ),
      }),
    ],
    context(),
  );

describe('fitting the markdown report to GitHub limits', () => {
  const report = big();

  it('stops listing blockers once the text is surely too long, and only then', () => {
    const full = renderMarkdown(report);
    const stopped = renderMarkdown(report, { stopAfter: 50_000 });
    expect(full.length).toBeGreaterThan(1_000_000);
    expect(stopped.length).toBeGreaterThan(50_000);
    expect(stopped.length).toBeLessThan(60_000);
    // A limit the whole rendering is within changes nothing.
    expect(renderMarkdown(report, { stopAfter: full.length })).toBe(full);
  });

  const marker = '<!-- verdict -->';
  const chars = (t: string) => t.length;

  it.each([
    ['job summary (bytes)', LIMITS.jobSummaryBytes, utf8Bytes],
    ['comment', LIMITS.comment, chars],
  ])('gives the fullest rendering that fits: %s', (_, limit, measure) => {
    const fitted = fitMarkdown(report, limit, { measure, marker });
    expect(measure(fitted.markdown)).toBeLessThanOrEqual(limit);
    expect(fitted.step).toBeGreaterThan(0);
    expect(fitted.step).toBeLessThan(LADDER.length);
    // The step's rendering in full, and the note that says it was shortened.
    const full = renderMarkdown(report, { ...LADDER[fitted.step], marker });
    expect(fitted.markdown.startsWith(full)).toBe(true);
    const note = fitted.markdown.slice(full.length);
    expect(note).toContain("Shortened to fit GitHub's size limit");
    // Every step before it, rendered in full, is too long: stopping early chose no shorter step than needed.
    LADDER.slice(0, fitted.step).forEach((step, i) => {
      expect(measure(renderMarkdown(report, { ...step, marker }) + (i > 0 ? note : ''))).toBeGreaterThan(limit);
    });
  });

  it('cuts the most collapsed rendering at a line when nothing on the ladder fits', () => {
    const fitted = fitMarkdown(report, 2_000, { marker });
    expect(fitted.step).toBe(LADDER.length);
    expect(fitted.markdown.length).toBeLessThanOrEqual(2_000);
    const smallest = renderMarkdown(report, { ...LADDER[LADDER.length - 1], marker });
    const cut = fitted.markdown.slice(0, fitted.markdown.indexOf("\n\n> Cut to fit GitHub's size limit"));
    expect(smallest.startsWith(cut)).toBe(true);
  });
});
