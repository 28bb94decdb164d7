import { cutIndex } from '../caps.js';
import { CUT_MARK, MAX_LOG_LINE } from '../parser.js';
import { tagEnd } from './tags.js';

/*
 * The XML parser builds each text it reads a character at a time: a test case holding 20 MB of
 * output took 6 s and 2.2 GB (issue 20). A reader keeps 64 KiB of any text, so each longer text
 * (or CDATA section) of a piece is cut there before the parser sees it, and says so.
 */

/** How far before a cut a reference it would split is looked for (`&#x10FFFF;`, leading zeros allowed). */
const REFERENCE_WINDOW = 32;
const OPEN_REFERENCE = /&[#0-9A-Za-z]*$/;

/**
 * `xml` with each text and CDATA section longer than `max` characters cut there, ending in
 * CUT_MARK. Markup stays as it is. The start of a piece still being read may be given: its last
 * text or CDATA section is cut as far as it came, and cut again with more, it stays the same.
 */
export function cutLongText(xml: string, max = MAX_LOG_LINE): string {
  if (xml.length <= max) return xml;
  const out: string[] = [];
  let copied = 0;
  let i = 0;
  // A text cut before (the piece read on since) is cut where it was: at its mark.
  const cutAt = (from: number, at: number): number => {
    const mark = xml.slice(from, from + max + CUT_MARK.length).indexOf(CUT_MARK);
    return mark >= 0 ? from + mark : at;
  };
  const cut = (at: number, resume: number) => {
    out.push(xml.slice(copied, cutIndex(xml, at)), CUT_MARK);
    copied = Math.max(resume, at);
  };
  for (;;) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd - i > max) {
      // Only the characters just before the cut are looked at: a search from there to the start
      // of the text, for each long text, would be quadratic.
      const open = OPEN_REFERENCE.exec(xml.slice(i + max - REFERENCE_WINDOW, i + max));
      cut(cutAt(i, i + max - (open ? open[0].length : 0)), textEnd);
    }
    if (lt < 0) break;
    let end: number;
    if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      // A section still being read is cut as far as it came, but for its last two characters,
      // which may begin its ']]>': cut again, it stays the same.
      if ((close < 0 ? xml.length : close) - (lt + 9) > max) cut(cutAt(lt + 9, lt + 9 + max), close < 0 ? xml.length - 2 : close);
      if (close < 0) break;
      end = close + 3;
    } else if (xml.startsWith('<!--', lt)) {
      end = xml.indexOf('-->', lt + 4) + 3;
    } else end = tagEnd(xml, lt);
    // Not well-formed: the parser's validator says where.
    if (end < 3) break;
    i = end;
  }
  if (copied === 0) return xml;
  out.push(xml.slice(copied));
  return out.join('');
}
