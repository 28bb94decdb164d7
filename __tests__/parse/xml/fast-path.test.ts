import { describe, expect, it, jest } from '@jest/globals';
import { sourceFromText } from '../../../src/collect/read.js';
import type { XmlPiece } from '../../../src/parse/xml/scanner.js';
import { inChunks } from '../../helpers/chunks.js';
import { seededRandom } from '../../helpers/random.js';

/*
 * The JUnit reader reads most elements by a fast path: a repeated empty <testcase> by its shape
 * (xml/shapes.ts), a test case of leaf children by readLeafElement (xml/leaf.ts). Each must read
 * exactly what the general path reads — the scanner's tag scan, fast-xml-parser. The reader is
 * loaded with both fast paths behind a switch, and reads random documents with each setting.
 */

let general = false;
/** Elements the general path read that the fast paths would have been offered. */
const offered = { shapes: 0, leaves: 0 };
const shapes = await import('../../../src/parse/xml/shapes.js');
const leaf = await import('../../../src/parse/xml/leaf.js');
jest.unstable_mockModule('../../../src/parse/xml/shapes.js', () => ({
  ...shapes,
  EmptyShapes: class extends shapes.EmptyShapes {
    // No shape is learnt: every tag is read by the general path.
    override learn(name: string, tag: string, attrs: Record<string, string>): void {
      if (general) offered.shapes++;
      else super.learn(name, tag, attrs);
    }
  },
}));
jest.unstable_mockModule('../../../src/parse/xml/leaf.js', () => ({
  readLeafElement: (piece: XmlPiece) => {
    if (!general) return leaf.readLeafElement(piece);
    offered.leaves++;
    return undefined;
  },
}));
const { junitParser } = await import('../../../src/parse/junit.js');

