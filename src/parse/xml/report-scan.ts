import type { Source } from '../../collect/read.js';
import type { Finding, ParseOutput } from '../../model/report.js';
import { lostPart, truncatedFile } from '../parser.js';
import type { ScanOptions, ScanResult } from './scanner.js';
import { scanXml } from './scanner.js';

/**
 * Scans a report file into `out`: its problems become diagnostics naming the file, and a file
 * that ends before its elements do, or that is not read to its end over a limit, is a P0 — every
 * XML format alike, the tests or coverage after the cut lost; so is an element skipped over a limit.
 */
export async function scanReport(source: Source, out: ParseOutput, options: Omit<ScanOptions, 'file' | 'diagnostics'>): Promise<ScanResult> {
  const scan = await scanXml(source.chunks(), { ...options, file: source.path, diagnostics: out.diagnostics });
  if (scan.truncated) out.findings.push(truncatedFile(source.path, scan.truncated));
  if (scan.stopped) out.findings.push(lostPart(source.path, scan.stopped.line, `Report not read past line ${scan.stopped.line} (${scan.stopped.message}): all that follows is lost`));
  for (const s of scan.skipped) out.findings.push(lostElement(source.path, s.line, s.message));
  return scan;
}

/** A captured element that does not read (malformed): said where, and a P0, as what it holds is lost. */
export function elementNotRead(out: ParseOutput, file: string, line: number, message: string): void {
  out.diagnostics.push({ file, line, message });
  out.findings.push(lostElement(file, line, message.replace(/; element skipped$/, '')));
}

function lostElement(file: string, line: number, why: string): Finding {
  return lostPart(file, line, `Element on line ${line} not read (${why}): what it holds is lost`);
}

