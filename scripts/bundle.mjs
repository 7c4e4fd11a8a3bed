/**
 * The second half of `npm run build`: the compiled program (dist/, from tsc) and the packages it uses
 * joined by esbuild into a few files under dist/bundle/, which bin/papers.js runs. A build then loads 24
 * code files instead of about 1,800, and a one-paper build ends ≈ 0.5 s sooner (docs/PERFORMANCE.md,
 * 2026-12-06, seventh session).
 *
 * - What each command loads only when it needs it (the pipeline, Vega, the web server, the queue) stays
 *   a chunk of its own, loaded then (`splitting`).
 * - Identifiers are kept (whitespace and syntax minified only), so that `--debug` shows readable stacks.
 * - Two packages load native code and stay outside: @resvg/resvg-js and better-sqlite3. So does TypeScript
 *   (6 MB, which puppeteer's config reader requires only to read a config written in TypeScript).
 * - puppeteer's browser downloader gets no proxy-agent (below).
 * - CommonJS packages inside find `require`, `__filename` and `__dirname` as they expect (the banner).
 * - Each chunk's name carries a hash of its content (esbuild's own), the entry `main.mjs` excepted.
 *
 *   node scripts/bundle.mjs [ROOT]    ROOT: the program's folder (default: this repository)
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * puppeteer's browser downloader reaches the network through proxy-agent (and with it a JavaScript engine for
 * proxy scripts, an FTP client, SOCKS…: 1.4 MB, parsed on every start). This program never downloads a browser
 * (print/browser.ts finds Debian's), so that import is given a ProxyAgent that refuses to be made.
 */
const withoutDownloads = {
  name: 'without-downloads',
  setup(b) {
    b.onResolve({ filter: /^proxy-agent$/ }, () => ({ path: 'proxy-agent', namespace: 'without-downloads' }));
    b.onLoad({ filter: /.*/, namespace: 'without-downloads' }, () => ({
      contents: "export class ProxyAgent { constructor() { throw new Error('committee-papers never downloads a browser: it prints with the Chromium it finds (print/browser.ts)'); } }",
      loader: 'js',
    }));
  },
};

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const outdir = path.join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(root, 'dist', 'cli', 'main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  external: ['@resvg/resvg-js', 'better-sqlite3', 'typescript'],
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [withoutDownloads],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url), __filename = __fu(import.meta.url), __dirname = __dn(__filename);",
  },
});
