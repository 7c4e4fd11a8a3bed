/**
 * Chromium alone, from cold, for bench/cold.ts: a whole process that launches the browser the product prints
 * with (its path and puppeteer's headless mode for it the third and fourth arguments: Debian's headless shell,
 * when installed, in 'shell' mode), prints one HTML file to PDF with the product's PDF options, writes it
 * and closes the browser. Nothing of ours is loaded: this is the floor under `papers build` of one paper
 * on this machine, and what WeasyPrint is measured against beside it. Not meant to be run by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer';

const [input, output, executablePath = '/usr/bin/chromium', mode = 'new'] = process.argv.slice(2);
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const browser = await puppeteer.launch({ executablePath, headless: mode === 'shell' ? 'shell' : true, args: ['--disable-dev-shm-usage', '--disable-gpu', '--font-render-hinting=none', ...(root ? ['--no-sandbox'] : [])] });
const [page] = await browser.pages();
await page.setJavaScriptEnabled(false);
await page.setContent(readFileSync(input, 'utf8'), { waitUntil: 'load' });
writeFileSync(output, await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true }));
await browser.close();
