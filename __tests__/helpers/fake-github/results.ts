import type { Reply } from './context.js';
import { json } from './context.js';
import type { FakeGitHubState } from './state.js';

/*
 * The artifact upload half of the runner's services: @actions/artifact creates an artifact
 * through a Twirp JSON API (ACTIONS_RESULTS_URL, authorized by ACTIONS_RUNTIME_TOKEN), streams
 * the zip to a signed Azure blob URL as blocks, commits the block list, and finalizes. Finalized
 * artifacts join the run's artifacts in the state, where the REST API lists and serves them.
 */

export const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/';
export const UPLOAD_PREFIX = '/_upload/';

/** An unsigned JWT whose `scp` claim names the run and job backend ids, as the runner's token does. */
export function runtimeToken(runId: number, jobId = 1): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.GenericRead:00000000 Actions.Results:${runId}:${jobId}` })}.`;
}

interface Pending {
  runId: number;
  name: string;
  blocks: Map<string, Buffer>;
  data?: Buffer;
}

export class ResultsService {
  private readonly pending = new Map<string, Pending>();
  private next = 1;

  constructor(
    private readonly origin: string,
    private readonly state: FakeGitHubState,
  ) {}

  handles(pathname: string): boolean {
    return pathname.startsWith(TWIRP_PREFIX) || pathname.startsWith(UPLOAD_PREFIX);
  }

  serve(method: string, url: URL, authorization: string | undefined, body: unknown, raw: Buffer): Reply {
    if (url.pathname.startsWith(UPLOAD_PREFIX)) return this.upload(method, url, raw);
    if (!/^Bearer \S+/.test(authorization ?? '')) return json(401, { code: 'unauthenticated', msg: 'missing runtime token' });
    const call = url.pathname.slice(TWIRP_PREFIX.length);
    // protobuf-ts sends the proto field names (snake_case).
    const fields = (body ?? {}) as Record<string, string>;
    const request = { workflowRunBackendId: fields.workflow_run_backend_id ?? fields.workflowRunBackendId, name: fields.name };
    if (call === 'CreateArtifact') {
      const runId = Number(request.workflowRunBackendId);
      if (!this.state.workflowRun(runId)) return json(404, { code: 'not_found', msg: `no run ${request.workflowRunBackendId}` });
      if (this.state.artifacts.some((a) => a.workflow_run_id === runId && a.name === request.name)) {
        return json(409, { code: 'already_exists', msg: `an artifact named ${request.name} already exists in this run` });
      }
      const key = String(this.next++);
      this.pending.set(key, { runId, name: request.name ?? '', blocks: new Map() });
      return json(200, { ok: true, signedUploadUrl: `${this.origin}${UPLOAD_PREFIX}${key}?sv=2024-08-04&sig=fake` });
    }
    if (call === 'FinalizeArtifact') {
      const entry = [...this.pending.entries()].find(([, p]) => p.runId === Number(request.workflowRunBackendId) && p.name === request.name);
      if (!entry?.[1].data) return json(404, { code: 'not_found', msg: `artifact ${request.name} was not uploaded` });
      this.pending.delete(entry[0]);
      const artifact = this.state.addArtifact(entry[1].runId, { name: entry[1].name, data: entry[1].data });
      return json(200, { ok: true, artifactId: String(artifact.id) });
    }
    return json(404, { code: 'bad_route', msg: `no handler for ${call}` });
  }

  /** Azure's Put Block / Put Block List (and a whole-blob Put for small uploads). */
  private upload(method: string, url: URL, raw: Buffer): Reply {
    const pending = this.pending.get(url.pathname.slice(UPLOAD_PREFIX.length));
    if (!pending || method !== 'PUT') return { status: 404, body: Buffer.from('BlobNotFound') };
    const comp = url.searchParams.get('comp');
    if (comp === 'block') pending.blocks.set(url.searchParams.get('blockid') ?? '', raw);
    else if (comp === 'blocklist') {
      const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]+)</g)].map((m) => m[1]!);
      pending.data = Buffer.concat(ids.map((id) => pending.blocks.get(id) ?? Buffer.alloc(0)));
    } else pending.data = raw;
    return { status: 201, body: Buffer.alloc(0), headers: { 'x-ms-request-id': 'fake', 'x-ms-version': '2024-08-04' } };
  }
}
