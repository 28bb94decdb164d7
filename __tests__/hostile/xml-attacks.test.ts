import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sourceFromText } from '../../src/collect/read.js';
import type { Diagnostic } from '../../src/model/report.js';
import { allTests } from '../../src/model/test-set.js';
import { parseSource } from '../../src/parse/index.js';
import type { XmlPiece } from '../../src/parse/xml/scanner.js';
import { DEFAULT_LIMITS, scanXml } from '../../src/parse/xml/scanner.js';

/*
 * XML from a pull request may declare entities that read local files (XXE), fetch a DTD from
 * the network, or expand to gigabytes (billion laughs); it may nest without end or carry
 * megabyte attributes. Every XML format must refuse all of it within a small memory bound, say
 * so in a diagnostic, and keep the good parts of the file.
 */

const ENTITY_REFUSED = 'DOCTYPE declares entities; they are not expanded (entity expansion is refused: XXE and entity bombs)';

let server: Server;
let requests = 0;
let port = 0;
let secretFile = '';
const SECRET = 'TOP-SECRET-FILE-CONTENT-8d1f';

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.end('<!ENTITY leak "fetched">');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  secretFile = path.join(await mkdtemp(path.join(tmpdir(), 'verdict-xxe-')), 'secret.txt');
  await writeFile(secretFile, SECRET);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A DOCTYPE with an external DTD, a parameter entity, a file entity and a billion-laughs chain, before `body`. */
function hostile(root: string, body: string): string {
  const laughs = ['  <!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) laughs.push(`  <!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!DOCTYPE ${root} SYSTEM "http://127.0.0.1:${port}/evil.dtd" [`,
    `  <!ENTITY % remote SYSTEM "http://127.0.0.1:${port}/param.dtd">`,
    '  %remote;',
    `  <!ENTITY xxe SYSTEM "file://${secretFile}">`,
    ...laughs,
    ']>',
    body,
  ].join('\n');
}

// One document per XML format, each naming things with the bomb and the file entity.
const DOCUMENTS: Record<string, () => string> = {
  'junit-xml': () =>
    hostile('testsuites', '<testsuites><testsuite name="s"><testcase classname="c" name="&lol9;"><failure message="&lol9;">&xxe;</failure></testcase><testcase classname="c" name="good"/></testsuite></testsuites>'),
  trx: () =>
    hostile(
      'TestRun',
      '<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results><UnitTestResult testId="1" testName="&lol9;" outcome="Failed"><Output><ErrorInfo><Message>&xxe;</Message></ErrorInfo></Output></UnitTestResult></Results><TestDefinitions><UnitTest id="1" name="&lol9;"><TestMethod className="&lol9;" name="&lol9;"/></UnitTest></TestDefinitions></TestRun>',
    ),
  'nunit-xml': () =>
    hostile('test-run', '<test-run><test-suite type="TestFixture" name="F" fullname="F"><test-case name="&lol9;" fullname="F.&lol9;" result="Failed"><failure><message>&xxe;</message></failure></test-case></test-suite></test-run>'),
  'xunit-net-xml': () =>
    hostile('assemblies', '<assemblies><assembly name="a"><collection name="c"><test name="&lol9;" type="T" method="m" result="Fail"><failure><message>&xxe;</message></failure></test></collection></assembly></assemblies>'),
  'cobertura-xml': () =>
    hostile('coverage', '<coverage line-rate="1"><packages><package name="p"><classes><class name="&lol9;" filename="&xxe;.py"><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>'),
  'clover-xml': () => hostile('coverage', '<coverage generated="1" clover="4"><project><file name="&lol9;" path="&xxe;"><line num="1" count="1" type="stmt"/></file></project></coverage>'),
  'jacoco-xml': () =>
    hostile('report', '<report name="&lol9;"><sessioninfo id="s" start="1" dump="2"/><package name="p"><sourcefile name="&xxe;"><line nr="1" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package></report>'),
};

