import type { IncomingHttpHeaders } from 'node:http';
import type { Reply, RouteContext } from './context.js';
import { json } from './context.js';
import type { ArtifactDownloads } from './downloads.js';
import { DOWNLOAD_PREFIX } from './downloads.js';
import { describeAjvErrors, errorBody, rateLimitExceeded, validationFailed } from './errors.js';
import type { FaultQueue } from './faults.js';
import { faultBody } from './faults.js';
import type { OperationContract } from './openapi.js';
import { contractKey } from './openapi.js';
import type { Payloads } from './payloads.js';
import { allows } from './permissions.js';
import type { RateLimit } from './rate-limit.js';
import { resolvePath } from './routes.js';
import type { FakeGitHubState } from './state.js';

/** What one fake server is made of. */
export interface Services {
  origin: string;
  state: FakeGitHubState;
  payloads: Payloads;
  downloads: ArtifactDownloads;
  faults: FaultQueue;
  rateLimit: RateLimit;
  contracts: ReadonlyMap<string, OperationContract>;
}

export interface Incoming {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, undefined for no body. */
  body: unknown;
  /** The body was there but was not JSON. */
  unparsable: boolean;
}

export interface Outcome {
  reply: Reply;
  operationId: string | undefined;
}

/** GitHub takes both schemes GITHUB_TOKEN is sent with. */
export function tokenOf(headers: IncomingHttpHeaders): string | undefined {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
}

/** GitHub's order of answers: outage, credentials, existence, rate limit, permission, parameters, body, then the operation. */
export function dispatch(services: Services, request: Incoming): Outcome {
  const { state, contracts } = services;
  const resolved = resolvePath(state, request.method, request.url.pathname);
  const { match } = resolved;
  const contract = match && contracts.get(contractKey(match.route));
  const operationId = contract?.operationId;
  const answer = (reply: Reply): Outcome => ({ reply, operationId });

  const fault = services.faults.take({ method: request.method, path: resolved.repoPath, operationId });
  fault?.meanwhile?.(state);
  if (fault?.status) return answer({ status: fault.status, body: faultBody({ ...fault, status: fault.status }), headers: fault.headers });
  if (request.url.pathname.startsWith(DOWNLOAD_PREFIX)) return answer(services.downloads.serve(request.url));

  if (!tokenOf(request.headers)) return answer(json(401, errorBody(401, 'Requires authentication')));
  if (!match || !contract) return answer(json(404, errorBody(404, 'Not Found')));
  const { route } = match;
  if (!services.rateLimit.consume()) return answer(json(403, rateLimitExceeded(403)));
  const docs = contract.documentationUrl;
  if (route.needs && !allows(state.permissions, route.needs)) return answer(json(403, errorBody(403, 'Resource not accessible by integration', docs)));

  const path = contract.parsePath(match.params);
  if (!path.ok) return answer(json(404, errorBody(404, 'Not Found', docs)));
  const query = contract.parseQuery(Object.fromEntries(request.url.searchParams));
  if (!query.ok) return answer(json(422, validationFailed(describeAjvErrors(query.errors, route.resource), docs)));
  if (request.unparsable) return answer(json(400, errorBody(400, 'Problems parsing JSON', docs)));
  const bodyErrors = contract.checkBody(request.body);
  if (bodyErrors.length) return answer(json(422, validationFailed(describeAjvErrors(bodyErrors, route.resource), docs)));

  const context: RouteContext = {
    state,
    payloads: services.payloads,
    downloads: services.downloads,
    documentationUrl: docs,
    params: { ...query.value, ...path.value },
    body: request.body,
    pageUrl: new URL(`${resolved.canonicalPath}${request.url.search}`, services.origin),
  };
  return answer(route.handle(context));
}
