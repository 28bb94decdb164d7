import type { ArtifactClient } from '@actions/artifact';

/** What Verdict asks of the runner's artifact service: @actions/artifact's client, given by the Action. */
export type Artifacts = Pick<ArtifactClient, 'listArtifacts' | 'downloadArtifact' | 'uploadArtifact'>;