describe.each(Object.keys(DOCUMENTS))('%s: entities are never expanded or resolved', (format) => {
  it('refuses with a diagnostic, reads no file, fetches nothing, and stays within 16 MB', async () => {
    const xml = DOCUMENTS[format]!();
    requests = 0;
    const before = process.memoryUsage().heapUsed;
    const parsed = await parseSource(sourceFromText('bomb.xml', xml));
    const grown = process.memoryUsage().heapUsed - before;
    expect(parsed.format).toBe(format);
    expect(parsed.output.diagnostics).toContainEqual({ file: 'bomb.xml', line: 2, message: ENTITY_REFUSED });
    const everything = JSON.stringify(parsed.output);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('lollol');
    expect(everything).not.toContain('fetched');
    expect(everything.length).toBeLessThan(10_000);
    expect(requests).toBe(0);
    // Ten to the ninth "lol"s would be gigabytes.
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('billion laughs in JUnit: the good test still counts, the bomb stays a name', () => {
  it('keeps both tests, with the entity reference as written', async () => {
    const parsed = await parseSource(sourceFromText('bomb.xml', DOCUMENTS['junit-xml']!()));
    expect(allTests(parsed.output).map((t) => [t.name, t.status, t.failure?.message, t.failure?.details])).toEqual([
      ['&lol9;', 'failed', '&lol9;', '&xxe;'],
      ['good', 'passed', undefined, undefined],
    ]);
  });
});

const junit = (cases: string) => `<testsuites><testsuite name="s">${cases}</testsuite></testsuites>`;
const good = (name: string) => `<testcase classname="c" name="${name}"/>`;

describe('nesting and size bounds', () => {
  it('nesting deeper than 256 elements stops the scan with a diagnostic; what came before counts', async () => {
    const xml = junit(`${good('before')}\n${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}${good('after')}`);
    const parsed = await parseSource(sourceFromText('deep.xml', xml));
    expect(allTests(parsed.output).map((t) => t.name)).toEqual(['before']);
    expect(parsed.output.diagnostics).toEqual([{ file: 'deep.xml', line: 2, message: 'elements nested deeper than 256; giving up on the rest of the file' }]);
    // What follows is lost, and may have failed: a P0, never a pass.
    expect(parsed.output.findings.map((f) => [f.kind, f.line, f.message])).toEqual([['truncated', 2, 'Report not read past line 2 (elements nested deeper than 256): all that follows is lost']]);
  });

  it('nesting inside one test case costs that test only, and that test is a P0', async () => {
    const xml = junit(`${good('before')}\n<testcase classname="c" name="deep"><failure>${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}</failure></testcase>${good('after')}`);
    const parsed = await parseSource(sourceFromText('deep.xml', xml));
    expect(allTests(parsed.output).map((t) => t.name)).toEqual(['before', 'after']);
    expect(parsed.output.diagnostics).toEqual([{ file: 'deep.xml', line: 2, message: 'XML could not be read: Maximum nested tags exceeded' }]);
    expect(parsed.output.findings.map((f) => [f.kind, f.message])).toEqual([['truncated', 'Element on line 2 not read (XML could not be read: Maximum nested tags exceeded): what it holds is lost']]);
  });

  it('a start tag over 1 MiB (a huge attribute) stops the scan with a diagnostic, in bounded memory', async () => {
    const xml = junit(`${good('before')}\n<testcase classname="c" name="${'A'.repeat(2 * 1024 * 1024)}"/>${good('after')}`);
    const before = process.memoryUsage().heapUsed;
    const parsed = await parseSource(sourceFromText('attr.xml', xml));
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
    expect(allTests(parsed.output).map((t) => t.name)).toEqual(['before']);
    expect(parsed.output.diagnostics).toEqual([{ file: 'attr.xml', line: 2, message: 'tag longer than 1048576 characters; giving up on the rest of the file' }]);
    // A test's own code can name it with a megabyte: the failures after it must not vanish.
    expect(parsed.output.findings.map((f) => [f.kind, f.message])).toEqual([['truncated', 'Report not read past line 2 (tag longer than 1048576 characters): all that follows is lost']]);
  });

  it('a test case holding over a million elements is skipped before the XML parser turns each into an object', async () => {
    const xml = junit(`${good('before')}\n<testcase classname="c" name="many"><system-out>${'<a/>'.repeat(1_000_001)}</system-out></testcase>${good('after')}`);
    const before = process.memoryUsage().heapUsed;
    const parsed = await parseSource(sourceFromText('many.xml', xml));
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    expect(allTests(parsed.output).map((t) => t.name)).toEqual(['before', 'after']);
    expect(parsed.output.diagnostics).toEqual([{ file: 'many.xml', line: 2, message: '<testcase> holds more than 1000000 elements; skipped' }]);
    expect(parsed.output.findings.map((f) => [f.kind, f.message])).toEqual([['truncated', 'Element on line 2 not read (<testcase> holds more than 1000000 elements): what it holds is lost']]);
  });

  it('a captured element longer than the piece limit stops the scan with a diagnostic', async () => {
    const diagnostics: Diagnostic[] = [];
    const names: string[] = [];
    const chunks = async function* () {
      yield junit(`${good('before')}\n<testcase classname="c" name="long"><system-out>`);
      for (let i = 0; i < 10; i++) yield 'x'.repeat(1000);
      yield `</system-out></testcase>${good('after')}`;
    };
    const scan = await scanXml(chunks(), { capture: new Set(['testcase']), file: 'long.xml', diagnostics, onPiece: (p: XmlPiece) => names.push(p.attrs.name!), limits: { ...DEFAULT_LIMITS, maxPieceLength: 5000 } });
    expect(names).toEqual(['before']);
    expect(diagnostics).toEqual([{ file: 'long.xml', line: 2, message: '<testcase> is larger than 5000 characters; giving up on the rest of the file' }]);
    expect(scan.stopped).toEqual({ line: 2, message: '<testcase> is larger than 5000 characters' });
  });
});
