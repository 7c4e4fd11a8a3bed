/**
 * Chromium alone, for bench/pack.ts: prints every HTML file in a folder (in name order) with one reused
 * browser and page and the same PDF options as the product, `runs` times after a warm-up, and prints the
 * median milliseconds. A process of its own, so that what the bench ran before cannot speed it up or slow
 * it down (measured in one process, it printed ≈ 10% faster after four builds than before them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { findBrowser, isHeadlessShell } from '../src/print/browser.js';

const [dir, runsText] = process.argv.slice(2);
const runs = Number(runsText ?? 3);
const htmls = readdirSync(dir!).filter((f) => f.endsWith('.html')).sort().map((f) => readFileSync(path.join(dir!, f), 'utf8'));
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const executablePath = findBrowser({ env: process.env.PAPERS_CHROMIUM }); // the one the product prints with
const browser = await puppeteer.launch({ executablePath, headless: isHeadlessShell(executablePath) ? 'shell' : true, args: ['--disable-dev-shm-usage', '--disable-gpu', ...(root ? ['--no-sandbox'] : [])] });
const page = await browser.newPage();
await page.setJavaScriptEnabled(false);
const times: number[] = [];
for (let i = 0; i <= runs; i++) {
  const t0 = performance.now();
  for (const html of htmls) {
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
  }
  if (i > 0) times.push(performance.now() - t0); // the first is a warm-up
}
await browser.close();
times.sort((a, b) => a - b);
process.stdout.write(`${times[Math.floor(times.length / 2)]!}\n`);
