import { createHash } from 'node:crypto';
import type { Permissions, PermissionsOption } from './permissions.js';
import { resolvePermissions } from './permissions.js';

/**
 * What the fake GitHub knows. Records keep GitHub's field names (snake_case) so a test reads them the way it
 * reads API responses; the full JSON shapes GitHub returns are built from them in payloads.ts.
 */

export interface Actor {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

/** Who GITHUB_TOKEN acts as: comments and check runs the action creates are theirs. */
export const GITHUB_ACTIONS_BOT: Actor = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

/** The app a bot acts for (`<slug>[bot]`): GITHUB_TOKEN's is github-actions. A user or organization acts for none. */
export function appSlugOf(actor: Actor): string | undefined {
  return actor.type === 'Bot' && actor.login.endsWith('[bot]') ? actor.login.slice(0, -'[bot]'.length) : undefined;
}

export interface Repository {
  owner: Actor;
  name: string;
  id: number;
  default_branch: string;
  private: boolean;
}

export interface PullRequest {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  user: Actor;
  /** `repo` is the head repository's full name: another owner's means a pull request from a fork. */
  head: { sha: string; ref: string; repo: string };
  base: { sha: string; ref: string };
  merge_commit_sha: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
}

export type AuthorAssociation = 'COLLABORATOR' | 'CONTRIBUTOR' | 'FIRST_TIMER' | 'FIRST_TIME_CONTRIBUTOR' | 'MANNEQUIN' | 'MEMBER' | 'NONE' | 'OWNER';

export interface IssueComment {
  id: number;
  issue_number: number;
  body: string;
  user: Actor;
  author_association: AuthorAssociation;
  /** The slug of the app whose installation token wrote it; null for a person's token. */
  performed_via_github_app: string | null;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export type AnnotationLevel = 'notice' | 'warning' | 'failure';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  message: string;
  title?: string;
  raw_details?: string;
}

export type CheckStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
/** What a check run can conclude with; GitHub alone may mark one `stale`, and its responses never show that. */
export type CheckConclusion = 'action_required' | 'cancelled' | 'failure' | 'neutral' | 'success' | 'skipped' | 'timed_out';

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  started_at: string;
  completed_at: string | null;
  details_url: string | null;
  external_id: string | null;
  check_suite_id: number;
  /** The slug of the app that created it: only apps may create check runs. */
  app: string;
  /** annotations_count counts what sits in `annotations` for this run; the annotations themselves live there. */
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
}

export type WorkflowRunStatus = 'queued' | 'in_progress' | 'completed' | 'requested' | 'waiting' | 'pending';
export type WorkflowRunConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'stale' | null;

export interface WorkflowRun {
  id: number;
  name: string;
  workflow_id: number;
  path: string;
  run_number: number;
  run_attempt: number;
  event: string;
  status: WorkflowRunStatus;
  conclusion: WorkflowRunConclusion;
  head_sha: string;
  head_branch: string;
  /** The full name of the repository the head branch lives in: a fork's for a pull request from a fork. */
  head_repository: string;
  display_title: string;
  actor: Actor;
  /** Numbers of the repository's pull requests this run belongs to. */
  pull_requests: number[];
  created_at: string;
  updated_at: string;
}

export interface Artifact {
  id: number;
  name: string;
  workflow_run_id: number;
  /** The archive GitHub serves on download, exactly as given. */
  data: Buffer;
  size_in_bytes: number;
  expired: boolean;
  created_at: string;
  expires_at: string;
}

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface PullRequestFile {
  filename: string;
  status: FileStatus;
  patch?: string;
  previous_filename?: string;
  additions: number;
  deletions: number;
  changes: number;
  sha: string;
}

export interface RepositorySeed {
  owner?: string;
  name?: string;
  id?: number;
  ownerId?: number;
  defaultBranch?: string;
  private?: boolean;
}

