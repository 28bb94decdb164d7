import { mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Artifacts } from '../github/artifacts.js';
import type { Diagnostic, Finding } from '../model/report.js';
import { compareText } from '../text/order.js';
import type { Unzipped, ZipLimits } from './unzip.js';
import { unzipBounded } from './unzip.js';
import { globMatch } from '../text/match.js';

export interface RunArtifacts {
  token: string;
  owner: string;
  repo: string;
  runId: number;
  /** Globs over artifact names (e.g. `test-results-*`). */
  patterns: string[];
  /** Directory each artifact is unpacked under, one sub-directory per artifact. */
  into: string;
  /** Where the archives are kept while they are unpacked (outside `into`). */
  temp: string;
  limits: ZipLimits;
}

export interface Downloaded {
  /** The folders under `into`, one per artifact read whole: its name, made safe (and distinct). */
  names: string[];
  diagnostics: Diagnostic[];
  /** Artifacts that could not be read whole: a leg of the run that cannot be judged (P0). */
  findings: Finding[];
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
  const { artifacts } = await client.listArtifacts({ findBy, latest: true });
  const wanted = artifacts.filter((a) => options.patterns.some((p) => globMatch(p, a.name))).sort((a, b) => compareText(a.name, b.name));
  const names: string[] = [];
  const diagnostics: Diagnostic[] = [];
  if (wanted.length === 0) {
    diagnostics.push({
      file: `artifacts of run ${options.runId}`,
      message: `no artifact matches ${options.patterns.join(', ')} (the run has: ${artifacts.map((a) => a.name).join(', ') || 'none'})`,
    });
  }
  const findings: Finding[] = [];
  const folders = folderNames(wanted);
  for (const artifact of wanted) {
    const folder = folders.get(artifact.id)!;
    const unreadable = (reason: string) =>
      findings.push({ kind: 'missing-artifact', message: `artifact '${artifact.name}' is unreadable: ${reason}`, tests: [], origin: `artifact ${artifact.name}` });
    if (artifact.size > options.limits.maxBytes) {
      unreadable(`its archive is ${artifact.size} bytes, more than the limit of ${options.limits.maxBytes} (input max-artifact-size)`);
      continue;
    }
    const dir = path.join(options.into, folder);
    try {
      const got = await fetchArtifact(client, artifact.id, findBy, dir, options.temp, options.limits);
      for (const s of got.skipped.slice(0, 10)) diagnostics.push({ file: `artifact ${artifact.name}`, message: `entry left out: ${s}` });
      if (got.skipped.length > 10) diagnostics.push({ file: `artifact ${artifact.name}`, message: `${got.skipped.length - 10} more entries left out` });
      names.push(folder);
    } catch (error) {
      unreadable((error as Error).message);
    }
  }
  return { names, diagnostics, findings };
}

type FindBy = Parameters<Artifacts['downloadArtifact']>[1] extends infer O ? (O extends { findBy?: infer F } ? NonNullable<F> : never) : never;

/**
 * Downloads one artifact and unpacks it into `into` within `limits`. The archive is unpacked
 * here rather than by the client, which retries a broken archive five times and leaves what it
 * had unpacked; on any error `into` is removed, so that half an artifact is never read as whole.
 */
export async function fetchArtifact(client: Artifacts, artifactId: number, findBy: FindBy, into: string, temp: string, limits: ZipLimits): Promise<Unzipped> {
  const zipDir = await mkdtemp(path.join(temp, 'verdict-zip-'));
  try {
    await client.downloadArtifact(artifactId, { path: zipDir, findBy, skipDecompress: true });
    const [archive] = await readdir(zipDir);
    if (!archive) throw new Error('the download wrote no file');
    return await unzipBounded(path.join(zipDir, archive), into, limits);
  } catch (error) {
    await rm(into, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(zipDir, { recursive: true, force: true });
  }
}

/**
 * A folder per artifact: its name made safe, and made distinct where two names become one
 * (`junit linux`, `junit_linux`) by the artifact's id, so that no leg's files land on another's.
 */
function folderNames(artifacts: readonly { id: number; name: string }[]): Map<number, string> {
  const count = new Map<string, number>();
  for (const a of artifacts) count.set(safeDirectoryName(a.name), (count.get(safeDirectoryName(a.name)) ?? 0) + 1);
  return new Map(artifacts.map((a) => {
    const safe = safeDirectoryName(a.name);
    return [a.id, count.get(safe)! > 1 ? `${safe}-${a.id}` : safe];
  }));
}
