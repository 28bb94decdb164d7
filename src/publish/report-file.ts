import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../model/report.js';
import { slug } from '../render/format.js';
import { writeJsonFile } from '../render/json.js';

/** Where the Action writes the report when report-path does not say: `dir` is the runner's temporary directory. */
export function defaultReportPath(dir: string, name: string): string {
  return path.join(dir, `${slug(name)}-report.json`);
}

/** The same bytes as JSON.stringify(report, null, 2) and a newline, without one string of them all. */
export async function writeReport(report: Report, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  writeJsonFile(file, report);
}