export interface PullRequestSeed extends Partial<Omit<PullRequest, 'number' | 'head' | 'base'>> {
  number: number;
  head: { sha: string; ref?: string; repo?: string };
  base?: { sha?: string; ref?: string };
}

export interface CommentSeed extends Partial<Omit<IssueComment, 'issue_number' | 'body' | 'html_url'>> {
  issue_number: number;
  body: string;
}

export interface CheckRunSeed extends Partial<Omit<CheckRun, 'name' | 'head_sha' | 'output'>> {
  name: string;
  head_sha: string;
  output?: { title?: string | null; summary?: string | null; text?: string | null };
  annotations?: Annotation[];
}

export interface ArtifactSeed {
  name: string;
  /** The zip archive itself (see zip.ts to build one). */
  data: Uint8Array;
  expired?: boolean;
  created_at?: string;
  expires_at?: string;
}

export interface WorkflowRunSeed extends Partial<Omit<WorkflowRun, 'head_sha'>> {
  head_sha: string;
  artifacts?: ArtifactSeed[];
}

export interface PullRequestFileSeed {
  filename: string;
  status?: FileStatus;
  patch?: string;
  previous_filename?: string;
}

export interface StateOptions {
  repository?: RepositorySeed;
  /** Who the token acts as (default github-actions[bot]). */
  actor?: Actor;
  permissions?: PermissionsOption;
  /** Where resource timestamps come from, so a test can pin them. */
  now?: () => Date;
  webUrl?: string;
}

