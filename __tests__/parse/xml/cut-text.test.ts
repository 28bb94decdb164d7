import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CUT_MARK } from '../../../src/parse/parser.js';
import { cutLongText } from '../../../src/parse/xml/cut-text.js';

/*
 * Every well-formed XML report among the real files of the fixtures, its texts cut: at 64 KiB the
 * same (none holds a longer text); at a few characters still well-formed, its elements and
 * attributes the same, each text as it was or its start ending in CUT_MARK, never inside a reference.
 */

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'fixtures');

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return xmlFiles(full);
    return e.name.endsWith('.xml') ? [full] : [];
  });
}

const documents = xmlFiles(FIXTURES).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  // Entity declarations are attacks (tested apart), not what a tool writes.
  return XMLValidator.validate(text) === true && !text.includes('<!ENTITY') ? [[path.relative(FIXTURES, file), text] as const] : [];
});

// In document order, entities as written: texts and CDATA compare as the cut left them.
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, processEntities: false, trimValues: false, parseTagValue: false, parseAttributeValue: false, cdataPropName: '#cdata', commentPropName: '#comment' });

type Node = Record<string, unknown>;

/** Pairs the trees' texts after checking that their elements and attributes are the same. */
function pairTexts(a: Node[], b: Node[], into: [string, string][]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    const keys = Object.keys(x);
    if (keys.join() !== Object.keys(y).join()) return false;
    return keys.every((k) => {
      // Attributes, comments and declarations are markup: never cut.
      if (k === ':@' || k === '#comment' || k.startsWith('?')) return JSON.stringify(x[k]) === JSON.stringify(y[k]);
      if (k === '#text') {
        into.push([String(x[k]), String(y[k])]);
        return true;
      }
      return pairTexts(x[k] as Node[], y[k] as Node[], into);
    });
  });
}

describe('cutting the long texts of an XML piece', () => {
  it('has real reports to read, none with a text over 64 KiB: each stays as it is', () => {
    expect(documents.length).toBeGreaterThan(150);
    expect(documents.filter(([, t]) => cutLongText(t) !== t).map(([name]) => name)).toEqual([]);
  });

  it('cuts only what is longer than the limit, and keeps every element, attribute and reference whole', () => {
    const wrong: unknown[] = [];
    let cuts = 0;
    let referencesNearCut = 0;
    for (const max of [40, 43, 46, 49]) {
      for (const [name, text] of documents) {
        const cut = cutLongText(text, max);
        if (XMLValidator.validate(cut) !== true) {
          wrong.push({ name, max, invalid: XMLValidator.validate(cut) });
          continue;
        }
        const texts: [string, string][] = [];
        if (!pairTexts(parser.parse(text) as Node[], parser.parse(cut) as Node[], texts)) wrong.push({ name, max, structure: 'differs' });
        for (const [before, after] of texts) {
          if (before === after) {
            if (before.length > max) wrong.push({ name, max, uncut: before.slice(0, 80) });
            continue;
          }
          cuts++;
          const kept = after.slice(0, -CUT_MARK.length);
          if (before.slice(max - 10, max + 10).includes('&')) referencesNearCut++;
          if (!(after.endsWith(CUT_MARK) && before.startsWith(kept) && kept.length <= max && kept.length > max - 10)) wrong.push({ name, max, before: before.slice(0, 80), kept });
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cuts).toBeGreaterThan(1000);
    expect(referencesNearCut).toBeGreaterThan(50);
  });

  it('never splits a reference written with leading zeros, nor a surrogate pair', () => {
    const reference = cutLongText(`<a>${'x'.repeat(30)}&#0000000000065;${'y'.repeat(30)}</a>`, 40);
    expect(reference).toBe(`<a>${'x'.repeat(30)}${CUT_MARK}</a>`);
    expect(XMLValidator.validate(reference)).toBe(true);
    const pair = cutLongText(`<a>${'x'.repeat(39)}\u{1F600}${'y'.repeat(30)}</a>`, 40);
    expect(pair).toBe(`<a>${'x'.repeat(39)}${CUT_MARK}</a>`);
  });
});
