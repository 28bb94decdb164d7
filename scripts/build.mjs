// Bundles the two entry points so the action needs no node_modules at run time.
import { chmodSync } from 'node:fs';
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

await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' });
await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } });
// npm makes a package's bin executable when it runs it (npx verdict): committed and built as 0755,
// that leaves no mode change behind in the clone.
chmodSync('dist/cli.js', 0o755);
