// Deterministic inputs for the benchmark: the same arguments always write the same bytes.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ATTACKS } from './attacks.mjs';
import { ATTRIBUTE_MAX, CARRIERS, ESCAPES, pieces } from './carriers.mjs';

/** Small seeded PRNG (mulberry32): stable across Node versions, unlike Math.random. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Buffers writes into ~1 MiB pieces; writes to a temporary name so a killed run leaves no half file. */
function writer(file) {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  let parts = [];
  let size = 0;
  const flush = () => {
    if (parts.length > 0) writeSync(fd, parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size > 1 << 20) flush();
    },
    close() {
      flush();
      closeSync(fd);
      renameSync(partial, file);
    },
  };
}

const AREAS = ['billing', 'accounts', 'search', 'checkout', 'inventory', 'shipping', 'identity', 'reporting', 'notifications', 'catalog'];
const LAYERS = ['service', 'internal', 'api', 'persistence', 'domain'];
const NOUNS = ['Invoice', 'Payment', 'Customer', 'Order', 'Session', 'Ledger', 'Refund', 'Address', 'Token', 'Quote'];
const VERBS = ['Reconcile', 'Validate', 'Persist', 'Render', 'Resolve', 'Schedule', 'Serialize', 'Authorize', 'Aggregate', 'Index'];

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function stackTrace(rand, cls, method) {
  const frames = [`\tat ${cls}.${method}(${cls.slice(cls.lastIndexOf('.') + 1)}.java:${10 + Math.floor(rand() * 400)})`];
  const depth = 42 + Math.floor(rand() * 30);
  for (let i = 0; i < depth; i++) {
    const pkg = i % 3 === 0 ? 'org.junit.platform.engine.support.hierarchical' : i % 3 === 1 ? 'java.base/jdk.internal.reflect' : 'org.junit.jupiter.engine.execution';
    frames.push(`\tat ${pkg}.Frame${i}.invoke${i % 7}(Frame${i}.java:${20 + ((i * 37) % 300)})`);
  }
  return frames.join('\n');
}

/**
 * JUnit XML (Surefire style): `tests` test cases in about tests/50 suites; `failRate` of them fail
 * with a multi-line stack trace, `skipRate` are skipped.
 */
export function junit(file, { tests, failRate = 0.03, skipRate = 0.01, seed = 7 }) {
  const rand = random(seed);
  const out = writer(file);
  const suites = Math.max(1, Math.round(tests / 50));
  out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n');
  let made = 0;
  for (let s = 0; s < suites; s++) {
    const count = s === suites - 1 ? tests - made : Math.round(tests / suites);
    const area = AREAS[s % AREAS.length];
    const cls = `com.example.platform.${area}.${LAYERS[(s >> 3) % LAYERS.length]}.m${s % 97}.${NOUNS[s % NOUNS.length]}${VERBS[(s >> 1) % VERBS.length]}Suite${s}Test`;
    out.write(`  <testsuite name="${cls}" tests="${count}" failures="0" errors="0" skipped="0" time="${(count * 0.01).toFixed(3)}" timestamp="2026-11-21T10:00:00" hostname="ci-runner-${s % 8}">\n`);
    out.write(`    <properties>\n      <property name="java.version" value="21.0.5"/>\n      <property name="surefire.suite" value="${area}"/>\n    </properties>\n`);
    for (let i = 0; i < count; i++, made++) {
      const verb = VERBS[(made * 7) % VERBS.length];
      const noun = NOUNS[(made * 3) % NOUNS.length];
      const name = `should${verb}${noun}When${NOUNS[(made >> 2) % NOUNS.length]}ArrivesInState${made % 13}_case${i}`;
      const time = (rand() * 0.2).toFixed(3);
      const r = rand();
      const open = `    <testcase name="${name}" classname="${cls}" time="${time}"`;
      if (r < failRate) {
        const expected = Math.floor(rand() * 1000);
        const message = `expected: <${expected}> but was: <${expected + 1 + Math.floor(rand() * 9)}> for ${noun.toLowerCase()} #${made}`;
        out.write(`${open}>\n      <failure message="${escapeXml(message)}" type="org.opentest4j.AssertionFailedError">${escapeXml(`org.opentest4j.AssertionFailedError: ${message}`)}\n${stackTrace(rand, cls, name)}\n</failure>\n`);
        out.write(`      <system-out><![CDATA[10:00:${String(made % 60).padStart(2, '0')} INFO  ${cls} - starting ${name}\n10:00:01 WARN  retrying ${noun.toLowerCase()} lookup\n]]></system-out>\n    </testcase>\n`);
      } else if (r < failRate + skipRate) {
        out.write(`${open}>\n      <skipped message="requires ${area} database"/>\n    </testcase>\n`);
      } else {
        out.write(`${open}/>\n`);
      }
    }
    out.write('  </testsuite>\n');
  }
  out.write('</testsuites>\n');
  out.close();
}

