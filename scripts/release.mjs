// `npm run release -- <patch|minor|major|X.Y.Z> [--push]`: cuts a release of the Action in the
// current checkout. Workflows reference `OWNER/verdict@v1`, so a release is a commit whose dist/ is
// built from its sources, an annotated tag vX.Y.Z, and the major tag v1 moved to it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run release -- <patch|minor|major|X.Y.Z> [--push]';

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(2);
}

const run = (command, args) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
const git = (...args) => run('git', args);

let args;
try {
  args = parseArgs({ allowPositionals: true, options: { push: { type: 'boolean' } } });
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
const [bump] = args.positionals;
if (args.positionals.length !== 1 || !/^(?:patch|minor|major|\d+\.\d+\.\d+)$/.test(bump)) fail(USAGE);
if (git('status', '--porcelain') !== '') fail('the working tree has changes: commit or stash them first');
if (bump !== 'patch' && bump !== 'minor' && bump !== 'major' && git('tag', '--list', `v${bump}`) !== '') fail(`v${bump} exists already`);

// `npm version` checks the version (it must be new and valid) and updates package-lock.json too.
run('npm', ['version', bump, '--no-git-tag-version']);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const tag = `v${version}`;
const major = `v${version.split('.')[0]}`;
run('npm', ['run', '--silent', 'build']);
git('add', 'package.json', 'package-lock.json', 'dist');
git('commit', '--quiet', '-m', `Release ${tag}`);
git('tag', '--annotate', tag, '-m', `Verdict ${tag}`);
// The major tag moves with every release: workflows on @v1 get fixes without editing.
git('tag', '--force', '--annotate', major, '-m', `Verdict ${tag}`);
process.stdout.write(`Released ${tag}; ${major} now points at it.\n`);

if (args.values.push) {
  git('push', '--quiet', 'origin', 'HEAD', `refs/tags/${tag}`);
  git('push', '--quiet', '--force', 'origin', `refs/tags/${major}`);
  process.stdout.write(`Pushed the commit, ${tag} and ${major}.\n`);
} else {
  process.stdout.write(`Publish with: git push origin HEAD ${tag} && git push --force origin ${major}\n`);
}
