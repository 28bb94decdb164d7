import { DefaultArtifactClient } from '@actions/artifact';
import * as core from '@actions/core';
import { run } from './action.js';
import { github } from './github/client.js';

// The Action as the runner starts it (dist/index.js): its environment, and the real runner, GitHub and artifact service.
await run(process.env, {
  runner: core,
  github: (token) => github(token, { baseUrl: process.env.GITHUB_API_URL, warning: core.warning }),
  artifacts: new DefaultArtifactClient(),
  now: () => new Date(),
  cwd: process.cwd(),
});
