// `npm run demo`: the whole pipeline on the example artifacts, as a user would run the CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const markdown = 'examples/out/report.md';
const json = 'examples/out/report.json';
const args = ['dist/cli.js', '--config', 'examples/verdict.yml', '--markdown', markdown, '--json', json, 'examples/artifacts/**'];
console.log(`$ verdict ${args.slice(1).join(' ')}\n`);
const run = spawnSync(process.execPath, args, { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
process.stdout.write(run.stdout);
// 0 is GO and 1 is NO-GO: both are a verdict. Anything else is a failure of the demo.
if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 2);
console.log(`\n──── ${markdown} ────\n`);
console.log(readFileSync(markdown, 'utf8'));
console.log(`Wrote ${markdown} (the report as the PR comment and job summary show it) and ${json} (the report JSON).`);
// The markdown has scrolled the CLI's first line, the verdict, off the screen: it ends the demo too.
console.log(run.stdout.split('\n')[0]);
