/**
 * HTML → PDF in one reused Chromium (Debian's), driven by puppeteer.
 *
 * Policy
 * - One browser per build, reused pages: launching a browser per paper costs ≈ 1.8 s. `pages` prints
 *   that many documents at once (a pool: each print takes a free page and gives it back in `finally`;
 *   a page whose print failed is closed and replaced).
 * - The printed page runs no script (JavaScript is off) and loads nothing: every request the page
 *   attempts, other than inline `data:` URLs, is aborted and reported back as a blocked request.
 * - Chromium is never downloaded: its path is `.puppeteerrc.cjs`'s (Debian's /usr/bin/chromium, or
 *   PAPERS_CHROMIUM). A missing browser is a user problem (BrowserNotFound), not a crash.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { PapersError, problem } from '../errors.js';

export interface PrintResult {
  pdf: Uint8Array;
  /** URLs the page tried to load and was refused. */
  blocked: string[];
}

export interface Printer {
  /** e.g. "Chromium 156.0.8078.79" */
  readonly version: string;
  print(html: string): Promise<PrintResult>;
  close(): Promise<void>;
}

export interface PrinterOptions {
  executablePath?: string;
  /** Milliseconds allowed for one document. */
  timeoutMs?: number;
  /** Documents printed at once (pages in the pool); default 1. */
  pages?: number;
}

const ARGS = [
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
];

export async function launchPrinter(options: PrinterOptions = {}): Promise<Printer> {
  const executablePath = options.executablePath ?? puppeteer.executablePath();
  if (!existsSync(executablePath)) {
    throw new PapersError([problem('BrowserNotFound', { path: executablePath })]);
  }
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser: Browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [...ARGS, ...(runningAsRoot ? ['--no-sandbox'] : [])],
    // Debian's wrapper script prints a harmless "[: …: unexpected operator" on stderr; keep it out.
    dumpio: false,
  });
  const version = (await browser.version()).replace(/^(Headless)?Chrome\//, 'Chromium ');
  const timeout = options.timeoutMs ?? 60_000;
  const size = Math.max(1, options.pages ?? 1);
  const idle: Page[] = [];
  const waiting: ((page: Page | undefined) => void)[] = [];
  let open = 0;

  async function freshPage(): Promise<Page> {
    // With more than one page, each has a browser context of its own, so Chromium gives each its own
    // renderer process and really prints them at the same time (pages of one context share one).
    const p = size > 1 ? await (await browser.createBrowserContext()).newPage() : await browser.newPage();
    await p.setJavaScriptEnabled(false);
    await p.setRequestInterception(true);
    p.setDefaultTimeout(timeout);
    return p;
  }
  /** A free page: an idle one, a new one while the pool is not full, or the next one given back. */
  async function acquire(): Promise<Page> {
    const page = idle.pop();
    if (page) return page;
    if (open < size) {
      open += 1;
      try {
        return await freshPage();
      } catch (e) {
        open -= 1;
        throw e;
      }
    }
    const given = await new Promise<Page | undefined>((resolve) => waiting.push(resolve));
    return given ?? acquire(); // undefined: a page was closed, so there is room for a new one
  }
  function release(page: Page, broken: boolean): void {
    if (broken) {
      open -= 1;
      void page.close().catch(() => undefined);
      waiting.shift()?.(undefined);
      return;
    }
    const next = waiting.shift();
    if (next) next(page);
    else idle.push(page);
  }

  return {
    version,
    async print(html: string): Promise<PrintResult> {
      const page = await acquire();
      const blocked: string[] = [];
      const onRequest = (req: import('puppeteer').HTTPRequest): void => {
        const url = req.url();
        if (url.startsWith('data:') || url === 'about:blank') {
          void req.continue();
        } else {
          blocked.push(url);
          void req.abort('blockedbyclient');
        }
      };
      page.on('request', onRequest);
      let broken = true;
      try {
        await page.setContent(html, { waitUntil: 'load', timeout });
        const pdf = await page.pdf({
          printBackground: true,
          preferCSSPageSize: true,
          tagged: true,
          outline: true,
          displayHeaderFooter: false,
          timeout,
        });
        broken = false;
        return { pdf, blocked };
      } finally {
        page.off('request', onRequest);
        release(page, broken);
      }
    },
    async close(): Promise<void> {
      for (const page of idle.splice(0)) await page.close().catch(() => undefined);
      await browser.close();
    },
  };
}
