/**
 * A stateful fake of the GitHub REST API for the action's integration tests:
 *
 *   const github = await startFakeGitHub();                      // acme/shop, token may write everything
 *   github.state.addPullRequest({ number: 42, head: { sha } });   // seed what the run should find
 *   await runAction(ws, inputs, { GITHUB_API_URL: github.url }); // the Action in-process (runBundledAction: dist/index.js)
 *   expect(github.state.commentsOn(42)).toHaveLength(1);          // assert on the state...
 *   expect(github.requests.filter((r) => r.operationId === 'checks/update')).toHaveLength(3); // ...or the traffic
 *   await github.close();
 *
 * Requests are checked against GitHub's OpenAPI description (422 like GitHub), writes need the permission
 * (403 like a fork's token gets), and injectFaults() stands in for outages, rate limits and other clients' races (meanwhile).
 */
export type { FakeGitHub, FakeGitHubOptions, RecordedRequest } from './server.js';
export { startFakeGitHub } from './server.js';
export type { Fault, FaultMatch } from './faults.js';
export { meanwhile, primaryRateLimit, secondaryRateLimit, serverError } from './faults.js';
export type { Access, Permissions, PermissionsOption, Scope } from './permissions.js';
export { READ_ONLY, WRITE_ALL } from './permissions.js';
export type * from './state.js';
export { appSlugOf, FakeGitHubState, GITHUB_ACTIONS_BOT } from './state.js';
export { COMMENT_BODY_LIMIT } from './handlers/issue-comments.js';
export { zip } from './zip.js';
export { runtimeToken } from './results.js';
