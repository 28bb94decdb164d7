// Bundles the two shells so the action needs no node_modules at run time.
import { chmodSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __verdictCreateRequire } from 'node:module';\nconst require = __verdictCreateRequire(import.meta.url);" },
};

await build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/index.js' });
// The CLI loads the artifact client (a megabyte of undici and Azure storage) only for --baseline:
// split into chunks, a run without it starts in half the time. Old chunks are removed first so
// that a stale one cannot stay behind in dist/.
rmSync('dist/cli', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'cli/[name]-[hash]',
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
// npm makes a package's bin executable when it runs it (npx verdict): committed and built as 0755,
// that leaves no mode change behind in the clone.
chmodSync('dist/cli.js', 0o755);
