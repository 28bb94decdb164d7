import type { Finding } from '../../model/report.js';
import { dirOf, samePath } from './block.js';
import { isVetMessage } from './go-vet.js';

/*
 * Go compiler and go-command output, wherever it shows up: `build-output` events (go >= 1.24),
 * plain lines in an older `go test -json` stream, or a separate `2> build.log`.
 */

// `# example.com/pkg [example.com/pkg.test]`, and `# cover example.com/pkg` from -cover builds.
const HEADER = /^# (?:cover )?(\S+)(?: \[(\S+)\])?\s*$/;
// The cover tool logs with a timestamp and names the file twice: `2026/11/21 05:41:41 cover: /abs/a.go: /abs/a.go:8:1: expected …`.
const COVER_ERROR = /^(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d )?cover: (?:\S+\.go: )?(\S+?\.go):(\d+)(?::(\d+))?: (.*)$/;
const ERROR = /^(\S+?\.go):(\d+)(?::(\d+))?: (.*)$/;
// go vet's own type check of a package that does not compile: `vet: a/b.go:9:15: undeclared name: x`.
const VET_TYPE_ERROR = /^vet: (\S+?\.go):(\d+)(?::(\d+))?: (.*)$/;
// gotestsum 1.8 passes go's line on with its complaint that it is not a test2json event.
const BUILD_FAILED = /^(?:WARN invalid TestEvent: |bad output from test2json: )?FAIL\s+(\S+) \[(?:build|setup) failed\]\s*$/;
const DEPENDENCY =
  /no required module provides package|missing go\.sum entry|is not in std|cannot find module|cannot find package|updates to go\.mod needed|module \S+ found[^,]{0,200}, but does not contain package|no matching versions for query|unknown revision|go\.mod file not found/;

/** `example.com/pkg [example.com/pkg.test]` or `example.com/pkg.test` → `example.com/pkg`. */
export function goPackageOf(importPath: string): string {
  return importPath.replace(/ \[[^\]]*\]$/, '').replace(/\.test$/, '').replace(/_test$/, '');
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
  /**
   * The header names a test variant (`# pkg [pkg.test]`): the compiler's output. go vet's never
   * does, as go prints vet's output under the bare import path.
   */
  private testVariant = false;
  private last: Finding | undefined;
  /** Import paths go named, to place errors printed without a header (gotestsum's summary). */
  private readonly known = new Set<string>();
  readonly findings: Finding[] = [];
  /** Packages that go said failed to build, even when no error line was seen. */
  readonly failedPackages = new Set<string>();

  constructor(private readonly origin: string) {}

  /** Feeds one line; returns false when the line is not build output. */
  line(raw: string, pkg?: string): boolean {
    const line = raw.replace(/\r$/, '');
    if (pkg !== undefined) this.pkg = pkg;
    const header = HEADER.exec(line);
    if (header) {
      this.pkg = goPackageOf(header[1]!);
      this.testVariant = header[2] !== undefined;
      this.known.add(this.pkg);
      this.last = undefined;
      return true;
    }
    const failed = BUILD_FAILED.exec(line);
    if (failed) {
      this.failedPackages.add(goPackageOf(failed[1]!));
      this.known.add(goPackageOf(failed[1]!));
      this.last = undefined;
      return true;
    }
    const typeError = VET_TYPE_ERROR.exec(line);
    if (typeError) {
      const [, file, lineNo, col, message] = typeError;
      this.add({ file: this.fileOf(file!), line: Number(lineNo), column: col ? Number(col) : undefined, message: message!.trim(), excerpt: line }, 'compile');
      return true;
    }
    const cover = COVER_ERROR.exec(line);
    if (cover) {
      const [, file, lineNo, col, message] = cover;
      this.add({ file: this.fileOf(file!), line: Number(lineNo), column: col ? Number(col) : undefined, message: `cover: ${message!.trim()}`, excerpt: line });
      return true;
    }
    const error = ERROR.exec(line);
    if (error) {
      const [, file, lineNo, col, message] = error;
      // gotestsum's `=== Errors` summary repeats, without headers, the errors printed above.
      if (!this.pkg && this.findings.some((f) => f.line === Number(lineNo) && f.message === message!.trim() && f.file !== undefined && samePath(f.file, file!))) return true;
      this.add({
        file: this.fileOf(file!),
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
    // Anything else ends the header's output: an error after it is not that package's.
    if (pkg === undefined) this.pkg = undefined;
    return false;
  }

  /**
   * Findings for the packages go said failed to build beyond the errors read: go test runs vet
   * first and reports a package whose vet failed as `[build failed]` without running its tests;
   * a package with no error at all gets `unexplained` (its errors went to another file).
   */
  unbuilt(failed: Iterable<string>, unexplained: (pkg: string) => string): Finding[] {
    const out: Finding[] = [];
    for (const pkg of failed) {
      const own = this.findings.filter((f) => f.package === pkg);
      if (own.some((f) => f.kind !== 'vet')) continue;
      const message =
        own.length > 0
          ? `go test did not run the tests of ${pkg}: go vet, which go test runs before the tests, reported ${own.length} problem${own.length === 1 ? '' : 's'}`
          : unexplained(pkg);
      out.push({ kind: own.length > 0 ? 'not-built' : 'compile', package: pkg, message, tests: [], origin: this.origin, ...(own.length > 0 ? {} : { unexplained: true }) });
    }
    return out;
  }

  /**
   * `<import path>/<file name>` under a header; without one, the known package whose import path
   * ends with the file's directory, else the file as written.
   */
  private fileOf(file: string): string {
    if (this.pkg) return `${this.pkg}/${baseName(file)}`;
    const dir = dirOf(file);
    const pkg = dir === undefined ? undefined : [...this.known].find((p) => p === dir || p.endsWith(`/${dir}`));
    return pkg ? `${pkg}/${baseName(file)}` : file;
  }

  private add(f: Omit<Finding, 'kind' | 'tests' | 'origin' | 'package'>, kind?: Finding['kind']): void {
    // Load errors come without a `# package` header: the file's directory is its package.
    const dir = f.file?.includes('/') ? f.file.slice(0, f.file.lastIndexOf('/')) : undefined;
    const finding: Finding = {
      kind: kind ?? (DEPENDENCY.test(f.message) ? 'dependency' : !this.testVariant && isVetMessage(f.message) ? 'vet' : 'compile'),
      package: this.pkg ?? dir,
      tests: [],
      origin: this.origin,
      ...f,
    };
    this.findings.push(finding);
    this.last = finding;
  }
}
