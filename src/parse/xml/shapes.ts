import { detach } from './detach.js';

/**
 * A captured empty element as a file writes it again and again (`<testcase name="…" classname="…"
 * time="…"/>`): its name and its attributes' names, in order, as one sticky expression that
 * matches only a tag the general path reads into exactly the same attributes (no prefixes, no '&'
 * in values, XML whitespace only). Half a million test cases are then one match each instead of
 * a tag scan, a name lookup and an attribute scan.
 */
export interface EmptyShape {
  /** The element's name and its attributes' names, space-separated: what `shapes` is keyed by. */
  key: string;
  name: string;
  attributes: string[];
  pattern: RegExp;
  /** The name's first character: a '<' followed by another is not tried. */
  first: number;
  /** Tags it read as the general path did, and tags it did not. */
  agreed: number;
  refused: number;
}

const SHAPE_NAME = /^[A-Za-z_][\w.-]*$/;
// Shapes one file may make (a file of any size writes a handful), and tags a shape may misread
// before it is no longer tried (a file that writes an entity in every tag).
const MAX_SHAPES = 16;
const MAX_REFUSED = 16;
const WS = '[ \\t\\r\\n]';

function shapeOf(key: string, name: string, attributes: string[]): EmptyShape | undefined {
  if (!SHAPE_NAME.test(name) || !attributes.every((a) => SHAPE_NAME.test(a))) return undefined;
  const literal = (text: string) => text.replace(/\./g, '\\.');
  const value = `(?:"[^"&]*"|'[^'&]*')`;
  const source = `<${literal(name)}${attributes.map((a) => `${WS}+${literal(a)}${WS}*=${WS}*${value}`).join('')}${WS}*/>`;
  return { key, name, attributes, pattern: new RegExp(source, 'y'), first: name.charCodeAt(0), agreed: 0, refused: 0 };
}

/** The attributes `shape` reads from the tag at `at` in `text`, and where the tag ends (`shape.pattern.lastIndex`); undefined if it does not match. */
export function readShape(shape: EmptyShape, text: string, at: number, copy: boolean): Record<string, string> | undefined {
  shape.pattern.lastIndex = at;
  // Without capture groups: a match array of half a dozen strings per tag was most of what a
  // passing test case cost the collector.
  if (!shape.pattern.test(text)) return undefined;
  const attrs: Record<string, string> = {};
  let i = at + 1 + shape.name.length;
  for (const name of shape.attributes) {
    // As matched: whitespace, the name, '=' between whitespace, and a quoted value without entities.
    let open = text.indexOf('=', i) + 1;
    while (text.charCodeAt(open) !== 34 && text.charCodeAt(open) !== 39) open++;
    const close = text.indexOf(text.charCodeAt(open) === 34 ? '"' : "'", open + 1);
    const value = text.slice(open + 1, close);
    attrs[name] = copy ? detach(value) : value;
    i = close + 1;
  }
  return attrs;
}

/** Whether `shape` reads `tag` into `attrs`, what the general path read from it. */
function agrees(shape: EmptyShape, tag: string, attrs: Record<string, string>): boolean {
  const read = readShape(shape, tag, 0, false);
  return read !== undefined && shape.pattern.lastIndex === tag.length && shape.attributes.every((a) => read[a] === attrs[a]);
}

/**
 * The shapes of one scan's captured empty elements, by name and attribute names (undefined: names
 * no shape can have). `current` is the one tried, the last one the general path's reading agreed with.
 */
export class EmptyShapes {
  private readonly shapes = new Map<string, EmptyShape | undefined>();
  current: EmptyShape | undefined;

  /** Told what the general path read as `attrs` from `tag`: the shape of that, if it reads `tag` the same way, is tried next. */
  learn(name: string, tag: string, attrs: Record<string, string>): void {
    const attributes = Object.keys(attrs);
    const key = [name, ...attributes].join(' ');
    // The shape in use did not match this tag: its names are not what made it fail.
    if (this.current?.key === key) return;
    let found = this.shapes.get(key);
    if (found === undefined && !this.shapes.has(key)) {
      if (this.shapes.size >= MAX_SHAPES) return;
      this.shapes.set(key, (found = shapeOf(key, name, attributes)));
    }
    if (found === undefined || (found.agreed === 0 && found.refused >= MAX_REFUSED)) return;
    if (!agrees(found, tag, attrs)) {
      found.refused++;
      return;
    }
    found.agreed++;
    this.current = found;
  }
}
