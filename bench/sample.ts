/**
 * npm run bench — how long the sample paper takes, stage by stage, and how the print stage compares
 * with bare Chromium printing the very same HTML (one reused browser and page, same PDF options).
 * Medians of BENCH_RUNS runs (default 7), all in one run so the ratios compare like with like.
 */
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import puppeteer from 'puppeteer';
import { buildMeeting, DEFAULT_TEMPLATES, loadMeeting, paperViewOf } from '../src/pipeline/index.js';
import { nodeEffects } from '../src/pipeline/index.js';
import { finalisePdf, launchPrinter } from '../src/print/index.js';
import { compilePaper, loadTemplates } from '../src/render/index.js';
import { median } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CONFIG = 'data/sample/meeting.yaml';
const quiet = nodeEffects({ log: () => {} });
const opts = { cwd: process.cwd() };

async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await fn(); // warm-up, not counted
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

const loaded = await loadMeeting(CONFIG, opts, quiet);
const { meeting } = loaded;
const templates = await loadTemplates(DEFAULT_TEMPLATES, { readText: (f) => readFile(f, 'utf8'), list: (d) => readdir(d) });
const render = compilePaper(templates);
const renderOnce = async (): Promise<string> => render((await paperViewOf(meeting, loaded.items[0]!)).view);
const html = await renderOnce();

const ingestMs = await time(() => loadMeeting(CONFIG, opts, quiet));
const renderMs = await time(async () => renderOnce());

const printer = await launchPrinter();
const meta = { title: 't', author: 'a', subject: 's', keywords: [], date: meeting.asAt, lang: 'en-GB', creator: 'c', producer: 'p', identity: 'i' };
const oursMs = await time(async () => finalisePdf((await printer.print(html)).pdf, meta));
await printer.close();

const browser = await puppeteer.launch({ headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
const page = await browser.newPage();
const bareMs = await time(async () => {
  await page.setContent(html, { waitUntil: 'load' });
  await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
});
await browser.close();

// Each build into a folder of its own: built again into the same folder, the paper and the pack's own
// pages would be reused from the last build (a regeneration, measured by bench/pack.ts), not built.
const tool = { name: 'committee-papers', version: 'bench' };
const buildMs = await time(() => buildMeeting(CONFIG, { ...opts, outDir: mkdtempSync(path.join(tmpdir(), 'papers-bench-')), tool, largePrint: false }, quiet), Math.min(RUNS, 5));

const rows: [string, number][] = [
  ['ingest (every source of the sample, 7 DfE files)', ingestMs],
  ['score + charts + render HTML', renderMs],
  ['print: ours (reused page, JS off, interception, metadata)', oursMs],
  ['print: bare Chromium, same HTML and options', bareMs],
  ['whole build (papers build, incl. browser launch)', buildMs],
];
console.log(`committee-papers bench · ${new Date().toISOString().slice(0, 10)} · ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version} · medians of ${RUNS} runs`);
for (const [name, ms] of rows) console.log(`${name.padEnd(60)} ${ms.toFixed(0).padStart(6)} ms`);
console.log(`${'print ratio ours / bare'.padEnd(60)} ${(oursMs / bareMs).toFixed(2).padStart(6)} ×`);
console.log(`${'whole build / bare print'.padEnd(60)} ${(buildMs / bareMs).toFixed(2).padStart(6)} ×`);
