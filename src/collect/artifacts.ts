import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Artifacts } from '../github/artifacts.js';
import type { Diagnostic } from '../model/report.js';
import { compareText } from '../text/order.js';

export interface RunArtifacts {
  token: string;
  owner: string;
  repo: string;
  runId: number;
  /** Globs over artifact names (e.g. `test-results-*`). */
  patterns: string[];
  /** Directory each artifact is unpacked under, one sub-directory per artifact name. */
  into: string;
}

export interface Downloaded {
  /** Artifact names, each unpacked in `<into>/<name>`. */
  names: string[];
  diagnostics: Diagnostic[];
}

/** Artifact names become directory names; nothing in a name may lead out of `into`. */
export function safeDirectoryName(name: string): string {
  return name.replace(/[^\w.@+-]+/g, '_').replace(/^\.+/, '_') || '_';
}

/**
 * Downloads the artifacts of a workflow run whose names match, through the REST API
 * (findBy): the current run (matrix legs that uploaded their reports) or, for the fork
 * pattern, the run that triggered this workflow_run.
 */
export async function downloadRunArtifacts(client: Artifacts, options: RunArtifacts): Promise<Downloaded> {
  const findBy = { token: options.token, workflowRunId: options.runId, repositoryOwner: options.owner, repositoryName: options.repo };
  const matchers = options.patterns.map((p) => picomatch(p));
  const { artifacts } = await client.listArtifacts({ findBy, latest: true });
  const wanted = artifacts.filter((a) => matchers.some((m) => m(a.name))).sort((a, b) => compareText(a.name, b.name));
  const names: string[] = [];
  const diagnostics: Diagnostic[] = [];
  if (wanted.length === 0) {
    diagnostics.push({
      file: `artifacts of run ${options.runId}`,
      message: `no artifact matches ${options.patterns.join(', ')} (the run has: ${artifacts.map((a) => a.name).join(', ') || 'none'})`,
    });
  }
  for (const artifact of wanted) {
    const dir = path.join(options.into, safeDirectoryName(artifact.name));
    try {
      await mkdir(dir, { recursive: true });
      await client.downloadArtifact(artifact.id, { path: dir, findBy });
      names.push(safeDirectoryName(artifact.name));
    } catch (error) {
      diagnostics.push({ file: `artifact ${artifact.name}`, message: `could not be downloaded: ${(error as Error).message}` });
    }
  }
  return { names, diagnostics };
}
