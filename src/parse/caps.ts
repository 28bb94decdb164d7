import type { ParseOutput } from '../model/report.js';
import { CUT_MARK, MAX_LOG_LINE } from './parser.js';
import { detach } from './xml/detach.js';

/*
 * The longest message, details, excerpt or skip reason a report keeps (64 KiB, as a log line):
 * whatever follows reads them with patterns and shows them, and a 200 MB message must reach
 * neither (issue 20). What was cut ends in CUT_MARK.
 */

/** Where to cut `text` at `at`, or just before: never between the two halves of a surrogate pair. */
export function cutIndex(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** `text` cut at `max` characters with CUT_MARK, copied out: a slice would keep the whole text alive. */
export function capText(text: string, max = MAX_LOG_LINE): string {
  return text.length <= max ? text : detach(text.slice(0, max) + CUT_MARK);
}

/** Caps every free text of a parse's output, whichever parser read it. */
export function capOutput(out: ParseOutput): ParseOutput {
  for (const t of out.tests) {
    if (t.failure) {
      t.failure.message = capText(t.failure.message);
      if (t.failure.details !== undefined) t.failure.details = capText(t.failure.details);
    }
    if (t.skipReason !== undefined) t.skipReason = capText(t.skipReason);
  }
  for (const f of out.findings) {
    f.message = capText(f.message);
    if (f.excerpt !== undefined) f.excerpt = capText(f.excerpt);
  }
  return out;
}
