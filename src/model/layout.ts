/*
 * How the repository is cut into units its developers name: what a subsystem is when a test
 * report says no package. Found by collect/projects.ts from the workspace, used by classify.
 */

export type ProjectKind = 'go' | 'npm' | 'python' | 'python-package' | 'cargo' | 'maven' | 'gradle' | 'cmake';

export interface Project {
  /** Repository-relative directory of the manifest, '' for the root. */
  dir: string;
  /** The name its manifest gives (package.json "name", Cargo [package] name, artifactId…), else the directory. */
  name: string;
  kind: ProjectKind;
}

export interface Layout {
  projects: Project[];
  /** Top-level directories that hold source files: the units of a repository without manifests. */
  topDirs: string[];
}

/** Folders that hold tests of the code beside them, by the runners' conventions. */
export const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'testing']);