/** A JUnit document of the dialects' habits, with what trips readers up: entities, CDATA, CRs, odd spacing. */
function randomDocument(next: () => number): string {
  const pick = <T>(from: readonly T[]): T => from[Math.floor(next() * from.length)]!;
  const spaces = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n'];
  let count = 0;
  const unique = next() < 0.5;
  let klass = 'C';
  const quoted = (v: string) => (next() < 0.85 || v.includes('"') ? `"${v}"` : `'${v.replaceAll("'", '&apos;')}'`);
  const tricky = ['', 'a&amp;b', 'a&gt;b', '&lt;tag&gt;', 'it&apos;s', 'q&quot;', "it's", 'a>b', 'k=v', '&#65;&#x42;', 'é ü', 'sp ace'];
  const maybeTricky = (plain: readonly string[]) => (next() < 0.9 ? pick(plain) : pick(tricky));
  const values: Record<string, () => string> = {
    // One name per test in half the documents: a name that repeats in a class ends the grouping of passing tests.
    name: () => (unique || next() < 0.95 ? `t${(count++).toString(36)}${pick(['', '', '', ' &amp; é', '&#x41;'])}` : maybeTricky(['same', 'sub/test', 'a::b', 'a long name '.repeat(3)])),
    // A file lists a class's tests together; one that comes back later ends the grouping too.
    classname: () => (next() < 0.9 ? klass : (klass = unique || next() < 0.5 ? `${pick(['C', 'pkg.D', 'pkg.sub.E', 'a/b'])}${count++}` : maybeTricky(['C', '']))),
    time: () => pick(['0.001', '1.5', '0,25', '', 'x']),
    file: () => pick(['a.test.js', 'src/a.py', '']),
    line: () => pick(['1', '12', '0', '-3']),
    status: () => pick(['passed', 'skipped', 'disabled']),
  };
  // Attribute names in the orders files write them, so that shapes form and are broken again.
  const orders = [
    ['name', 'classname', 'time'],
    ['name', 'classname', 'time'],
    ['classname', 'name', 'time'],
    ['name', 'classname', 'time', 'file', 'line'],
    ['name', 'classname'],
    ['name', 'classname', 'status'],
    ['name', 'x:classname', 'time'],
    ['name', 'name', 'classname'],
  ];
  const attrs = (names: string[]) => names.map((n) => `${pick(spaces)}${n}${next() < 0.95 ? '=' : ' = '}${quoted(values[n.replace(/^.*:/, '')]!())}`).join('');
  const open = (element: string) => `<${element}${attrs(pick(orders))}`;
  const text = () =>
    pick([
      'expected 1 to be 2',
      'line one\nline two',
      'crlf\r\nline\r\n',
      'a &lt; b &amp;&amp; c',
      '<![CDATA[raw <b>markup</b> & ]]>',
      'before<![CDATA[ in ]]>after',
      '  at Foo.bar(Foo.java:12)\n  at Foo.main(Foo.java:3)',
      'a & b',
      '',
    ]);
  const child = () => {
    const element = pick(['failure', 'error', 'skipped', 'system-out', 'system-err', 'flakyFailure', 'rerunFailure']);
    const extra = next() < 0.5 ? ` message=${quoted(maybeTricky(['boom', 'a\nb']))}` : next() < 0.5 ? ` type=${quoted('E')}` : '';
    return next() < 0.2 ? `<${element}${extra}/>` : `<${element}${extra}>${text()}</${element}>`;
  };
  const testcase = () => {
    const r = next();
    if (r < 0.55) return `${open('testcase')}${next() < 0.9 ? '' : pick(spaces)}/>`;
    if (r < 0.62) return `${open('testcase')}>${pick(['', ' ', '\n  ', '\r\n'])}</testcase>`;
    if (r < 0.9) return `${open('testcase')}>${Array.from({ length: 1 + Math.floor(next() * 3) }, child).join(pick(['', '\n', ' ']))}</testcase>`;
    if (r < 0.95) return `${open('testcase')}><properties><property name="p" value=${quoted(maybeTricky(['v']))}/></properties>${child()}</testcase>`;
    if (r < 0.97) return `${open('testcase')}><!-- note -->${child()}</testcase>`;
    return pick([`<skipped message="s"/>`, `<error message=${quoted(maybeTricky(['setup']))}>${text()}</error>`, `<ns:testcase name="n" classname="C"/>`]);
  };
  const suite = (depth: number): string => {
    const head = pick(['', ` name=${quoted(maybeTricky(['s1']))}`, ` name="suite.test.js"`, ` name="pkg/x" package="pkg"`, ` name="s" file="s/f.py"`]);
    const cases = Array.from({ length: Math.floor(next() * 60) }, testcase);
    if (depth < 2 && next() < 0.3) cases.push(suite(depth + 1));
    return `<testsuite${head}>\n${cases.join(pick(['\n', '\n  ', '']))}\n</testsuite>`;
  };
  const suites = Array.from({ length: 1 + Math.floor(next() * 3) }, () => suite(0)).join('\n');
  return `${next() < 0.5 ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${next() < 0.8 ? `<testsuites>\n${suites}\n</testsuites>` : suite(0)}\n`;
}

describe('the fast paths of the JUnit reader', () => {
  it('read random documents as the general path reads them', async () => {
    const next = seededRandom(18);
    let tests = 0;
    let grouped = 0;
    for (let doc = 0; doc < 300; doc++) {
      const xml = randomDocument(next);
      // Chunk boundaries fall inside tags, values and CDATA: the fast path must wait for the rest as the general one does.
      const fast = await junitParser.parse(inChunks('r.xml', xml, [7, 64, 1000, 1 << 20][doc % 4]!));
      general = true;
      const slow = await junitParser.parse(sourceFromText('r.xml', xml));
      general = false;
      expect({ doc, ...fast }).toEqual({ doc, ...slow });
      tests += fast.tests.length;
      grouped += (fast.passed ?? []).reduce((n, g) => n + g.ids.length, 0);
    }
    // The documents reach both fast paths, and the general path was taken without them.
    expect(Math.min(tests, grouped, offered.shapes, offered.leaves)).toBeGreaterThan(1000);
  });
});