/**
 * JUnit XML whose output is `mb` megabytes of log lines: half in one test case's <system-out> (a
 * verbose integration test), half in the suite's (as Surefire writes it), both in CDATA. Each is a
 * single piece of the file far larger than a read.
 */
export function junitOutput(file, { mb }) {
  const out = writer(file);
  const log = (megabytes) => {
    for (let i = 0, size = 0; size < megabytes * 1e6; i++) {
      const line = `2026-11-21T10:${String((i >> 12) % 60).padStart(2, '0')}:${String((i >> 6) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} INFO  [worker-${i % 16}] c.e.checkout.OrderService - order ${100000 + i} accepted in ${i % 97} ms\n`;
      out.write(line);
      size += line.length;
    }
  };
  out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n  <testsuite name="com.example.it.CheckoutFlowIT" tests="3">\n');
  out.write('    <testcase name="startsTheApplication" classname="com.example.it.CheckoutFlowIT" time="1.250"/>\n');
  out.write('    <testcase name="completesACheckoutUnderLoad" classname="com.example.it.CheckoutFlowIT" time="95.500">\n      <system-out><![CDATA[');
  log(mb / 2);
  out.write(']]></system-out>\n    </testcase>\n    <testcase name="shutsDown" classname="com.example.it.CheckoutFlowIT" time="0.800"/>\n    <system-out><![CDATA[');
  log(mb / 2);
  out.write(']]></system-out>\n  </testsuite>\n</testsuites>\n');
  out.close();
}

/**
 * `go test -json` of one package whose middle test prints `mb` megabytes on one line (a dump with
 * no line breaks): a single line far longer than a read.
 */
export function goTestJsonLongLine(file, { mb }) {
  const out = writer(file);
  const event = (fields) => out.write(`${JSON.stringify({ Time: '2026-11-21T10:00:00Z', Package: 'example.com/shop/cart', ...fields })}\n`);
  event({ Action: 'start' });
  for (const [i, test] of ['TestAdd', 'TestSnapshot', 'TestTotal'].entries()) {
    event({ Action: 'run', Test: test });
    if (i === 1) {
      out.write(`{"Time":"2026-11-21T10:00:00Z","Action":"output","Package":"example.com/shop/cart","Test":"${test}","Output":"snapshot: `);
      const block = 'QmVuY2htYXJrIHNuYXBzaG90IGJsb2IgZm9yIGEgdmVyeSBsb25nIGxpbmUu'.repeat(1000);
      for (let size = 0; size < mb * 1e6; size += block.length) out.write(block);
      out.write('\\n"}\n');
    }
    event({ Action: 'pass', Test: test, Elapsed: 0.01 });
  }
  event({ Action: 'pass', Elapsed: 0.5 });
  out.close();
}


/**
 * `format`'s carrier (carriers.mjs) with the crafted line `attack` of `mb` million characters at
 * each of its places (its first ATTRIBUTE_MAX in an attribute), escaped there as the format escapes it. Written a block at a time: the
 * generator never holds the line.
 */
export function crafted(file, { mb, attack, format }) {
  const [prefix, unit, suffix] = ATTACKS[attack];
  const block = unit.repeat(Math.ceil(65536 / unit.length));
  const out = writer(file);
  pieces(CARRIERS[format]).forEach((piece, i) => {
    if (i % 2 === 0) return out.write(piece);
    const escape = ESCAPES[piece];
    if (piece === 'attr') return out.write(escape((prefix + unit.repeat(Math.ceil(ATTRIBUTE_MAX / unit.length))).slice(0, ATTRIBUTE_MAX)));
    out.write(escape(prefix));
    const blocks = Math.ceil((mb * 1e6 - prefix.length) / block.length);
    for (let b = 0; b < blocks; b++) out.write(escape(block));
    out.write(escape(suffix));
  });
  out.close();
}

/** A compiler message of `mb` megabytes on one line (gcc), as in issue 20: 1.7 GB held at 100 MB, RangeError at 200 MB. */
export function hugeMessage(file, { mb }) {
  const out = writer(file);
  out.write('src/a.c:1:1: error: ');
  const block = 'expected expression before token '.repeat(2048);
  for (let size = 0; size < mb * 1e6; size += block.length) out.write(block);
  out.write('\n');
  out.close();
}

function sourcePath(f) {
  const area = AREAS[f % AREAS.length];
  return `packages/${area}/src/${LAYERS[(f >> 2) % LAYERS.length]}/module${f % 211}/${NOUNS[f % NOUNS.length].toLowerCase()}-${VERBS[(f >> 1) % VERBS.length].toLowerCase()}-${f}.ts`;
}

