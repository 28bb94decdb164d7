import type { Finding } from '../../model/report.js';

/*
 * Go compiler and go-command output, wherever it shows up: `build-output` events (go >= 1.24),
 * plain lines in an older `go test -json` stream, or a separate `2> build.log`.
 */

// `# example.com/pkg [example.com/pkg.test]`, and `# cover example.com/pkg` from -cover builds.
const HEADER = /^# (?:cover )?(\S+)(?: \[(\S+)\])?\s*$/;
// The cover tool logs with a timestamp and names the file twice: `2026/11/21 05:41:41 cover: /abs/a.go: /abs/a.go:8:1: expected …`.
const COVER_ERROR = /^(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d )?cover: (?:\S+\.go: )?(\S+?\.go):(\d+)(?::(\d+))?: (.*)$/;
const ERROR = /^(\S+?\.go):(\d+)(?::(\d+))?: (.*)$/;
const BUILD_FAILED = /^FAIL\s+(\S+) \[(?:build|setup) failed\]\s*$/;
const DEPENDENCY =
  /no required module provides package|missing go\.sum entry|is not in std|cannot find module|cannot find package|updates to go\.mod needed|module .* found, but does not contain package|no matching versions for query|unknown revision|go\.mod file not found/;

/** `example.com/pkg [example.com/pkg.test]` or `example.com/pkg.test` → `example.com/pkg`. */
export function goPackageOf(importPath: string): string {
  return importPath.replace(/ \[.*\]$/, '').replace(/\.test$/, '').replace(/_test$/, '');
}

function baseName(p: string): string {
  return p.replace(/\\/g, '/').replace(/^.*\//, '');
}

/**
 * Turns build output into one finding per error. The compiler prints file paths relative to the
 * directory `go` ran in, which the report cannot know; the files of a package live in the
 * package's directory, so the finding names `<import path>/<file name>` and the merge stage maps
 * the import path to the repository with go.mod.
 */
export class GoBuildReader {
  private pkg: string | undefined;
  private last: Finding | undefined;
  readonly findings: Finding[] = [];
  /** Packages that go said failed to build, even when no error line was seen. */
  readonly failedPackages = new Set<string>();

  constructor(
    private readonly origin: string,
    pkg?: string,
  ) {
    this.pkg = pkg;
  }

  /** Feeds one line; returns false when the line is not build output. */
  line(raw: string, pkg?: string): boolean {
    const line = raw.replace(/\r$/, '');
    if (pkg !== undefined) this.pkg = pkg;
    const header = HEADER.exec(line);
    if (header) {
      this.pkg = goPackageOf(header[1]!);
      this.last = undefined;
      return true;
    }
    const failed = BUILD_FAILED.exec(line);
    if (failed) {
      this.failedPackages.add(goPackageOf(failed[1]!));
      this.last = undefined;
      return true;
    }
    const cover = COVER_ERROR.exec(line);
    if (cover) {
      const [, file, lineNo, col, message] = cover;
      this.add({ file: this.pkg ? `${this.pkg}/${baseName(file!)}` : file!, line: Number(lineNo), column: col ? Number(col) : undefined, message: `cover: ${message!.trim()}`, excerpt: line });
      return true;
    }
    const error = ERROR.exec(line);
    if (error) {
      const [, file, lineNo, col, message] = error;
      this.add({
        file: this.pkg ? `${this.pkg}/${baseName(file!)}` : file!,
        line: Number(lineNo),
        column: col ? Number(col) : undefined,
        message: message!.trim(),
        excerpt: line,
      });
      return true;
    }
    if (/^\s/.test(line) && this.last && line.trim() !== '') {
      // Continuation: `other declaration of x`, `have (...) want (...)`, `go get` hints.
      this.last.excerpt = `${this.last.excerpt ?? ''}\n${line}`;
      return true;
    }
    if (/^(go: |package \S+ is not in std|cannot find package)/.test(line) || /^\S+: (?:.*)?no required module provides package/.test(line)) {
      this.add({ message: line.replace(/^go: /, '').trim(), excerpt: line });
      return true;
    }
    if (/^too many errors$/.test(line.trim())) return true;
    return false;
  }

  private add(f: Omit<Finding, 'kind' | 'tests' | 'origin' | 'package'>): void {
    // Load errors come without a `# package` header: the file's directory is its package.
    const dir = f.file?.includes('/') ? f.file.slice(0, f.file.lastIndexOf('/')) : undefined;
    const finding: Finding = {
      kind: DEPENDENCY.test(f.message) ? 'dependency' : 'compile',
      package: this.pkg ?? dir,
      tests: [],
      origin: this.origin,
      ...f,
    };
    this.findings.push(finding);
    this.last = finding;
  }
}
