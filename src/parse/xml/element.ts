import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic } from '../../model/report.js';
import { cutLongText } from './cut-text.js';
import { decodeEntities } from './entities.js';

/** An element as the walkers see it: attributes under `$`, text under `#text`, children always arrays. */
export interface XmlElement {
  $?: Record<string, string>;
  '#text'?: string;
  [child: string]: XmlElement[] | Record<string, string> | string | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  removeNSPrefix: true,
  cdataPropName: false,
  commentPropName: false,
  alwaysCreateTextNode: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  // Pieces never carry a DOCTYPE: XML's five entities and character references (&#xD; in .NET
  // messages) are all there is to decode, done the same way the streaming scanner does it.
  processEntities: false,
  tagValueProcessor: (_name, value) => decodeEntities(value),
  attributeValueProcessor: (_name, value) => decodeEntities(value),
});

/**
 * Parses a whole XML document (a captured piece), each text in it cut at 64 KiB; a malformed one
 * yields a diagnostic with the line the validator names.
 */
export function parseXml(xml: string, file: string): { root: Record<string, XmlElement[]> } | { diagnostic: Diagnostic } {
  const text = cutLongText(xml);
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    return { diagnostic: { file, line: valid.err.line, message: `malformed XML: ${valid.err.msg}` } };
  }
  try {
    return { root: parser.parse(text) as Record<string, XmlElement[]> };
  } catch (error) {
    return { diagnostic: { file, message: `XML could not be read: ${(error as Error).message}` } };
  }
}

/** Name of the first element of an XML document (without namespace prefix), or undefined. */
export function xmlRootName(head: string): string | undefined {
  let i = 0;
  for (;;) {
    i = head.indexOf('<', i);
    if (i < 0) return undefined;
    const next = head[i + 1];
    if (next === '?') i = head.indexOf('?>', i) + 2;
    else if (head.startsWith('<!--', i)) i = head.indexOf('-->', i) + 3;
    else if (next === '!') {
      // A DOCTYPE's internal subset holds '>' of its own declarations: skip to its ']' first.
      const bracket = head.indexOf('[', i);
      const close = head.indexOf('>', i);
      i = bracket >= 0 && bracket < close ? head.indexOf('>', head.indexOf(']', bracket)) + 1 : close + 1;
    }
    else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(head.slice(i, i + 200));
      return match ? match[1]!.replace(/^.*:/, '') : undefined;
    }
    if (i <= 2) return undefined;
  }
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el?.$?.[name];
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  const value = el?.[name];
  return Array.isArray(value) ? value : [];
}

export function text(el: XmlElement | string | undefined): string {
  if (typeof el === 'string') return el;
  return typeof el?.['#text'] === 'string' ? el['#text'] : '';
}

export function numberAttr(el: XmlElement | undefined, name: string): number | undefined {
  return numberValue(attr(el, name));
}

/** An attribute's text as a number, as numberAttr reads it. */
export function numberValue(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  // '0,015' is a decimal comma (NUnit 2 in some locales); '1,234.5' has a thousands separator.
  // Most values have neither, and Number() alone reads them: no regular expression per test.
  const text = !raw.includes(',') ? raw : /^\s*-?\d+,\d+\s*$/.test(raw) ? raw.replace(',', '.') : raw.replace(/,/g, '');
  const n = Number(text);
  // Number() reads blank text as 0; a blank attribute says nothing.
  if (n === 0 && raw.trim() === '') return undefined;
  return Number.isFinite(n) ? n : undefined;
}
