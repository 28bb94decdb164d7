/**
 * A copy of `text` that does not share memory with the buffer it was cut from. V8 keeps a
 * whole chunk alive for as long as any slice of it lives; a report holds its test names for the
 * whole run, and must not hold the file.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/**
 * Text kept from a big stream (half a million ids, thousands of stack traces), copied out in
 * batches: a batch is joined into one string, of a quarter megabyte or more in a dense file,
 * which V8 makes in its large-object space, and each text becomes a slice of it. Copied one by
 * one, each would be copied twice more by the scavenges that run all through a parse of that
 * size. A text lands where it is to go (`into[key]`) when its batch is joined: when the batch is
 * full, and on `flush()`, which the reader calls before the scanner reads on (a text waiting
 * may be a slice of what was read, and must not keep it).
 */
export class TextBatches {
  private parts: string[] = [];
  private length = 0;
  private targets: Record<PropertyKey, unknown>[] = [];
  private keys: PropertyKey[] = [];
  private ends: number[] = [];

  constructor(private readonly size = 256 * 1024) {}

  /** Keeps the text `head + tail` (`tail` may be a slice of the stream) for `into[key]`. */
  keep(into: object, key: PropertyKey, head: string, tail = ''): void {
    this.parts.push(head, tail);
    this.length += head.length + tail.length;
    this.targets.push(into as Record<PropertyKey, unknown>);
    this.keys.push(key);
    this.ends.push(this.length);
    if (this.length >= this.size) this.flush();
  }

  flush(): void {
    if (this.targets.length === 0) return;
    const all = this.parts.join('');
    let start = 0;
    for (let i = 0; i < this.targets.length; i++) {
      const end = this.ends[i]!;
      this.targets[i]![this.keys[i]!] = all.slice(start, end);
      start = end;
    }
    this.parts = [];
    this.length = 0;
    this.targets = [];
    this.keys = [];
    this.ends = [];
  }
}
