import { randomBytes } from 'node:crypto';
import { ResultsService } from './results.js';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Reply } from './context.js';
import type { Incoming, Services } from './dispatch.js';
import { dispatch, tokenOf } from './dispatch.js';
import { ArtifactDownloads, DOWNLOAD_PREFIX } from './downloads.js';
import { errorBody } from './errors.js';
import type { Fault } from './faults.js';
import { FaultQueue } from './faults.js';
import { loadContracts } from './openapi.js';
import { Payloads } from './payloads.js';
import { RateLimit } from './rate-limit.js';
import { ROUTES } from './routes.js';
import type { StateOptions } from './state.js';
import { FakeGitHubState } from './state.js';

export interface FakeGitHubOptions extends StateOptions {
  /** Requests per hour before the primary rate limit answers 403 (default 1000, GITHUB_TOKEN's budget). */
  rateLimit?: number;
}

export interface RecordedRequest {
  method: string;
  /** As the client sent it: `/repos/{owner}/{repo}/…`, or `/repositories/{id}/…` after following a Link header. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON; the raw text when it was not JSON; undefined when there was none. */
  body: unknown;
  token: string | undefined;
  /** GitHub's id of the operation the request reached, e.g. `checks/update`; undefined for unknown paths and blob downloads. */
  operationId: string | undefined;
  /** 0 until the answer is sent. */
  status: number;
  /** Milliseconds since the epoch, when the request arrived. */
  timestamp: number;
}

export interface FakeGitHub {
  /** Base URL for GITHUB_API_URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  state: FakeGitHubState;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Queues faults; each answers the next `times` matching requests (default once) in place of the route. */
  injectFaults(faults: readonly Fault[]): void;
  /** Answers the injected faults have not given yet. */
  pendingFaults(): number;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<{ body: unknown; unparsable: boolean; raw: Buffer }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const text = raw.toString('utf8');
  if (text === '') return { body: undefined, unparsable: false, raw };
  try {
    return { body: JSON.parse(text) as unknown, unparsable: false, raw };
  } catch {
    return { body: text, unparsable: true, raw };
  }
}

/** What every api.github.com response carries; blob downloads come from elsewhere and carry none of it. */
function apiHeaders(services: Services): Record<string, string> {
  const id = randomBytes(10).toString('hex').toUpperCase();
  return {
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': `${id.slice(0, 4)}:${id.slice(4, 8)}:${id.slice(8, 14)}:${id.slice(14)}`,
    ...services.rateLimit.headers(),
  };
}

function send(response: ServerResponse, reply: Reply, baseHeaders: Record<string, string>): void {
  const headers = { ...baseHeaders, ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
  } else if (Buffer.isBuffer(reply.body)) {
    response.writeHead(reply.status, { 'content-length': String(reply.body.length), ...headers }).end(reply.body);
  } else {
    const text = JSON.stringify(reply.body);
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
  }
}

/**
 * Starts a stateful GitHub REST API on 127.0.0.1 (a free port) for the action to talk to through
 * GITHUB_API_URL. Reads GitHub's OpenAPI description on the first start in the process (about a second).
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const contracts = await loadContracts(ROUTES);
  const state = new FakeGitHubState(options);
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const results = new ResultsService(origin, state);
  const services: Services = {
    origin,
    state,
    payloads: new Payloads(state, origin),
    downloads: new ArtifactDownloads(state, origin),
    faults,
    rateLimit: new RateLimit(options.rateLimit ?? 1000),
    contracts,
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', origin);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: undefined,
      token: tokenOf(request.headers),
      operationId: undefined,
      status: 0,
      timestamp: Date.now(),
    };
    requests.push(record);
    // After dispatch, so the rate-limit headers count this request.
    const baseHeaders = () => (url.pathname.startsWith(DOWNLOAD_PREFIX) ? {} : apiHeaders(services));
    try {
      const { body, unparsable, raw } = await readBody(request);
      record.body = results.handles(url.pathname) && unparsable ? `<${raw.length} bytes>` : body;
      const incoming: Incoming = { method, url, headers: request.headers, body, unparsable };
      const { reply, operationId } = results.handles(url.pathname)
        ? { reply: results.serve(method, url, request.headers.authorization, body, raw), operationId: undefined }
        : dispatch(services, incoming);
      record.operationId = operationId;
      record.status = reply.status;
      send(response, reply, baseHeaders());
    } catch (error) {
      // A bug in the fake, not a GitHub behaviour: say so in the body the client will log.
      record.status = 500;
      send(response, { status: 500, body: errorBody(500, `fake-github: ${error instanceof Error ? error.stack : String(error)}`) }, baseHeaders());
    }
  }

  return {
    url: origin,
    state,
    requests,
    injectFaults: (list) => faults.add(list),
    pendingFaults: () => faults.remaining(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
