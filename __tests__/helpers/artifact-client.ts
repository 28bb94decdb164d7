import { DefaultArtifactClient } from '@actions/artifact';
import { defaults } from '@actions/github/lib/utils';
import type { Artifacts } from '../../src/github/artifacts.js';

// What @actions/artifact reads from process.env when it is called.
const READ_WHEN_CALLED = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_SERVER_URL', 'GITHUB_WORKSPACE'];

/**
 * The real artifact client, aimed at the run's services for the length of each call: it reads
 * the results service and its token from process.env, and the API's address from
 * @actions/github, which read GITHUB_API_URL once, when the test file loaded it. Each is set from
 * the run's env and put back after, so nothing is left for the next test.
 */
export function artifactClientFor(env: Record<string, string>): Artifacts {
  const client = new DefaultArtifactClient();
  const within = async <T>(call: () => Promise<T>): Promise<T> => {
    const saved = { baseUrl: defaults.baseUrl, env: READ_WHEN_CALLED.map((name) => [name, process.env[name]] as const) };
    for (const name of READ_WHEN_CALLED) setEnv(name, env[name]);
    defaults.baseUrl = env.GITHUB_API_URL;
    try {
      return await call();
    } finally {
      defaults.baseUrl = saved.baseUrl;
      for (const [name, value] of saved.env) setEnv(name, value);
    }
  };
  return {
    listArtifacts: (...args) => within(() => client.listArtifacts(...args)),
    downloadArtifact: (...args) => within(() => client.downloadArtifact(...args)),
    uploadArtifact: (...args) => within(() => client.uploadArtifact(...args)),
  };
}

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
