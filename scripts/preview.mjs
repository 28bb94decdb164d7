// `npm run preview [report.json | file.md] [out-dir]`: a report's PR comment and job summary (or
// any markdown file) as GitHub shows them — GFM (markdown-it with tables and raw HTML, as GitHub
// allows <details>) styled with GitHub's markdown CSS — written as HTML and, where Chromium is
// installed, as a PNG at the width of a PR comment (~780 px). Seen, not assumed: what the reviewer
// gets, before a release. PREVIEW_PNG=0 skips the picture.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';

const [input = 'examples/out/report.json', outDir = 'examples/out'] = process.argv.slice(2);
const WIDTH = 780;

// The renderers from src/, bundled on the fly: the preview is of the code as it is now, not of dist/.
const tmp = mkdtempSync(join(tmpdir(), 'verdict-preview-'));
try {
  const bundle = join(tmp, 'render.mjs');
  await build({
    stdin: {
      contents: `export { fitComment } from './src/render/comment.ts'; export { fitMarkdown, LIMITS } from './src/render/budget.ts'; export { ReportSchema } from './src/model/report.ts';`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'error',
  });
  const { fitComment, fitMarkdown, LIMITS, ReportSchema } = await import(pathToFileURL(bundle).href);
  let renderings;
  if (input.endsWith('.md')) renderings = { [basename(input, '.md')]: readFileSync(input, 'utf8') };
  else {
    const report = ReportSchema.parse(JSON.parse(readFileSync(input, 'utf8')));
    renderings = {
      comment: fitComment(report, LIMITS.comment, { marker: '<!-- verdict -->' }),
      summary: fitMarkdown(report, LIMITS.jobSummaryBytes).markdown,
    };
  }

  // GitHub renders GFM (tables, autolinks off for our text, raw HTML through its sanitizer).
  const md = new MarkdownIt({ html: true, linkify: false });
  const css = readFileSync(createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
  mkdirSync(outDir, { recursive: true });
  for (const [name, markdown] of Object.entries(renderings)) {
    // <details> stay closed, as GitHub shows them: the picture is the reviewer's first screen.
    const body = md.render(markdown);
    const page = `<!doctype html><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; } .markdown-body { box-sizing: border-box; width: ${WIDTH}px; padding: 16px; font-size: 14px; }</style>
<article class="markdown-body">${body}</article>`;
    const html = resolve(outDir, `${name}.html`);
    writeFileSync(html, page);
    if (!input.endsWith('.md')) writeFileSync(resolve(outDir, `${name}.md`), markdown);
    console.log(`${name}: ${markdown.length} characters → ${html}`);
    const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((c) => existsSync(c));
    if (!chromium || process.env.PREVIEW_PNG === '0') continue;
    const png = resolve(outDir, `${name}.png`);
    // The window is the picture: a first pass asks Chromium how tall the page lays out.
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(tmp, 'profile')}`, '--hide-scrollbars'];
    const probe = resolve(tmp, `${name}-probe.html`);
    writeFileSync(probe, `${page}<script>document.title = 'H' + document.documentElement.scrollHeight;</script>`);
    const dom = spawnSync(chromium, [...flags, '--dump-dom', pathToFileURL(probe).href], { encoding: 'utf8', timeout: 60_000 });
    const height = Math.min(16000, Number(/<title>H(\d+)<\/title>/.exec(dom.stdout ?? '')?.[1] ?? 2000));
    const shot = spawnSync(
      chromium,
      [...flags, `--screenshot=${png}`, `--window-size=${WIDTH},${height}`, pathToFileURL(html).href],
      { encoding: 'utf8', timeout: 60_000 },
    );
    console.log(shot.status === 0 ? `${name}: → ${png}` : `${name}: no PNG (${chromium} exited ${shot.status}): ${shot.stderr.slice(-300)}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
