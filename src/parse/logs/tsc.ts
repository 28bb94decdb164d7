import type { LogSink } from './block.js';
import { Block, open } from './block.js';

// `src/a.ts(12,5): error TS2322: …`, and with --pretty `src/a.ts:12:5 - error TS2322: …`.
const TSC = /^(\S.*?)(?:\((\d+),(\d+)\): |:(\d+):(\d+) - )error TS(\d+): (.*)$/;
const TSC_GLOBAL = /^error TS(\d+): (.*)$/;
/** Missing module, type definitions or declaration file. */
const TSC_DEPENDENCY = new Set(['2307', '2688', '2792', '7016']);

/** Without --pretty: the error's further lines (elaborations) are indented. */
class IndentedBlock extends Block {
  protected continues(line: string): boolean {
    return /^\s/.test(line);
  }
}

/** --pretty: blank lines, the numbered source line, indented underline and related locations. */
class TscPrettyBlock extends Block {
  protected override blankInside(): boolean {
    return true;
  }
  protected continues(line: string): boolean {
    return /^\s|^\d+ /.test(line);
  }
}

/** An error of tsc opens a finding; undefined for any other line. */
export function tscLine(line: string, sink: LogSink): true | undefined {
  let m = TSC.exec(line);
  if (m) {
    const [, file, l1, c1, l2, c2, code, message] = m;
    return open(sink, l1 ? IndentedBlock : TscPrettyBlock, TSC_DEPENDENCY.has(code!) ? 'dependency' : 'compile', message!, line, file, l1 ?? l2, c1 ?? c2);
  }
  if ((m = TSC_GLOBAL.exec(line))) return open(sink, IndentedBlock, 'compile', m[2]!, line);
  return undefined;
}
