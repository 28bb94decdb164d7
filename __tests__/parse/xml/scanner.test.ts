import { describe, expect, it } from '@jest/globals';
import type { Diagnostic } from '../../../src/model/report.js';
import type { XmlPiece } from '../../../src/parse/xml/scanner.js';
import { TextBatches } from '../../../src/parse/xml/detach.js';
import { DEFAULT_LIMITS, scanXml } from '../../../src/parse/xml/scanner.js';
import { CUT_MARK } from '../../../src/parse/parser.js';
import { inPieces } from '../../helpers/chunks.js';
import { seededRandom } from '../../helpers/random.js';

async function scan(xml: string, chunk = 1 << 20, capture = ['testcase']) {
  const diagnostics: Diagnostic[] = [];
  const pieces: { name: string; xml: string; empty: boolean; line: number; suites: string[] }[] = [];
  await scanXml(inPieces(xml, chunk), {
    capture: new Set(capture),
    file: 'r.xml',
    diagnostics,
    onPiece: (p: XmlPiece) => pieces.push({ name: p.name, xml: p.xml, empty: p.empty, line: p.line, suites: p.ancestors.map((a) => a.attrs.name ?? a.name) }),
  });
  return { diagnostics, pieces };
}

const DOC = `<?xml version="1.0"?>
<!-- <testcase name="in a comment"/> -->
<testsuites>
  <testsuite name="outer">
    <testsuite name="inner &amp; nested">
      <testcase name="a"/>
      <testcase name="b"><failure><![CDATA[expected </testcase> to be <ok/>]]></failure></testcase>
      <testcase name="c" >
      </testcase>
    </testsuite>
  </testsuite>
</testsuites>
`;

