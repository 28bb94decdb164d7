import type { XmlElement } from './element.js';
import { decodeEntities } from './entities.js';
import type { XmlPiece } from './scanner.js';
import type { XmlNames } from './tags.js';
import { tagEnd } from './tags.js';

// Names fast-xml-parser refuses or renames (prototype pollution guards): left to it.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const PLAIN_NAME = /^[A-Za-z_][\w.-]*$/;
// Attributes as XML writes them, each after whitespace, no prefixes, no '<' in values.
const PLAIN_ATTRIBUTES = /^(?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*$/;
const PLAIN_ATTRIBUTE = /([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
// An '&' the validator accepts in text and decodeEntities reads.
const REFERENCE = /&(?:[A-Za-z]{1,20}|#\d+|#x[0-9a-fA-F]+);/y;

interface StartTag {
  name: string;
  attrs: Record<string, string> | undefined;
  end: number;
  selfClosing: boolean;
}

/** The start tag at `at`, when its name and attributes are plain; undefined for anything else. */
function plainStartTag(names: XmlNames, xml: string, at: number): StartTag | undefined {
  const end = tagEnd(xml, at);
  if (end < 0) return undefined;
  const name = names.localName(xml, at + 1);
  if (!PLAIN_NAME.test(name) || RESERVED.has(name)) return undefined;
  const selfClosing = xml.charCodeAt(end - 2) === 47;
  const rest = xml.slice(at + 1 + name.length, selfClosing ? end - 2 : end - 1);
  if (!PLAIN_ATTRIBUTES.test(rest)) return undefined;
  let attrs: Record<string, string> | undefined;
  PLAIN_ATTRIBUTE.lastIndex = 0;
  for (let m = PLAIN_ATTRIBUTE.exec(rest); m; m = PLAIN_ATTRIBUTE.exec(rest)) {
    const attr = m[1]!;
    // fast-xml-parser drops `xmlns`; a repeated attribute fails validation.
    if (RESERVED.has(attr) || attr === 'xmlns' || (attrs && attr in attrs)) return undefined;
    (attrs ??= {})[attr] = decodeEntities(m[2] ?? m[3]!);
  }
  return { name, attrs, end, selfClosing };
}

/** Index past `</name>` (whitespace allowed before '>') at `at`, or -1. */
function closeTagEnd(xml: string, at: number, name: string): number {
  if (!xml.startsWith(name, at + 2)) return -1;
  let i = at + 2 + name.length;
  while (i < xml.length && (xml.charCodeAt(i) === 32 || xml.charCodeAt(i) === 9 || xml.charCodeAt(i) === 10)) i++;
  return xml.charCodeAt(i) === 62 ? i + 1 : -1;
}

/** Decoded text between `from` and `to`, or undefined when an '&' there is one the validator would refuse. */
function plainText(xml: string, from: number, to: number): string | undefined {
  for (let amp = xml.indexOf('&', from); amp >= 0 && amp < to; amp = xml.indexOf('&', amp + 1)) {
    REFERENCE.lastIndex = amp;
    if (!REFERENCE.test(xml)) return undefined;
  }
  return decodeEntities(xml.slice(from, to));
}

/**
 * A captured element whose children are all leaves — a <testcase> with its <failure> and
 * <system-out> — read into exactly the element parseXml would give, at the cost of one scan
 * instead of fast-xml-parser's validation and parse (seconds for 15,000 failures with stack
 * traces). Undefined for anything it does not read the same way: nested elements, comments,
 * processing instructions, prefixed or unusual names, text beside the children, markup the
 * validator could refuse. Those go to parseXml, which also says what is wrong with them.
 */
export function readLeafElement({ xml: text, names }: Pick<XmlPiece, 'xml' | 'names'>): XmlElement | undefined {
  // fast-xml-parser reads every line ending as '\n', in attribute values and CDATA as well.
  const xml = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const root = xml.charCodeAt(0) === 60 ? plainStartTag(names, xml, 0) : undefined;
  if (!root || root.selfClosing) return undefined;
  const el: XmlElement = {};
  let between = '';
  let hasChildren = false;
  for (let i = root.end; ; ) {
    const lt = xml.indexOf('<', i);
    if (lt < 0 || xml.slice(i, lt).trim() !== '') return undefined;
    between += xml.slice(i, lt);
    if (xml.charCodeAt(lt + 1) === 47) {
      if (closeTagEnd(xml, lt, root.name) !== xml.length) return undefined;
      break;
    }
    const child = plainStartTag(names, xml, lt);
    if (!child) return undefined;
    let text = '';
    i = child.end;
    if (!child.selfClosing) {
      // Text and CDATA sections, each decoded on its own as fast-xml-parser does, up to the end tag.
      for (;;) {
        const next = xml.indexOf('<', i);
        if (next < 0) return undefined;
        if (next > i) {
          const run = plainText(xml, i, next);
          if (run === undefined) return undefined;
          text += run;
        }
        if (xml.startsWith('<![CDATA[', next)) {
          const close = xml.indexOf(']]>', next + 9);
          if (close < 0) return undefined;
          if (close > next + 9) text += decodeEntities(xml.slice(next + 9, close));
          i = close + 3;
          continue;
        }
        if (xml.charCodeAt(next + 1) !== 47) return undefined;
        i = closeTagEnd(xml, next, child.name);
        if (i < 0) return undefined;
        break;
      }
    }
    const value: XmlElement = { '#text': text };
    if (child.attrs) value.$ = child.attrs;
    const siblings = el[child.name] as XmlElement[] | undefined;
    if (siblings) siblings.push(value);
    else el[child.name] = [value];
    hasChildren = true;
  }
  if (between !== '' || !hasChildren) el['#text'] = between;
  if (root.attrs) el.$ = root.attrs;
  return el;
}