/** GitHub's timestamps have whole seconds: `2011-04-14T16:00:49Z`. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A stable 40-hex id for things the fake does not model (blob shas, fork repository ids). */
export function fakeSha(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

/** GitHub's patches are hunks only (no ---/+++ file header), so every leading sign is a changed line. */
function countPatchLines(patch: string | undefined, sign: '+' | '-'): number {
  return (patch ?? '').split('\n').filter((line) => line.startsWith(sign)).length;
}

/** Distinct ranges per kind so an id used on the wrong endpoint is a 404, as it would be on GitHub. */
const FIRST_ID = { pull: 1934567890, comment: 2001000001, checkRun: 3001000001, checkSuite: 4001000001, run: 5001000001, artifact: 6001000001 } as const;

export class FakeGitHubState {
  readonly repository: Repository;
  actor: Actor;
  /** Mutable mid-test: e.g. switch to READ_ONLY to simulate a fork's token. */
  permissions: Permissions;
  readonly webUrl: string;
  readonly pullRequests: PullRequest[] = [];
  readonly comments: IssueComment[] = [];
  readonly checkRuns: CheckRun[] = [];
  /** Per check run id, in the order GitHub received them, across create and every update. */
  readonly annotations = new Map<number, Annotation[]>();
  readonly workflowRuns: WorkflowRun[] = [];
  readonly artifacts: Artifact[] = [];
  readonly pullRequestFiles = new Map<number, PullRequestFile[]>();
  private readonly now: () => Date;
  private readonly nextIds: Record<keyof typeof FIRST_ID, number> = { ...FIRST_ID };
  private readonly checkSuites = new Map<string, number>();

  constructor(options: StateOptions = {}) {
    const seed = options.repository ?? {};
    this.repository = {
      owner: { login: seed.owner ?? 'acme', id: seed.ownerId ?? 9919, type: 'Organization' },
      name: seed.name ?? 'shop',
      id: seed.id ?? 1296268,
      default_branch: seed.defaultBranch ?? 'main',
      private: seed.private ?? false,
    };
    this.actor = options.actor ?? GITHUB_ACTIONS_BOT;
    this.permissions = resolvePermissions(options.permissions);
    this.now = options.now ?? (() => new Date());
    this.webUrl = options.webUrl ?? 'https://github.com';
  }

  get fullName(): string {
    return `${this.repository.owner.login}/${this.repository.name}`;
  }

  timestamp(): string {
    return timestamp(this.now());
  }

  private nextId(kind: keyof typeof FIRST_ID): number {
    return this.nextIds[kind]++;
  }

  /** GitHub groups check runs of one app and commit in a suite; the id only needs to be stable per commit. */
  checkSuiteFor(headSha: string): number {
    let id = this.checkSuites.get(headSha);
    if (id === undefined) {
      id = this.nextId('checkSuite');
      this.checkSuites.set(headSha, id);
    }
    return id;
  }

  addPullRequest(seed: PullRequestSeed): PullRequest {
    const created = seed.created_at ?? this.timestamp();
    const state = seed.state ?? 'open';
    const pull: PullRequest = {
      id: seed.id ?? this.nextId('pull'),
      number: seed.number,
      title: seed.title ?? `Pull request #${seed.number}`,
      body: seed.body ?? null,
      state,
      merged: seed.merged ?? false,
      draft: seed.draft ?? false,
      user: seed.user ?? { login: 'octocat', id: 583231, type: 'User' },
      head: { sha: seed.head.sha, ref: seed.head.ref ?? `feature-${seed.number}`, repo: seed.head.repo ?? this.fullName },
      base: { sha: seed.base?.sha ?? fakeSha('base', String(seed.number)), ref: seed.base?.ref ?? this.repository.default_branch },
      merge_commit_sha: seed.merge_commit_sha ?? null,
      created_at: created,
      updated_at: seed.updated_at ?? created,
      closed_at: seed.closed_at ?? (state === 'closed' ? created : null),
      merged_at: seed.merged_at ?? (seed.merged ? created : null),
    };
    this.pullRequests.push(pull);
    return pull;
  }

  pullRequest(number: number): PullRequest | undefined {
    return this.pullRequests.find((pull) => pull.number === number);
  }

  addComment(seed: CommentSeed): IssueComment {
    const id = seed.id ?? this.nextId('comment');
    const created = seed.created_at ?? this.timestamp();
    const comment: IssueComment = {
      id,
      issue_number: seed.issue_number,
      body: seed.body,
      user: seed.user ?? this.actor,
      author_association: seed.author_association ?? 'NONE',
      performed_via_github_app: seed.performed_via_github_app !== undefined ? seed.performed_via_github_app : (appSlugOf(seed.user ?? this.actor) ?? null),
      created_at: created,
      updated_at: seed.updated_at ?? created,
      html_url: `${this.webUrl}/${this.fullName}/pull/${seed.issue_number}#issuecomment-${id}`,
    };
    this.comments.push(comment);
    return comment;
  }

  comment(id: number): IssueComment | undefined {
    return this.comments.find((comment) => comment.id === id);
  }

  /** In creation order, which is the order GitHub lists them in. */
  commentsOn(issueNumber: number): IssueComment[] {
    return this.comments.filter((comment) => comment.issue_number === issueNumber);
  }

  deleteComment(id: number): void {
    const index = this.comments.findIndex((comment) => comment.id === id);
    if (index >= 0) this.comments.splice(index, 1);
  }

  addCheckRun(seed: CheckRunSeed): CheckRun {
    const started = seed.started_at ?? this.timestamp();
    const status = seed.status ?? (seed.conclusion ? 'completed' : 'queued');
    const run: CheckRun = {
      id: seed.id ?? this.nextId('checkRun'),
      name: seed.name,
      head_sha: seed.head_sha,
      status,
      conclusion: seed.conclusion ?? null,
      started_at: started,
      completed_at: seed.completed_at ?? (status === 'completed' ? started : null),
      details_url: seed.details_url ?? null,
      external_id: seed.external_id ?? null,
      check_suite_id: seed.check_suite_id ?? this.checkSuiteFor(seed.head_sha),
      app: seed.app ?? appSlugOf(this.actor) ?? 'github-actions',
      output: { title: seed.output?.title ?? null, summary: seed.output?.summary ?? null, text: seed.output?.text ?? null, annotations_count: 0 },
    };
    this.checkRuns.push(run);
    this.annotations.set(run.id, []);
    this.appendAnnotations(run, seed.annotations ?? []);
    return run;
  }

  checkRun(id: number): CheckRun | undefined {
    return this.checkRuns.find((run) => run.id === id);
  }

  annotationsOf(checkRunId: number): Annotation[] {
    return this.annotations.get(checkRunId) ?? [];
  }

  appendAnnotations(run: CheckRun, annotations: readonly Annotation[]): void {
    const stored = this.annotations.get(run.id) ?? [];
    stored.push(...annotations.map((annotation) => ({ ...annotation })));
    this.annotations.set(run.id, stored);
    run.output.annotations_count = stored.length;
  }

  addWorkflowRun(seed: WorkflowRunSeed): WorkflowRun {
    const created = seed.created_at ?? this.timestamp();
    const { artifacts = [], ...fields } = seed;
    const status = fields.status ?? 'completed';
    const run: WorkflowRun = {
      id: fields.id ?? this.nextId('run'),
      name: fields.name ?? 'CI',
      workflow_id: fields.workflow_id ?? 161335,
      path: fields.path ?? '.github/workflows/ci.yml',
      run_number: fields.run_number ?? this.workflowRuns.length + 1,
      run_attempt: fields.run_attempt ?? 1,
      event: fields.event ?? 'pull_request',
      status,
      conclusion: fields.conclusion !== undefined ? fields.conclusion : status === 'completed' ? 'success' : null,
      head_sha: fields.head_sha,
      head_branch: fields.head_branch ?? this.repository.default_branch,
      head_repository: fields.head_repository ?? this.fullName,
      display_title: fields.display_title ?? fields.name ?? 'CI',
      actor: fields.actor ?? { login: 'octocat', id: 583231, type: 'User' },
      pull_requests: fields.pull_requests ?? [],
      created_at: created,
      updated_at: fields.updated_at ?? created,
    };
    this.workflowRuns.push(run);
    for (const artifact of artifacts) this.addArtifact(run.id, artifact);
    return run;
  }

  workflowRun(id: number): WorkflowRun | undefined {
    return this.workflowRuns.find((run) => run.id === id);
  }

  addArtifact(workflowRunId: number, seed: ArtifactSeed): Artifact {
    if (!this.workflowRun(workflowRunId)) throw new Error(`fake-github: no workflow run ${workflowRunId} to attach artifact '${seed.name}' to`);
    const created = seed.created_at ?? this.timestamp();
    const data = Buffer.from(seed.data);
    const artifact: Artifact = {
      id: this.nextId('artifact'),
      name: seed.name,
      workflow_run_id: workflowRunId,
      data,
      size_in_bytes: data.length,
      expired: seed.expired ?? false,
      created_at: created,
      expires_at: seed.expires_at ?? timestamp(new Date(Date.parse(created) + 90 * 86_400_000)),
    };
    this.artifacts.push(artifact);
    return artifact;
  }

  artifact(id: number): Artifact | undefined {
    return this.artifacts.find((artifact) => artifact.id === id);
  }

  /** Replaces the pull request's changed files; additions and deletions are counted from each patch. */
  setPullRequestFiles(pullNumber: number, files: readonly PullRequestFileSeed[]): PullRequestFile[] {
    const stored = files.map((file): PullRequestFile => {
      const additions = countPatchLines(file.patch, '+');
      const deletions = countPatchLines(file.patch, '-');
      return {
        filename: file.filename,
        status: file.status ?? 'modified',
        ...(file.patch === undefined ? {} : { patch: file.patch }),
        ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
        additions,
        deletions,
        changes: additions + deletions,
        sha: fakeSha('blob', file.filename, file.patch ?? ''),
      };
    });
    this.pullRequestFiles.set(pullNumber, stored);
    return stored;
  }
}