describe('streaming XML scanner', () => {
  it.each([1, 3, 7, 64, 1 << 20])('finds the same elements whatever the chunk size (%i)', async (size) => {
    const { diagnostics, pieces } = await scan(DOC, size);
    expect(diagnostics).toEqual([]);
    expect(pieces.map((p) => [p.xml.slice(0, 22), p.empty, p.line, p.suites])).toEqual([
      ['<testcase name="a"/>', true, 6, ['testsuites', 'outer', 'inner & nested']],
      ['<testcase name="b"><fa', false, 7, ['testsuites', 'outer', 'inner & nested']],
      ['<testcase name="c" >\n ', true, 8, ['testsuites', 'outer', 'inner & nested']],
    ]);
    expect(pieces[1]!.xml.endsWith(']]></failure></testcase>')).toBe(true);
  });

  it('reads a piece far longer than a chunk whole, and counts the lines in it', async () => {
    const log = Array.from({ length: 5000 }, (_, i) => `line ${i} <of> the output`).join('\n');
    const xml = `<testsuites>\n<testcase name="a"/>\n<testcase name="big"><system-out><![CDATA[${log}]]></system-out></testcase>\n<testcase name="c"/>\n</testsuites>`;
    // 1,000 chunks for the big piece: it is read on until it doubles, not looked at after each one.
    const { diagnostics, pieces } = await scan(xml, 128);
    expect(diagnostics).toEqual([]);
    expect(pieces.map((p) => [p.line, p.xml.length])).toEqual([
      [2, 20],
      [3, xml.indexOf('\n<testcase name="c"') - xml.indexOf('<testcase name="big"')],
      [5003, 20],
    ]);
    expect(pieces[1]!.xml.endsWith(`${log.slice(-20)}]]></system-out></testcase>`)).toBe(true);
  });

  it.each([1, 2, 5, 1 << 20])('passes over comments and CDATA longer than a read, and says where one left open began (chunks of %i)', async (size) => {
    const log = Array.from({ length: 300 }, (_, i) => `line ${i} <testcase name="no"/> ]] --`).join('\n');
    const xml = `<testsuites>\n<!-- ${log} -->\n<testsuite name="s"><system-out><![CDATA[${log}]]></system-out>\n<testcase name="a"/>\n</testsuite>\n</testsuites>`;
    const { diagnostics, pieces } = await scan(xml, size);
    expect(diagnostics).toEqual([]);
    expect(pieces.map((p) => [p.xml, p.line])).toEqual([['<testcase name="a"/>', 602]]);

    const truncated = await scan(`<testsuites>\n<testcase name="a"/>\n<system-out><![CDATA[${log}`, size);
    expect(truncated.diagnostics[0]).toEqual({ file: 'r.xml', line: 3, message: 'file ends inside a comment, CDATA section or declaration (truncated?)' });
  });

  it.each([7, 1 << 20])('refuses a start tag over the limit whether or not it was read whole (chunks of %i)', async (size) => {
    const xml = `<testsuites>\n<testcase name="a"/>\n<testsuite name="${'s'.repeat(200)}">\n<testcase name="b"/>\n</testsuite>\n</testsuites>`;
    const diagnostics: Diagnostic[] = [];
    const names: string[] = [];
    await scanXml(inPieces(xml, size), { capture: new Set(['testcase']), file: 'r.xml', diagnostics, onPiece: (p: XmlPiece) => names.push(p.attrs.name!), limits: { ...DEFAULT_LIMITS, maxTagLength: 100 } });
    expect(names).toEqual(['a']);
    expect(diagnostics).toEqual([{ file: 'r.xml', line: 3, message: 'tag longer than 100 characters; giving up on the rest of the file' }]);
  });

  it.each([1, 9, 100, 1 << 20])('tells a NUL character in the order of the file, and not past where the scan gave up (chunks of %i)', async (size) => {
    const stray = await scan(`<r>\n<testcase>${'x'.repeat(230)}</testcase>\n</b>\n</b>\n<a>x\0y</a>\n<testcase/>\n</r>`, size);
    expect(stray.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [3, 'closing tag </b> does not match <r> opened on line 1'],
      [4, 'closing tag </b> does not match <r> opened on line 1'],
      [5, 'NUL character, which XML does not allow; read as if it were not there'],
    ]);
    expect(stray.pieces).toHaveLength(2);

    const diagnostics: Diagnostic[] = [];
    const deep = `<r>\n<testcase>${'x'.repeat(230)}</testcase>\n${'<a>'.repeat(20)}\0</r>`;
    await scanXml(inPieces(deep, size), { capture: new Set(['testcase']), file: 'r.xml', diagnostics, onPiece: () => {}, limits: { ...DEFAULT_LIMITS, maxDepth: 5 } });
    expect(diagnostics).toEqual([{ file: 'r.xml', line: 3, message: 'elements nested deeper than 5; giving up on the rest of the file' }]);
  });

  it.each([7, 1 << 20])('refuses a piece over the limit whether or not it was read whole (chunks of %i)', async (size) => {
    const xml = `<testsuites>\n<testcase name="a"/>\n<testcase name="b"><system-out>${'o'.repeat(300)}</system-out></testcase>\n<testcase name="c"/>\n</testsuites>`;
    const diagnostics: Diagnostic[] = [];
    const names: string[] = [];
    await scanXml(inPieces(xml, size), { capture: new Set(['testcase']), file: 'r.xml', diagnostics, onPiece: (p: XmlPiece) => names.push(p.attrs.name!), limits: { ...DEFAULT_LIMITS, maxPieceLength: 200 } });
    expect(names).toEqual(['a']);
    expect(diagnostics).toEqual([{ file: 'r.xml', line: 3, message: '<testcase> is larger than 200 characters; giving up on the rest of the file' }]);
  });

  it('reports a truncated file with the line where the open element started', async () => {
    const { diagnostics, pieces } = await scan('<testsuites>\n<testsuite name="s">\n<testcase name="a"/>\n<testcase name="b"><failure>boo');
    expect(pieces).toHaveLength(1);
    expect(diagnostics).toEqual([{ file: 'r.xml', line: 4, message: '<testcase> opened here is never closed (truncated file?)' }]);
  });

  it('reports elements left open at the end', async () => {
    const { diagnostics } = await scan('<testsuites>\n<testsuite name="s">\n<testcase name="a"/>\n');
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [2, '<testsuite> opened on line 2 is never closed (truncated file?)'],
      [1, '<testsuites> opened on line 1 is never closed (truncated file?)'],
    ]);
  });

  it('reports a closing tag that does not match, and recovers', async () => {
    const { diagnostics, pieces } = await scan('<testsuites>\n<testsuite name="s">\n</wrong>\n<testcase name="a"/>\n</testsuite>\n</testsuites>');
    expect(pieces).toHaveLength(1);
    expect(diagnostics).toEqual([{ file: 'r.xml', line: 3, message: '</wrong> does not match <testsuite> opened on line 2'.replace('</wrong>', 'closing tag </wrong>') }]);
  });

  it('does not expand entities a DOCTYPE declares (XXE, entity bombs)', async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<testsuite name="&lol2;"><testcase name="&xxe;"/></testsuite>`;
    const { diagnostics, pieces } = await scan(bomb);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^DOCTYPE declares entities; they are not expanded/)]);
    expect(pieces[0]!.xml).toBe('<testcase name="&xxe;"/>');
  });

  it('bounds nesting depth', async () => {
    const deep = '<a>'.repeat(300) + '</a>'.repeat(300);
    const { diagnostics } = await scan(deep);
    expect(diagnostics[0]!.message).toBe('elements nested deeper than 256; giving up on the rest of the file');
  });
});

describe('empty elements a file repeats', () => {
  const PLAIN = '<testcase name="a" classname="c" time="1"/>';

  it('reads each as the general path does, whatever it holds', async () => {
    const tags: [string, Record<string, string>][] = [
      [PLAIN, { name: 'a', classname: 'c', time: '1' }],
      ['<testcase name="b" classname="c.d" time=""/>', { name: 'b', classname: 'c.d', time: '' }],
      ['<testcase name="a&amp;b" classname="c" time="1"/>', { name: 'a&b', classname: 'c', time: '1' }],
      [`<testcase name='q"' classname="c" time='2'/>`, { name: 'q"', classname: 'c', time: '2' }],
      ['<testcase\n  name = "x>y/z=w"\tclassname="c"\r\n time="1" />', { name: 'x>y/z=w', classname: 'c', time: '1' }],
      ['<testcase name="p" xlink:classname="c" time="1"/>', { name: 'p', classname: 'c', time: '1' }],
      ['<ns:testcase name="n" classname="c" time="1"/>', { name: 'n', classname: 'c', time: '1' }],
      ['<testcase name="x" name="y" classname="c" time="1"/>', { name: 'y', classname: 'c', time: '1' }],
      ['<testcase name="f" classname="c" time="1" file="t.js"/>', { name: 'f', classname: 'c', time: '1', file: 't.js' }],
      ['<testcase classname="c" name="o" time="1"/>', { classname: 'c', name: 'o', time: '1' }],
      ['<testcase name="\f" classname="c" time="1"/>', { name: '\f', classname: 'c', time: '1' }],
      [PLAIN.replace('"a"', '"last"'), { name: 'last', classname: 'c', time: '1' }],
    ];
    // Not whitespace to XML: the general path reads the element's name as 'testcase\fname="w"'.
    const unnamed = '<testcase\fname="w" classname="c" time="1"/>';
    const xml = `<testsuites>\n${tags.map(([tag]) => `${PLAIN}\n${unnamed}\n${tag}`).join('\n')}\n</testsuites>`;
    for (const size of [1, 5, 1 << 20]) {
      const { diagnostics, pieces } = await scan(xml, size);
      expect(diagnostics).toEqual([]);
      const read = pieces.filter((_, i) => i % 2 === 1);
      expect(read.map((p) => [p.xml, p.empty])).toEqual(tags.map(([tag]) => [tag, true]));
      const attrs: Record<string, string>[] = [];
      await scanXml(inPieces(xml, size), { capture: new Set(['testcase']), file: 'r.xml', diagnostics: [], onPiece: (p: XmlPiece) => attrs.push({ ...p.attrs }) });
      expect(attrs.filter((_, i) => i % 2 === 1)).toEqual(tags.map(([, expected]) => expected));
    }
  });

  it('leaves to the general path a tag that only starts like the shape', async () => {
    const tags = [
      '<testcasename="w" classname="c" time="1"/>',
      '<testcase name="w"classname="c" time="1"/>',
      '<testcase name="w" classname="c" time="1"x></testcase>',
      '<testcase name="w" classname="c" time="1"/ >',
      '<testcase name="w" classname="c" time="1" file="f"/>',
      '<testcase name="w" classname="c" time="1/>',
    ];
    for (const tag of tags) {
      const alone = (await scan(`<r>\n${tag}\n</r>`, 1 << 20)).pieces;
      const { pieces } = await scan(`<r>\n${PLAIN}\n${tag}\n</r>`, 1 << 20);
      expect(pieces.slice(1)).toEqual(alone.map((p) => ({ ...p, line: p.line + 1 })));
    }
  });

  it('reads random documents as the general path reads each element alone', async () => {
    const next = seededRandom(11);
    const pick = <T>(from: readonly T[]): T => from[Math.floor(next() * from.length)]!;
    const values = ['a', 'x.y.Z', '', 'a&amp;b', 'a>b', "it's", 'a/b', 'k=v', '<', '&#65;', 'é', 'a long value '.repeat(3)];
    const spaces = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n'];
    const names = [['name', 'classname', 'time'], ['name', 'classname', 'time'], ['name', 'classname'], ['name', 'time', 'file'], ['ns:name', 'classname'], ['name', 'name']];
    const tag = () => {
      const element = pick(['testcase', 'testcase', 'testcase', 'skipped', 'ns:testcase', 'testcases']);
      const attributes = pick(names).map((n) => {
        const v = pick(values);
        const q = next() < 0.8 ? '"' : "'";
        return `${pick(spaces)}${n}${next() < 0.9 ? '' : pick([...spaces, '\f'])}=${q}${v.replaceAll(q, q === '"' ? '&quot;' : '&apos;')}${q}`;
      });
      return `<${element}${attributes.join('')}${next() < 0.8 ? '' : pick(spaces)}${next() < 0.9 ? '/>' : '></' + element + '>'}`;
    };
    const alone = async (text: string) => (await scan(`<r>${text}</r>`, 1 << 20, ['testcase', 'skipped'])).pieces;
    let compared = 0;
    for (let doc = 0; doc < 150; doc++) {
      const tags = Array.from({ length: 40 }, tag);
      const expected = [];
      let line = 1;
      for (const t of tags) {
        for (const p of await alone(t)) expected.push({ ...p, line: line + p.line - 1, suites: ['r'] });
        line += t.split('\n').length;
      }
      const { diagnostics, pieces } = await scan(`<r>${tags.join('\n')}</r>`, pick([1, 7, 64, 1 << 20]), ['testcase', 'skipped']);
      expect(diagnostics).toEqual([]);
      expect(pieces).toEqual(expected);
      compared += pieces.length;
    }
    expect(compared).toBeGreaterThan(3000);
  });
});

describe('text kept in batches', () => {
  it('puts each text where it goes when its batch is joined, and the rest on flush', () => {
    const texts = new TextBatches(10);
    const ids: string[] = [];
    const failure: { details?: string } = {};
    texts.keep(ids, ids.push('') - 1, 'suite::', 'a');
    expect(ids).toEqual(['']); // 8 characters: under the batch size, still waiting
    texts.keep(ids, ids.push('') - 1, 'suite::', 'bcdef');
    // 20 characters: the batch was joined, both texts are in place, nothing is added twice.
    expect(ids).toEqual(['suite::a', 'suite::bcdef']);
    texts.keep(failure, 'details', 'stack');
    texts.keep(ids, ids.push('') - 1, '', 'c');
    expect([failure.details, ids[2]]).toEqual([undefined, '']);
    texts.flush();
    expect([failure.details, ids]).toEqual(['stack', ['suite::a', 'suite::bcdef', 'c']]);
    texts.flush();
    expect(ids).toHaveLength(3);
  });
});

describe('a captured piece holding megabytes of text', () => {
  it('is handed over with each text cut at 64 KiB as it was read, and the lines after it still count', async () => {
    const output = 'line of output &amp; more\n'.repeat(200_000); // 5.2 MB, 200,000 lines
    const xml = `<testsuite name="s">\n<testcase name="big"><failure message="m">${output}</failure><system-out><![CDATA[${output}]]></system-out></testcase>\n<testcase name="after"/>\n</testsuite>`;
    for (const chunk of [4096, 1 << 20]) {
      const { diagnostics, pieces } = await scan(xml, chunk);
      expect(diagnostics).toEqual([]);
      expect(pieces.map((p) => [p.name, p.line])).toEqual([
        ['testcase', 2],
        ['testcase', 400_003],
      ]);
      const big = pieces[0]!.xml;
      expect(big.length).toBeLessThan(3 * 64 * 1024);
      // Each text once, cut once, where it passed 64 KiB: the failure's before a reference it would
      // split, the CDATA section's where it is (it holds no references).
      expect(big.split(CUT_MARK).length).toBe(3);
      const [failure, cdata] = [big.slice(0, big.indexOf('</failure>')), big.slice(big.indexOf('<![CDATA['))];
      expect(failure.endsWith(`more\nline of output ${CUT_MARK}`)).toBe(true);
      expect(cdata.endsWith(`${CUT_MARK}]]></system-out></testcase>`)).toBe(true);
      expect(cdata.length - '<![CDATA['.length - `${CUT_MARK}]]></system-out></testcase>`.length).toBe(64 * 1024);
    }
  });
});

describe('pieces cut while they are read, wherever the reads end', () => {
  async function scanSplit(xml: string, cuts: number[]) {
    const diagnostics: Diagnostic[] = [];
    const pieces: [string, number][] = [];
    const chunks = async function* () {
      let from = 0;
      for (const to of [...cuts, xml.length]) {
        yield xml.slice(from, to);
        from = to;
      }
    };
    await scanXml(chunks(), { capture: new Set(['testcase']), file: 'r.xml', diagnostics, onPiece: (p: XmlPiece) => pieces.push([p.attrs.name!, p.line]) });
    return { pieces, diagnostics: diagnostics.map((d) => [d.line, d.message]) };
  }
  const every = (xml: string, size: number) => Array.from({ length: Math.ceil(xml.length / size) - 1 }, (_, i) => (i + 1) * size);

  it("finds a CDATA section's end split between two reads, and the test after it", async () => {
    const head = '<testsuite>\n<testcase name="a"><system-out><![CDATA[';
    const tail = ']]></system-out></testcase>\n<testcase name="b"><failure message="boom">boom</failure><system-out><![CDATA[hi]]></system-out></testcase>\n</testsuite>';
    // Reads of 1 MiB; the section's ']]>' around the end of the second, split every way.
    for (let shift = -4; shift <= 1; shift++) {
      const xml = head + 'x'.repeat(2 * 1024 * 1024 - head.length + shift) + tail;
      expect({ shift, ...(await scanSplit(xml, every(xml, 1024 * 1024))) }).toEqual({ shift, pieces: [['a', 2], ['b', 3]], diagnostics: [] });
    }
  });

  it('counts the lines of every piece and problem as a whole read does, the texts cut out included', async () => {
    const lines = (n: number, width: number) => Array.from({ length: n }, () => 'y'.repeat(width)).join('\n');
    const xml = [
      '<testsuite>',
      `<testcase name="a"><system-out>${'z'.repeat(1100 * 1024)}</system-out></testcase>`,
      `<testcase name="b"><system-out>${lines(5, 20 * 1024)}</system-out></testcase>`,
      `<testcase name="c"><failure><![CDATA[${lines(30, 100 * 1024)}]]></failure><system-out>${lines(40, 50 * 1024)}\u0000${lines(3, 10)}</system-out></testcase>`,
      '<testcase name="d"/>',
      '</testsuite>',
    ].join('\n');
    const whole = await scanSplit(xml, []);
    expect(whole.pieces).toEqual([['a', 2], ['b', 3], ['c', 8], ['d', 79]]);
    expect(whole.diagnostics).toEqual([[76, expect.stringMatching(/^NUL character/)]]);
    for (const size of [4096, 65_536, 500 * 1024, 700 * 1024, 1024 * 1024]) expect(await scanSplit(xml, every(xml, size))).toEqual(whole);
  });
});

