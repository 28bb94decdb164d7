import { appendFile } from 'node:fs/promises';

/** Appends to the job summary file the runner shows on the run page. */
export async function publishSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  await appendFile(file, `${markdown}\n`);
  return true;
}
