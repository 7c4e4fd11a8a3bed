/**
 * Chromium alone, for bench/pack.ts: prints every HTML file in a folder (in name order) with one reused
 * browser and page and the same PDF options as the product, Chromium launched as puppeteer launches it
 * (with `--product-switches`, with the switches the product launches it with: print/chromium.ts). A process
 * of its own, so that what the bench runs in its own process cannot speed it up or slow it down (measured in
 * one process, it printed ≈ 10% faster after four builds than before them).
 *
 * It prints the whole folder once as a warm-up (with `--warm-up-one`, its first file only: for a folder of a
 * thousand pages), writes `ready`, then prints it once more for each line it reads on stdin, writing that
 * round's milliseconds and the CPU-seconds its Chromium spent on it (all its processes; "-" where there is no
 * /proc to read them from); it closes the browser at the end of stdin. The bench asks for a round between its
 * own builds, so that each build has a round of Chromium alone beside it, printed with the machine as fast
 * or as slow as it was then (docs/PERFORMANCE.md, 2026-12-07).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import puppeteer from 'puppeteer';
import { findBrowser, isHeadlessShell } from '../src/print/browser.js';
import { PRINTING_SWITCHES } from '../src/print/chromium.js';
import { cpuSeconds } from './cpu.js';

const [dir, ...flags] = process.argv.slice(2);
const warmUpOne = flags.includes('--warm-up-one');
// Puppeteer's defaults (and what any print needs here), or with --product-switches the product's own (print/chromium.ts).
const switches = flags.includes('--product-switches') ? PRINTING_SWITCHES : ['--disable-dev-shm-usage', '--disable-gpu'];
const htmls = readdirSync(dir!).filter((f) => f.endsWith('.html')).sort().map((f) => readFileSync(path.join(dir!, f), 'utf8'));
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const executablePath = findBrowser({ env: process.env.PAPERS_CHROMIUM }); // the one the product prints with
const browser = await puppeteer.launch({ executablePath, headless: isHeadlessShell(executablePath) ? 'shell' : true, args: [...switches, ...(root ? ['--no-sandbox'] : [])] });
const page = await browser.newPage();
await page.setJavaScriptEnabled(false);

/** One round: every file printed once; its milliseconds. */
async function round(files = htmls): Promise<number> {
  const t0 = performance.now();
  for (const html of files) {
    await page.setContent(html, { waitUntil: 'load' });
    // As the product asks (print/chromium.ts): fonts waited for only when the page loads some.
    await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true, waitForFonts: html.includes('@font-face') });
  }
  return performance.now() - t0;
}

const chromium = browser.process()!.pid!;
const cpu = (): number | undefined => cpuSeconds(chromium, { self: true });

await round(warmUpOne ? htmls.slice(0, 1) : htmls); // the warm-up
process.stdout.write('ready\n');
for await (const _line of createInterface({ input: process.stdin })) {
  const before = cpu();
  const ms = await round();
  const after = cpu();
  process.stdout.write(`${ms} ${before === undefined || after === undefined ? '-' : after - before}\n`);
}
await browser.close();