/** lcov tracefile: `files` source files of `lines` coverable lines, with functions and branches as c8/nyc write them. */
export function lcov(file, { files, lines, seed = 11 }) {
  const rand = random(seed);
  const out = writer(file);
  for (let f = 0; f < files; f++) {
    const parts = ['TN:', `SF:${sourcePath(f)}`];
    const fns = Math.max(1, Math.round(lines / 20));
    for (let i = 0; i < fns; i++) parts.push(`FN:${1 + i * 20},${VERBS[i % VERBS.length].toLowerCase()}${NOUNS[(f + i) % NOUNS.length]}Handler${i}`);
    let fnHit = 0;
    for (let i = 0; i < fns; i++) {
      const hits = rand() < 0.8 ? 1 + Math.floor(rand() * 50) : 0;
      if (hits) fnHit++;
      parts.push(`FNDA:${hits},${VERBS[i % VERBS.length].toLowerCase()}${NOUNS[(f + i) % NOUNS.length]}Handler${i}`);
    }
    parts.push(`FNF:${fns}`, `FNH:${fnHit}`);
    let hit = 0;
    for (let l = 1; l <= lines; l++) {
      const hits = rand() < 0.82 ? 1 + Math.floor(rand() * 120) : 0;
      if (hits) hit++;
      parts.push(`DA:${l},${hits}`);
    }
    const branches = Math.round(lines / 5);
    for (let b = 0; b < branches; b++) parts.push(`BRDA:${1 + b * 5},${b},0,${rand() < 0.7 ? 1 + Math.floor(rand() * 9) : 0}`, `BRDA:${1 + b * 5},${b},1,${rand() < 0.6 ? 1 + Math.floor(rand() * 9) : '-'}`);
    parts.push(`BRF:${branches * 2}`, `BRH:${Math.floor(branches * 1.3)}`, `LF:${lines}`, `LH:${hit}`, 'end_of_record', '');
    out.write(parts.join('\n'));
  }
  out.close();
}

/** Cobertura XML as Java Cobertura writes it: a package per directory, a class per file, methods repeating their lines. */
export function cobertura(file, { files, lines, seed = 13 }) {
  const rand = random(seed);
  const out = writer(file);
  out.write('<?xml version="1.0" ?>\n<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">\n');
  out.write(`<coverage line-rate="0.82" branch-rate="0.7" lines-covered="${Math.round(files * lines * 0.82)}" lines-valid="${files * lines}" branches-covered="0" branches-valid="0" complexity="0" version="2.1.1" timestamp="1795000000000">\n`);
  out.write('  <sources>\n    <source>/home/runner/work/bench/bench</source>\n  </sources>\n  <packages>\n');
  const perPackage = 40;
  for (let p = 0; p * perPackage < files; p++) {
    const first = p * perPackage;
    const pkgName = sourcePath(first).slice(0, sourcePath(first).lastIndexOf('/')).replace(/\//g, '.');
    out.write(`    <package name="${pkgName}" line-rate="0.82" branch-rate="0.7" complexity="0">\n      <classes>\n`);
    for (let f = first; f < Math.min(files, first + perPackage); f++) {
      const filename = sourcePath(f);
      const lineXml = [];
      for (let l = 1; l <= lines; l++) {
        const hits = rand() < 0.82 ? 1 + Math.floor(rand() * 120) : 0;
        if (l % 20 === 1) {
          const taken = hits ? 1 + Math.floor(rand() * 2) : 0;
          lineXml.push(`            <line number="${l}" hits="${hits}" branch="true" condition-coverage="${taken * 50}% (${taken}/2)">\n              <conditions>\n                <condition number="0" type="jump" coverage="${taken * 50}%"/>\n              </conditions>\n            </line>\n`);
        } else lineXml.push(`            <line number="${l}" hits="${hits}" branch="false"/>\n`);
      }
      const methods = [];
      const fns = Math.max(1, Math.round(lines / 40));
      for (let i = 0; i < fns; i++) {
        const from = 1 + i * 40;
        methods.push(`          <method name="${VERBS[i % VERBS.length].toLowerCase()}${NOUNS[(f + i) % NOUNS.length]}" signature="(Ljava/lang/String;)V" line-rate="0.8" branch-rate="0.5" complexity="2">\n            <lines>\n`);
        for (let l = from; l < from + 3 && l <= lines; l++) methods.push(lineXml[l - 1].replace(/^ {12}/gm, '              '));
        methods.push('            </lines>\n          </method>\n');
      }
      out.write(`        <class name="${filename.replace(/\//g, '.').replace(/\.ts$/, '')}" filename="${filename}" line-rate="0.82" branch-rate="0.7" complexity="3">\n          <methods>\n`);
      out.write(methods.join(''));
      out.write('          </methods>\n          <lines>\n');
      out.write(lineXml.join(''));
      out.write('          </lines>\n        </class>\n');
    }
    out.write('      </classes>\n    </package>\n');
  }
  out.write('  </packages>\n</coverage>\n');
  out.close();
}

const GENERATORS = { junit, junitOutput, goTestJsonLongLine, lcov, cobertura, crafted, hugeMessage };

/** Writes `file` with `kind`'s generator unless it is already there (inputs are deterministic, so a cached one is the same). */
export function ensure(kind, file, options) {
  if (!existsSync(file)) GENERATORS[kind](file, options);
  return file;
}
