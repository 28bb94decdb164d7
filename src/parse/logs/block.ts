import type { Declared, Finding, FindingKind } from '../../model/report.js';

/*
 * What the tools' readers share. As in GoBuildReader, each error line starts a finding and the
 * lines printed under it (source excerpt, notes, frames) go to its excerpt: every tool's error
 * opens a block, and the block says which of the following lines are still its own. Warnings
 * open blocks too, so that their notes are not taken for the previous error's.
 */

const MAX_EXCERPT_LINES = 200;

/** What a tool's reader hands its findings and blocks to: the log reader. */
export interface LogSink {
  readonly origin: string;
  add(f: Finding): void;
  /** Sends the lines that follow to `block` until one does not belong to it. */
  enter(block: Block): true;
  /** A runner's summary: who wrote the log, and how many tests it says there were. */
  declare(runner: string, declared: Declared): void;
}

/** The directory of a file as written, with forward slashes; undefined for a bare file name. */
export function dirOf(file: string): string | undefined {
  const posix = file.replace(/\\/g, '/');
  const slash = posix.lastIndexOf('/');
  return slash < 0 ? undefined : posix.slice(0, slash) || '/';
}

/** Whether two spellings of a path (relative, absolute) name the same file. */
export function samePath(a: string, b: string): boolean {
  const [x, y] = [a.replace(/\\/g, '/').replace(/^\.\//, ''), b.replace(/\\/g, '/').replace(/^\.\//, '')];
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

export function finding(kind: FindingKind, origin: string, message: string, excerpt: string, file?: string, line?: string, column?: string): Finding {
  return {
    kind,
    ...(file !== undefined ? { package: dirOf(file), file } : {}),
    ...(line !== undefined ? { line: Number(line) } : {}),
    ...(column !== undefined ? { column: Number(column) } : {}),
    message: message.trim(),
    excerpt,
    tests: [],
    origin,
  };
}

/** An error, or a warning whose lines are skipped, and the lines printed after its first. */
export abstract class Block {
  private blanks = 0;
  /** Lines in the excerpt; a runaway block (a huge stack) keeps only its first lines. */
  private kept = 1;
  /** Lines read before the finding exists (a traceback's exception line comes last). */
  private early: string[] | undefined;

  constructor(
    first: string,
    protected finding: Finding | undefined,
    waitsForFinding = false,
  ) {
    if (finding) finding.excerpt = first;
    else if (waitsForFinding) this.early = [first];
  }

  /** Feeds the next line; false when it does not belong to the block, which has then ended. */
  take(line: string): boolean {
    if (line.trim() === '') {
      if (!this.blankInside()) return false;
      this.blanks++;
      return true;
    }
    if (!this.continues(line, this.blanks > 0)) return false;
    // Blank lines inside the block are kept; trailing ones are not, as the next line decides.
    const blanks = this.blanks;
    this.blanks = 0;
    if ((this.kept += blanks + 1) > MAX_EXCERPT_LINES) return true;
    if (this.finding) this.finding.excerpt = `${this.finding.excerpt ?? ''}${'\n'.repeat(blanks + 1)}${line}`;
    else this.early?.push(...Array<string>(blanks).fill(''), line);
    return true;
  }

  /** Gives the block its finding once it is known; the lines read so far become its excerpt. */
  protected found(f: Finding): void {
    f.excerpt = (this.early ?? []).join('\n');
    this.early = undefined;
    this.finding = f;
  }

  protected blankInside(): boolean {
    return false;
  }

  protected abstract continues(line: string, afterBlank: boolean): boolean;
}

/** Adds the finding an error line states and sends the lines under it to a block of `type`. */
export function open(
  sink: LogSink,
  type: new (first: string, f: Finding) => Block,
  kind: FindingKind,
  message: string,
  excerpt: string,
  file?: string,
  line?: string,
  column?: string,
): true {
  const f = finding(kind, sink.origin, message, excerpt, file, line, column);
  sink.add(f);
  return sink.enter(new type(excerpt, f));
}
