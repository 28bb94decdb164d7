// `npm run schema`: writes the config file's JSON Schema from the zod schema it is checked with.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const bundle = path.join(mkdtempSync(path.join(tmpdir(), 'verdict-schema-')), 'schema.mjs');
await build({
  entryPoints: ['src/settings/schema.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const { configJsonSchema } = await import(pathToFileURL(bundle).href);
mkdirSync('schema', { recursive: true });
writeFileSync('schema/verdict-config.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log('wrote schema/verdict-config.schema.json');
