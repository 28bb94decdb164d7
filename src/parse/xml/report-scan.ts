import type { Source } from '../../collect/read.js';
import type { ParseOutput } from '../../model/report.js';
import { truncatedFile } from '../parser.js';
import type { ScanOptions, ScanResult } from './scanner.js';
import { scanXml } from './scanner.js';

/**
 * Scans a report file into `out`: its problems become diagnostics naming the file, and a file
 * that ends before its elements do is a P0 — every XML format alike, the tests after the cut lost.
 */
export async function scanReport(source: Source, out: ParseOutput, options: Omit<ScanOptions, 'file' | 'diagnostics'>): Promise<ScanResult> {
  const scan = await scanXml(source.chunks(), { ...options, file: source.path, diagnostics: out.diagnostics });
  if (scan.truncated) out.findings.push(truncatedFile(source.path, scan.truncated));
  return scan;
}
