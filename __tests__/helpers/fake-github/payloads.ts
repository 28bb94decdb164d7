import type { components } from '@octokit/openapi-types';
import { createHash } from 'node:crypto';
import type { Actor, Annotation, Artifact, CheckRun, FakeGitHubState, IssueComment, PullRequest, PullRequestFile, WorkflowRun } from './state.js';
import { fakeSha } from './state.js';

/**
 * The JSON GitHub returns for each resource, complete down to the last required field of the OpenAPI
 * schema (fake-github.test.ts validates every response against it), so a client reading any field
 * sees what it would see on GitHub. API URLs point at the fake server; html URLs at the web server.
 */

type Schemas = components['schemas'];

/** The GitHub Actions app: owner of every check run GITHUB_TOKEN creates. */
const ACTIONS_APP_ID = 15368;

function nodeId(kind: string, id: number): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');
}

export class Payloads {
  constructor(
    private readonly state: FakeGitHubState,
    private readonly api: string,
  ) {}

  private get web(): string {
    return this.state.webUrl;
  }

  private repoApi(fullName = this.state.fullName): string {
    return `${this.api}/repos/${fullName}`;
  }

  user(actor: Actor): Schemas['simple-user'] {
    const url = `${this.api}/users/${encodeURIComponent(actor.login)}`;
    const bot = actor.type === 'Bot' && actor.login.endsWith('[bot]');
    return {
      login: actor.login,
      id: actor.id,
      node_id: nodeId(actor.type, actor.id),
      avatar_url: bot ? `https://avatars.githubusercontent.com/in/${ACTIONS_APP_ID}?v=4` : `https://avatars.githubusercontent.com/u/${actor.id}?v=4`,
      gravatar_id: '',
      url,
      html_url: bot ? `${this.web}/apps/${actor.login.slice(0, -'[bot]'.length)}` : `${this.web}/${actor.login}`,
      followers_url: `${url}/followers`,
      following_url: `${url}/following{/other_user}`,
      gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`,
      subscriptions_url: `${url}/subscriptions`,
      organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`,
      events_url: `${url}/events{/privacy}`,
      received_events_url: `${url}/received_events`,
      type: actor.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  minimalRepository(fullName = this.state.fullName): Schemas['minimal-repository'] {
    return this.repositoryCore(fullName);
  }

  /** The fields minimal-repository and repository share; `fullName` other than the state's is a fork of it. */
  private repositoryCore(fullName: string) {
    const { repository } = this.state;
    const fork = fullName !== this.state.fullName;
    const [ownerLogin = '', name = ''] = fullName.split('/');
    const id = fork ? Number.parseInt(fakeSha('repo', fullName).slice(0, 7), 16) : repository.id;
    const owner: Actor = fork ? { login: ownerLogin, id: Number.parseInt(fakeSha('user', ownerLogin).slice(0, 7), 16), type: 'User' } : repository.owner;
    const url = this.repoApi(fullName);
    return {
      id,
      node_id: nodeId('Repository', id),
      name,
      full_name: fullName,
      owner: this.user(owner),
      private: repository.private,
      html_url: `${this.web}/${fullName}`,
      description: null,
      fork,
      url,
      archive_url: `${url}/{archive_format}{/ref}`,
      assignees_url: `${url}/assignees{/user}`,
      blobs_url: `${url}/git/blobs{/sha}`,
      branches_url: `${url}/branches{/branch}`,
      collaborators_url: `${url}/collaborators{/collaborator}`,
      comments_url: `${url}/comments{/number}`,
      commits_url: `${url}/commits{/sha}`,
      compare_url: `${url}/compare/{base}...{head}`,
      contents_url: `${url}/contents/{+path}`,
      contributors_url: `${url}/contributors`,
      deployments_url: `${url}/deployments`,
      downloads_url: `${url}/downloads`,
      events_url: `${url}/events`,
      forks_url: `${url}/forks`,
      git_commits_url: `${url}/git/commits{/sha}`,
      git_refs_url: `${url}/git/refs{/sha}`,
      git_tags_url: `${url}/git/tags{/sha}`,
      hooks_url: `${url}/hooks`,
      issue_comment_url: `${url}/issues/comments{/number}`,
      issue_events_url: `${url}/issues/events{/number}`,
      issues_url: `${url}/issues{/number}`,
      keys_url: `${url}/keys{/key_id}`,
      labels_url: `${url}/labels{/name}`,
      languages_url: `${url}/languages`,
      merges_url: `${url}/merges`,
      milestones_url: `${url}/milestones{/number}`,
      notifications_url: `${url}/notifications{?since,all,participating}`,
      pulls_url: `${url}/pulls{/number}`,
      releases_url: `${url}/releases{/id}`,
      stargazers_url: `${url}/stargazers`,
      statuses_url: `${url}/statuses/{sha}`,
      subscribers_url: `${url}/subscribers`,
      subscription_url: `${url}/subscription`,
      tags_url: `${url}/tags`,
      teams_url: `${url}/teams`,
      trees_url: `${url}/git/trees{/sha}`,
    };
  }

  repository(fullName = this.state.fullName): Schemas['repository'] {
    const minimal = this.repositoryCore(fullName);
    const host = new URL(this.web).host;
    return {
      ...minimal,
      owner: minimal.owner,
      description: null,
      license: null,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      size: 1024,
      default_branch: this.state.repository.default_branch,
      open_issues: this.state.pullRequests.filter((pull) => pull.state === 'open').length,
      open_issues_count: this.state.pullRequests.filter((pull) => pull.state === 'open').length,
      git_url: `git://${host}/${fullName}.git`,
      ssh_url: `git@${host}:${fullName}.git`,
      clone_url: `${minimal.html_url}.git`,
      svn_url: minimal.html_url,
      mirror_url: null,
      homepage: null,
      language: 'TypeScript',
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      archived: false,
      disabled: false,
      visibility: this.state.repository.private ? 'private' : 'public',
      pushed_at: '2024-01-02T03:04:05Z',
      created_at: '2020-01-02T03:04:05Z',
      updated_at: '2024-01-02T03:04:05Z',
    };
  }

  private pullRequestBranch(pull: PullRequest, side: 'head' | 'base'): Schemas['pull-request']['head'] {
    const fullName = side === 'head' ? pull.head.repo : this.state.fullName;
    const repo = this.repository(fullName);
    return { label: `${repo.owner.login}:${pull[side].ref}`, ref: pull[side].ref, sha: pull[side].sha, repo, user: repo.owner };
  }

  pullRequestSimple(pull: PullRequest): Schemas['pull-request-simple'] {
    return this.pullRequestCore(pull);
  }

  /** The fields pull-request-simple and pull-request share. */
  private pullRequestCore(pull: PullRequest) {
    const url = `${this.repoApi()}/pulls/${pull.number}`;
    const issueUrl = `${this.repoApi()}/issues/${pull.number}`;
    const htmlUrl = `${this.web}/${this.state.fullName}/pull/${pull.number}`;
    return {
      url,
      id: pull.id,
      node_id: nodeId('PullRequest', pull.id),
      html_url: htmlUrl,
      diff_url: `${htmlUrl}.diff`,
      patch_url: `${htmlUrl}.patch`,
      issue_url: issueUrl,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${this.repoApi()}/pulls/comments{/number}`,
      comments_url: `${issueUrl}/comments`,
      statuses_url: `${this.repoApi()}/statuses/${pull.head.sha}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: this.user(pull.user),
      body: pull.body,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: pull.created_at,
      updated_at: pull.updated_at,
      closed_at: pull.closed_at,
      merged_at: pull.merged_at,
      merge_commit_sha: pull.merge_commit_sha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: this.pullRequestBranch(pull, 'head'),
      base: this.pullRequestBranch(pull, 'base'),
      _links: {
        self: { href: url },
        html: { href: htmlUrl },
        issue: { href: issueUrl },
        comments: { href: `${issueUrl}/comments` },
        review_comments: { href: `${url}/comments` },
        review_comment: { href: `${this.repoApi()}/pulls/comments{/number}` },
        commits: { href: `${url}/commits` },
        statuses: { href: `${this.repoApi()}/statuses/${pull.head.sha}` },
      },
      author_association: 'CONTRIBUTOR' as const,
      auto_merge: null,
      draft: pull.draft,
    };
  }

  /** The single-pull view adds counts, taken from the state so they agree with the other endpoints. */
  pullRequest(pull: PullRequest): Schemas['pull-request'] {
    const files = this.state.pullRequestFiles.get(pull.number) ?? [];
    return {
      ...this.pullRequestCore(pull),
      state: pull.state,
      merged: pull.merged,
      mergeable: pull.state === 'open' ? true : null,
      rebaseable: pull.state === 'open' ? true : null,
      mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
      merged_by: null,
      comments: this.state.commentsOn(pull.number).length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: files.reduce((sum, file) => sum + file.additions, 0),
      deletions: files.reduce((sum, file) => sum + file.deletions, 0),
      changed_files: files.length,
    };
  }

  pullRequestFile(pull: PullRequest, file: PullRequestFile): Schemas['diff-entry'] {
    const path = file.filename.split('/').map(encodeURIComponent).join('/');
    return {
      sha: file.sha,
      filename: file.filename,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
      changes: file.changes,
      blob_url: `${this.web}/${pull.head.repo}/blob/${pull.head.sha}/${path}`,
      raw_url: `${this.web}/${pull.head.repo}/raw/${pull.head.sha}/${path}`,
      contents_url: `${this.repoApi()}/contents/${path}?ref=${pull.head.sha}`,
      ...(file.patch === undefined ? {} : { patch: file.patch }),
      ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
    };
  }

  comment(comment: IssueComment): Schemas['issue-comment'] {
    const url = `${this.repoApi()}/issues/comments/${comment.id}`;
    return {
      id: comment.id,
      node_id: nodeId('IssueComment', comment.id),
      url,
      html_url: comment.html_url,
      body: comment.body,
      user: this.user(comment.user),
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      issue_url: `${this.repoApi()}/issues/${comment.issue_number}`,
      author_association: comment.author_association,
      performed_via_github_app: comment.performed_via_github_app === null ? null : this.app(comment.performed_via_github_app),
      reactions: {
        url: `${url}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
    };
  }

  /** An app as GitHub shows it on what it wrote: GITHUB_TOKEN's is GitHub Actions, any other a generic app of that slug. */
  private app(slug: string): NonNullable<Schemas['check-run']['app']> {
    const actions = slug === 'github-actions';
    const id = actions ? ACTIONS_APP_ID : Number.parseInt(fakeSha('app', slug).slice(0, 6), 16);
    return {
      id,
      slug,
      node_id: actions ? 'MDM6QXBwMTUzNjg=' : nodeId('App', id),
      owner: this.user(actions ? { login: 'github', id: 9919, type: 'Organization' } : this.state.repository.owner),
      name: actions ? 'GitHub Actions' : slug,
      description: actions ? 'Automate your workflow from idea to production' : null,
      external_url: actions ? 'https://help.github.com/en/actions' : `https://${slug}.example`,
      html_url: `${this.web}/apps/${slug}`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2019-12-10T19:04:12Z',
      permissions: { actions: 'write', checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write' },
      events: ['check_run', 'check_suite', 'pull_request', 'push', 'workflow_dispatch'],
    };
  }

  /** GET /user for a person's token: the public view of the user (a token's own private fields are not modelled). */
  authenticatedUser(actor: Actor): Schemas['public-user'] {
    return {
      ...this.user(actor),
      name: actor.login,
      company: null,
      blog: null,
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 1,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2011-01-25T18:44:36Z',
      updated_at: '2024-01-02T03:04:05Z',
    };
  }

  private pullRequestMinimal(pull: PullRequest): Schemas['pull-request-minimal'] {
    const repo = (fullName: string) => {
      const { id, url, name } = this.minimalRepository(fullName);
      return { id, url, name };
    };
    return {
      id: pull.id,
      number: pull.number,
      url: `${this.repoApi()}/pulls/${pull.number}`,
      head: { ref: pull.head.ref, sha: pull.head.sha, repo: repo(pull.head.repo) },
      base: { ref: pull.base.ref, sha: pull.base.sha, repo: repo(this.state.fullName) },
    };
  }

  checkRun(run: CheckRun): Schemas['check-run'] {
    const url = `${this.repoApi()}/check-runs/${run.id}`;
    return {
      id: run.id,
      head_sha: run.head_sha,
      node_id: nodeId('CheckRun', run.id),
      external_id: run.external_id,
      url,
      html_url: `${this.web}/${this.state.fullName}/runs/${run.id}`,
      details_url: run.details_url,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.started_at,
      completed_at: run.completed_at,
      output: { ...run.output, annotations_url: `${url}/annotations` },
      name: run.name,
      check_suite: { id: run.check_suite_id },
      app: this.app(run.app),
      // GitHub lists the repository's own pull requests whose head is this commit, never a fork's.
      pull_requests: this.state.pullRequests.filter((pull) => pull.head.sha === run.head_sha && pull.head.repo === this.state.fullName).map((pull) => this.pullRequestMinimal(pull)),
    };
  }

  annotation(run: CheckRun, annotation: Annotation): Schemas['check-annotation'] {
    return {
      path: annotation.path,
      start_line: annotation.start_line,
      end_line: annotation.end_line,
      start_column: annotation.start_column ?? null,
      end_column: annotation.end_column ?? null,
      annotation_level: annotation.annotation_level,
      title: annotation.title ?? null,
      message: annotation.message,
      raw_details: annotation.raw_details ?? null,
      blob_href: `${this.web}/${this.state.fullName}/blob/${run.head_sha}/${annotation.path}`,
    };
  }

  workflowRun(run: WorkflowRun, withPullRequests = true): Schemas['workflow-run'] {
    const url = `${this.repoApi()}/actions/runs/${run.id}`;
    const repository = this.minimalRepository();
    const pulls = run.pull_requests.flatMap((number) => {
      const pull = this.state.pullRequest(number);
      return pull ? [this.pullRequestMinimal(pull)] : [];
    });
    return {
      id: run.id,
      name: run.name,
      node_id: nodeId('WorkflowRun', run.id),
      check_suite_id: this.state.checkSuiteFor(run.head_sha),
      check_suite_node_id: nodeId('CheckSuite', this.state.checkSuiteFor(run.head_sha)),
      head_branch: run.head_branch,
      head_sha: run.head_sha,
      path: run.path,
      run_number: run.run_number,
      run_attempt: run.run_attempt,
      event: run.event,
      display_title: run.display_title,
      status: run.status,
      conclusion: run.conclusion,
      workflow_id: run.workflow_id,
      url,
      html_url: `${this.web}/${this.state.fullName}/actions/runs/${run.id}`,
      pull_requests: withPullRequests ? pulls : [],
      created_at: run.created_at,
      updated_at: run.updated_at,
      run_started_at: run.created_at,
      actor: this.user(run.actor),
      triggering_actor: this.user(run.actor),
      jobs_url: `${url}/jobs`,
      logs_url: `${url}/logs`,
      check_suite_url: `${this.repoApi()}/check-suites/${this.state.checkSuiteFor(run.head_sha)}`,
      artifacts_url: `${url}/artifacts`,
      cancel_url: `${url}/cancel`,
      rerun_url: `${url}/rerun`,
      previous_attempt_url: null,
      workflow_url: `${this.repoApi()}/actions/workflows/${run.workflow_id}`,
      head_commit: {
        id: run.head_sha,
        tree_id: fakeSha('tree', run.head_sha),
        message: run.display_title,
        timestamp: run.created_at,
        author: { name: run.actor.login, email: `${run.actor.id}+${run.actor.login}@users.noreply.github.com` },
        committer: { name: 'GitHub', email: 'noreply@github.com' },
      },
      repository,
      head_repository: this.minimalRepository(run.head_repository),
    };
  }

  artifact(artifact: Artifact): Schemas['artifact'] {
    const url = `${this.repoApi()}/actions/artifacts/${artifact.id}`;
    const run = this.state.workflowRun(artifact.workflow_run_id);
    return {
      id: artifact.id,
      node_id: nodeId('Artifact', artifact.id),
      name: artifact.name,
      size_in_bytes: artifact.size_in_bytes,
      url,
      archive_download_url: `${url}/zip`,
      expired: artifact.expired,
      created_at: artifact.created_at,
      updated_at: artifact.created_at,
      expires_at: artifact.expires_at,
      digest: `sha256:${createHash('sha256').update(artifact.data).digest('hex')}`,
      workflow_run: run
        ? { id: run.id, repository_id: this.state.repository.id, head_repository_id: Number(this.minimalRepository(run.head_repository).id), head_branch: run.head_branch, head_sha: run.head_sha }
        : null,
    };
  }
}
