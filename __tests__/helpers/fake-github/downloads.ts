import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Reply } from './context.js';
import type { Artifact, FakeGitHubState } from './state.js';

/**
 * The blob storage an artifact download redirects to. Like Azure's SAS URLs it needs no token (the
 * signature is the credential), expires after a minute, and names the archive in the path and in
 * Content-Disposition, which @actions/artifact reads to decide whether to unzip.
 */

export const DOWNLOAD_PREFIX = '/_blob/actions-results/';
const LIFETIME_MS = 60_000;

function azureError(code: string, message: string): Reply {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status: 403, body: Buffer.from(xml), headers: { 'content-type': 'application/xml' } };
}

export class ArtifactDownloads {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly state: FakeGitHubState,
    private readonly origin: string,
  ) {}

  private sign(artifactId: number, expires: string): Buffer {
    return createHmac('sha256', this.secret).update(`${artifactId}\n${expires}`).digest();
  }

  signedUrl(artifact: Artifact): string {
    const expires = new Date(Date.now() + LIFETIME_MS).toISOString();
    const url = new URL(`${DOWNLOAD_PREFIX}${artifact.id}/${encodeURIComponent(artifact.name)}.zip`, this.origin);
    url.searchParams.set('se', expires);
    url.searchParams.set('sp', 'r');
    url.searchParams.set('sig', this.sign(artifact.id, expires).toString('base64'));
    return url.href;
  }

  serve(url: URL): Reply {
    const artifact = this.state.artifact(Number(url.pathname.slice(DOWNLOAD_PREFIX.length).split('/')[0]));
    const expires = url.searchParams.get('se') ?? '';
    const signature = Buffer.from(url.searchParams.get('sig') ?? '', 'base64');
    const expected = artifact && this.sign(artifact.id, expires);
    if (!artifact || !expected || signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
      return azureError('AuthenticationFailed', 'Signature did not match.');
    }
    if (Date.parse(expires) < Date.now()) return azureError('AuthenticationFailed', 'Signed expiry time has expired.');
    return {
      status: 200,
      body: artifact.data,
      headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${artifact.name}.zip"`, 'x-ms-blob-type': 'BlockBlob' },
    };
  }
}
