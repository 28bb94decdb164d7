/*
 * The YAML diagnostics block under a TAP test point, as node:test writes it (reporters/tap.js
 * jsToYaml): `key: scalar`, `key: |-` with the text indented below, or `key:` with a nested
 * mapping below (an assertion's expected/actual objects). Only the top-level keys are read; a
 * nested value is kept as its text.
 */

export type Diagnostics = Map<string, string | null>;

const KEY = /^([A-Za-z_][\w-]{0,100}):(?: (.*))?$/;

/** Reads a block's lines (without the `---`/`...` fences), all indented by at least `indent`. */
export function readDiagnostics(lines: readonly string[], indent: number): Diagnostics {
  const out: Diagnostics = new Map();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.slice(indent);
    const m = KEY.exec(line);
    if (!m) continue;
    const raw = m[2];
    if (raw !== undefined && raw !== '|-' && raw !== '|') {
      out.set(m[1]!, scalar(raw));
      continue;
    }
    // A block below the key: every following line indented more than the key.
    const body: string[] = [];
    while (i + 1 < lines.length && (lines[i + 1]!.trim() === '' || /^\s/.test(lines[i + 1]!.slice(indent)))) body.push(lines[++i]!.slice(indent + 2));
    out.set(m[1]!, body.join('\n').trimEnd());
  }
  return out;
}

function scalar(raw: string): string | null {
  if (raw === '~' || raw === 'null') return null;
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw;
}
