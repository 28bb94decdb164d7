import type { ParseOutput } from '../../model/report.js';
import { frameInStack } from '../../text/frames.js';
import type { XmlElement } from '../xml/element.js';
import { parseXml, text } from '../xml/element.js';
import { elementNotRead } from '../xml/report-scan.js';
import type { XmlPiece } from '../xml/scanner.js';

/* What the .NET report formats (TRX, NUnit, xUnit.net) share: class names, stack traces, pieces. */

/** A class name without the assembly qualification old MSTest adds (`Ns.Class, Asm, Version=…`). */
export function plainClassName(className: string): string {
  return className.replace(/,\s*[^,]+,\s*Version=.*$/s, '').trim();
}

/** The default subsystem of a .NET test: its class's namespace (arguments, generics and nesting aside). */
export function namespaceOf(className: string): string | undefined {
  const bare = className.replace(/[(<[`].*$/s, '');
  const dot = bare.lastIndexOf('.');
  return dot > 0 ? bare.slice(0, dot) : undefined;
}

/** `Ns.Class` of a name written `Ns.Class.Method(args)`, as NUnit 2 and TRX without definitions write them. */
export function classFromName(name: string): string | undefined {
  return /^((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\.[A-Za-z_]\w*(?:<[^()]*>)?(?:\(.*\))?$/s.exec(name)?.[1];
}

/** A test's name without its class: xUnit.net and MSTest prefix it, NUnit 3 does not. */
export function withoutClass(name: string, className: string): string {
  return className && name.length > className.length + 1 && name.startsWith(`${className}.`) ? name.slice(className.length + 1) : name;
}

/** `MyProject.Tests` of `C:\build\bin\MyProject.Tests.dll`. */
export function assemblyName(path: string | undefined): string | undefined {
  const base = path?.split(/[\\/]/).pop()?.replace(/\.(dll|exe)$/i, '');
  return base || undefined;
}

/**
 * An element's text, trimmed, with Unix line ends. .NET's XmlWriter writes a CR as `&#xD;`, and
 * the XML parser as configured leaves character references as they are.
 */
export function textOf(el: XmlElement | undefined): string {
  return text(el)
    .replace(/&#(?:x[dD]|13);/g, '\r')
    .replace(/&#(?:x[aA]|10);/g, '\n')
    .replace(/\r\n?/g, '\n')
    .trim();
}

export function millis(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

/**
 * Where a test failed: the first frame in the test's own class — the first frame overall is often
 * the code under test or the framework — else the first frame that names a source file.
 */
export function failureLocation(stack: string | undefined, className: string): { file: string; line: number } | undefined {
  if (!stack) return undefined;
  // Line 0 is what .NET prints for a frame without line information (generated code).
  // Only a line's end is tested: from every ':' of a line of colons, `\S+` ran to its end (issue 20).
  const frames = stack.split('\n').filter((l) => !/:\S+ 0\s*$/.test(l.slice(-200)));
  const bare = className.replace(/\(.*$/s, '');
  const own = bare ? frames.filter((l) => l.includes(` ${bare}.`)) : [];
  return (own.length > 0 ? frameInStack(own.join('\n')) : undefined) ?? frameInStack(frames.join('\n'));
}

// A start tag whose every attribute is name="value" or name='value'.
const START_TAG = /^<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\/?>$/;

/**
 * The element of a captured piece. Pieces without content skip the XML parser (most of a big file),
 * so their start tag is checked here: the scanner reads attributes leniently and would not say that
 * `name="M("a")"` is broken. A piece that is not well-formed becomes a diagnostic with its line.
 */
export function pieceElement(piece: XmlPiece, file: string, out: ParseOutput): XmlElement | undefined {
  if (piece.empty) {
    const tag = piece.xml.endsWith('/>') ? piece.xml : piece.xml.slice(0, piece.xml.lastIndexOf('</')).trimEnd();
    if (START_TAG.test(tag)) return { $: piece.attrs };
    elementNotRead(out, file, piece.line, `malformed <${piece.name}> tag (an attribute value with unescaped quotes?); element skipped`);
    return undefined;
  }
  const parsed = parseXml(piece.xml, file);
  if ('diagnostic' in parsed) {
    elementNotRead(out, file, piece.line + (parsed.diagnostic.line ?? 1) - 1, parsed.diagnostic.message);
    return undefined;
  }
  const el = parsed.root[piece.name]?.[0];
  // The scanner's attributes have every character reference decoded: a test's name, and so its
  // id, is then the same whether its element was empty or not.
  if (el) el.$ = piece.attrs;
  return el;
}
