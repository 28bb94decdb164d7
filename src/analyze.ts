import { BINARY_DEATHS } from './classify/blocked.js';
import type { Changes } from './model/changes.js';
import type { Baseline } from './collect/baseline.js';
import type { Collected } from './collect/files.js';
import { findFiles } from './collect/files.js';
import { goTestInventory } from './collect/inventory.js';
import { describeProjects } from './collect/projects.js';
import { findTestFiles } from './collect/test-files.js';
import { openSource } from './collect/read.js';
import { describeWorkspace } from './collect/workspace.js';
import type { Diagnostic, Finding, Report, RunInfo } from './model/report.js';
import type { Parsed } from './parse/index.js';
import { parseSource } from './parse/index.js';
import { buildReport } from './pipeline.js';
import type { Settings } from './settings/table.js';

/** Common places test and coverage reports are written, used when no `files` are given. */
export const DEFAULT_PATTERNS = [
  '**/junit*.xml',
  '**/*junit*.xml',
  '**/TEST-*.xml',
  '**/test-results/**/*.xml',
  '**/test-reports/**/*.xml',
  '**/surefire-reports/*.xml',
  '**/failsafe-reports/*.xml',
  '**/*.junit.xml',
  '**/lcov.info',
  '**/*.lcov',
  '**/go-test*.json',
  '**/gotest*.json',
  '**/test-report*.json',
  '**/build.log',
];

/** Stops the run before a report can exist: no input at all. The CLI exits 2, the action fails. */
export class InputError extends Error {
  override name = 'InputError';
}

const PARSE_CONCURRENCY = 4;

async function parseAll(files: Awaited<ReturnType<typeof findFiles>>['files']): Promise<{ parsed: Parsed[]; diagnostics: Diagnostic[] }> {
  const parsed: Parsed[] = [];
  const diagnostics: Diagnostic[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      try {
        const source = await openSource(file);
        const result = await parseSource(source);
        // Known only once the parser has read the bytes: invalid UTF-8, a UTF-16 file cut mid-character.
        result.output.diagnostics.push(...(source.problems ?? []));
        parsed.push(result);
      } catch (error) {
        diagnostics.push({ file: file.path, message: `could not be read: ${(error as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARSE_CONCURRENCY, files.length) }, worker));
  return { parsed, diagnostics };
}

export interface SearchOptions {
  workspace: string;
  /** `files`, the globs as the user gave them: none means DEFAULT_PATTERNS (or nothing, when artifacts were downloaded). */
  settings: Settings;
  /** Downloaded artifacts, one sub-directory per artifact: every file in them is read. */
  artifactsDir?: string;
  /** What stopped part of the run from being judged before anything was parsed (an unreadable artifact). */
  findings?: Finding[];
}

/** What the search found, in the workspace and in the downloaded artifacts. */
export interface ReportFiles {
  userPatterns: boolean;
  fromWorkspace?: Collected;
  fromArtifacts?: Collected;
}

/** The report files to read; an InputError when there is none, known before anything is parsed or asked of GitHub. */
export async function findReportFiles(options: SearchOptions): Promise<ReportFiles> {
  const userPatterns = options.settings.files.length > 0;
  const searchWorkspace = userPatterns || !options.artifactsDir;
  const patterns = userPatterns ? options.settings.files : DEFAULT_PATTERNS;
  const fromWorkspace = searchWorkspace ? await findFiles(patterns, options.workspace, options.settings.maxFileSize) : undefined;
  const fromArtifacts = options.artifactsDir ? await findFiles(['**/*'], options.artifactsDir, options.settings.maxFileSize) : undefined;
  // A file refused with a diagnostic (too large, outside the workspace) still makes a report that says so.
  // So does an artifact that could not be read: its P0 is the report.
  const anything = (options.findings?.length ?? 0) > 0 || [fromWorkspace, fromArtifacts].some((c) => c && (c.files.length > 0 || c.diagnostics.length > 0));
  if (!anything) {
    const where = [searchWorkspace ? `${userPatterns ? 'the patterns' : 'the default patterns'} ${patterns.join(', ')} in ${options.workspace}` : '', options.artifactsDir ? 'the downloaded artifacts' : '']
      .filter(Boolean)
      .join(', nor in ');
    throw new InputError(`no report file found: nothing matches ${where}`);
  }
  return { userPatterns, fromWorkspace, fromArtifacts };
}

export interface AnalyzeOptions extends SearchOptions {
  run: RunInfo;
  now?: Date;
  /** The files findReportFiles found, when the caller looked for them first; else analyze looks. */
  found?: ReportFiles;
  /** Problems met before collecting (artifacts that could not be downloaded). */
  diagnostics?: Diagnostic[];
  baseline?: Baseline;
  changes?: Changes;
  artifactNames?: string[];
}

/** collect → parse → (merge → classify → gate): the report for the files the patterns name. */
export async function analyze(options: AnalyzeOptions): Promise<Report> {
  const { userPatterns, fromWorkspace, fromArtifacts } = options.found ?? (await findReportFiles(options));
  const files = [...(fromWorkspace?.files ?? []), ...(fromArtifacts?.files ?? [])];
  const collectDiagnostics = [...(fromWorkspace?.diagnostics ?? []), ...(fromArtifacts?.diagnostics ?? [])];
  const facts = await describeWorkspace(options.workspace);
  const { parsed, diagnostics } = await parseAll(files);
  // Files of a downloaded artifact sit in a directory named after it: that name is the matrix leg.
  const artifactFiles = new Set(fromArtifacts?.files.map((f) => f.path) ?? []);
  for (const p of parsed) if (artifactFiles.has(p.path)) p.leg = p.path.split('/')[0];
  // Packages whose test binary never ran to the end: their declared tests are looked up in source.
  const dead = parsed.flatMap((p) => p.output.findings).filter((f) => BINARY_DEATHS.has(f.kind) && f.package).map((f) => f.package!);
  const inventory = await goTestInventory(options.workspace, new Set(dead), facts.goModules);
  const testFiles = await findTestFiles(options.workspace, facts.files, options.settings.testFiles);
  const layout = await describeProjects(options.workspace, facts.files);
  const unmatched: Diagnostic[] = userPatterns ? (fromWorkspace?.unmatched ?? []).map((p) => ({ file: p, message: 'pattern matched no file' })) : [];
  return buildReport(parsed, {
    settings: options.settings,
    paths: {
      workspace: options.workspace,
      goModules: facts.goModules,
      knownFiles: facts.knownFiles,
      stripPrefixes: options.settings.stripPrefixes,
      pathPrefix: options.settings.pathPrefix,
    },
    run: options.run,
    now: options.now ?? new Date(),
    diagnostics: [...(options.diagnostics ?? []), ...unmatched, ...collectDiagnostics, ...diagnostics],
    inventory,
    testFiles,
    findings: options.findings,
    baseline: options.baseline,
    changes: options.changes,
    artifactNames: options.artifactNames,
    layout,
  });
}
