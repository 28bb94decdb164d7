import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../model.js';

export function defaultReportPath(env: NodeJS.ProcessEnv, name: string): string {
  const dir = env.RUNNER_TEMP || env.GITHUB_WORKSPACE || process.cwd();
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'verdict';
  return path.join(dir, `${slug}-report.json`);
}

export async function writeReport(report: Report, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
