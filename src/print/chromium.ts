/**
 * HTML → PDF in one reused Chromium (Debian's), driven by puppeteer.
 *
 * Policy
 * - One browser per build, reused pages: launching a browser per paper costs ≈ 1.8 s. `pages` prints
 *   that many documents at once (a pool: each print takes a free page and gives it back in `finally`;
 *   a page whose print failed is closed and replaced).
 * - The printed page runs no script (JavaScript is off) and loads nothing: every request the page
 *   attempts, other than inline `data:` URLs, is aborted and reported back as a blocked request.
 * - A crash or a hang is not the end of a batch: a document that fails (Chromium gone, or longer than
 *   `timeoutMs`) kills the browser, gets a new one and is printed once more; only a second failure is
 *   an error (PrintFailure), which the caller reports by the document's name.
 * - Chromium is never downloaded: it is found in code (./browser.ts: PAPERS_CHROMIUM, the config's
 *   `browser:`, then the usual places), whatever the working directory. A missing browser is a user problem
 *   (BrowserNotFound), not a crash.
 * - A killed build leaves no browser behind. A Chromium whose Node process is killed (SIGKILL, the OOM
 *   killer, cron's `timeout`) would otherwise live on, reparented to init. On Linux and macOS a watchdog (a
 *   short `sh` loop, detached) is started before each browser, with the profile folder that browser will
 *   use: within a second of the Node process disappearing — even while the browser is still starting — it
 *   kills every process of that profile and removes the folder. On Windows Chromium is driven over a pipe,
 *   whose closing ends it. (The pipe would do everywhere, but prints ≈ 5% slower than the WebSocket:
 *   docs/PERFORMANCE.md.)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { PapersError } from '../errors.js';
import { findBrowser, isHeadlessShell } from './browser.js';

export interface PrintResult {
  pdf: Uint8Array;
  /** URLs the page tried to load and was refused. */
  blocked: string[];
  /** Every request the page made, allowed (the document's own inline data: assets) or refused, in order. */
  requests: string[];
}

export interface Printer {
  /** e.g. "Chromium 156.0.8078.79" */
  readonly version: string;
  /** False once the printer is closed or its browser is gone (a printer that cannot tell leaves it out). */
  readonly connected?: boolean;
  /**
   * Prints one document. `making`, when given, is told once Chromium has laid the page out and is making the
   * PDF: from then until the PDF comes back Chromium needs nothing from Node, so Node's own work for the
   * document (its Word copy) does not hold the printing up (docs/PERFORMANCE.md, 2026-12-07, later).
   */
  print(html: string, making?: () => void): Promise<PrintResult>;
  /** Closes the browser; a second call waits for the same closing. */
  close(): Promise<void>;
}

export interface PrinterOptions {
  /** The browser asked for (PAPERS_CHROMIUM, else the config's `browser:`); default the usual places (./browser.ts). */
  executablePath?: string | undefined;
  /** Milliseconds allowed for one document. */
  timeoutMs?: number;
  /** Documents printed at once (pages in the pool); default 1. */
  pages?: number;
  /** Told when the browser failed and was replaced (the document is then printed once more). */
  onRelaunch?: (reason: string) => void;
}

/** The switches Chromium is launched with (besides `--no-sandbox` for root); bench/bare-print.ts can print with them too. */
export const PRINTING_SWITCHES: readonly string[] = [
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
  // The network service in the browser's own process, not a process of its own: one process fewer to
  // start (≈ 0.1 CPU-s and 68 MB), for pages that load nothing anyway (docs/PERFORMANCE.md, 2026-12-07).
  '--enable-features=NetworkServiceInProcess2',
  // A printed page is never scrolled or animated: its compositing on the renderer's main thread, not a
  // thread of its own, and the GPU work (software) in the browser's process, not a process of its own.
  // Chromium then spends ≈ 10% fewer CPU-seconds on launching and printing, for the same PDF bytes
  // (docs/PERFORMANCE.md, 2026-12-07, fourth session).
  '--disable-threaded-compositing',
  '--in-process-gpu',
];

/** A document Chromium could not print twice over (a crash or a hang each time), after a relaunch. */
export class PrintFailure extends Error {
  constructor(readonly reason: string) {
    super(`Chromium failed twice (browser relaunched in between): ${reason}`);
    this.name = 'PrintFailure';
  }
}

/** Rejects after `ms` unless `work` settles first. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Closes a browser, and kills it if it does not close (a hung or stopped Chromium never answers); its watchdog goes with it. */
async function shutDown(browser: Browser): Promise<void> {
  const proc = browser.process();
  await within(browser.close(), 5_000, 'closing Chromium').catch(() => undefined);
  if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  await watchdogs.get(browser)?.stop();
}

/**
 * Waits for this Node process (`$0`) to disappear, then kills every process of the browser profile `$1`
 * and removes it. Stopped (killed) when the browser is closed normally.
 */
const WATCHDOG = 'while kill -0 "$0" 2>/dev/null; do sleep 1; done; pkill -KILL -f -- "--user-data-dir=$1"; rm -rf -- "$1"';

interface Watchdog {
  profile: string;
  stop(): Promise<void>;
}
const watchdogs = new WeakMap<Browser, Watchdog>();

/** A profile folder for the next browser, watched (POSIX) so that the browser dies with this process. */
async function watched(): Promise<Watchdog> {
  const profile = await mkdtemp(path.join(tmpdir(), 'papers-chromium-'));
  const dog = process.platform === 'win32' ? undefined : spawn('sh', ['-c', WATCHDOG, String(process.pid), profile], { detached: true, stdio: 'ignore' });
  dog?.on('error', () => undefined); // no sh: the browser is still closed on every normal exit
  dog?.unref();
  return {
    profile,
    stop: async () => {
      dog?.kill('SIGKILL');
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** One browser and its pool of pages; replaced whole when the browser fails. */
class Session {
  readonly idle: Page[] = [];
  readonly waiting: ((page: Page | undefined) => void)[] = [];
  open = 0;
  /** Pages made so far (the first is the default context's). */
  private made = 0;
  dead = false;
  constructor(
    readonly browser: Browser,
    /** Documents printed at once (pages in the pool). */
    private readonly size: number,
    /** Milliseconds allowed for one document. */
    private readonly timeout: number,
  ) {
    browser.once('disconnected', () => {
      this.dead = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    });
  }
  async freshPage(): Promise<Page> {
    // With more than one page, each after the first has a browser context of its own, so Chromium gives
    // each its own renderer process and really prints them at the same time (pages of one context share
    // one). The first is the tab Chromium opened as it launched (its renderer already running): a new tab
    // costs ≈ 0.2 s more, a page in a new context ≈ 0.7 s (it waits for a renderer of its own).
    const first = this.made === 0;
    const own = this.size > 1 && !first;
    this.made += 1;
    const opened = first ? (await this.browser.pages())[0] : undefined;
    const p = opened ?? (own ? await (await this.browser.createBrowserContext()).newPage() : await this.browser.newPage());
    await p.setJavaScriptEnabled(false);
    await p.setRequestInterception(true);
    p.setDefaultTimeout(this.timeout);
    return p;
  }
  /** A free page: an idle one, a new one while the pool is not full, or the next one given back. */
  async acquire(): Promise<Page> {
    if (this.dead) throw new Error('Chromium is gone');
    const page = this.idle.pop();
    if (page) return page;
    if (this.open < this.size) {
      this.open += 1;
      try {
        return await this.freshPage();
      } catch (e) {
        this.open -= 1;
        throw e;
      }
    }
    const given = await new Promise<Page | undefined>((resolve) => this.waiting.push(resolve));
    return given ?? this.acquire(); // undefined: a page was closed, so there is room for a new one
  }
  release(page: Page, broken: boolean): void {
    if (broken) {
      this.open -= 1;
      void page.close().catch(() => undefined);
      this.waiting.shift()?.(undefined);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }
  async print(html: string, making?: () => void): Promise<PrintResult> {
    const page = await within(this.acquire(), this.timeout, 'opening a page');
    const blocked: string[] = [];
    const requests: string[] = [];
    const onRequest = (req: import('puppeteer').HTTPRequest): void => {
      const url = req.url();
      requests.push(url);
      if (url.startsWith('data:') || url === 'about:blank') {
        void req.continue().catch(() => undefined);
      } else {
        blocked.push(url);
        void req.abort('blockedbyclient').catch(() => undefined);
      }
    };
    page.on('request', onRequest);
    let broken = true;
    try {
      const work = (async () => {
        await page.setContent(html, { waitUntil: 'load', timeout: this.timeout });
        // Fonts a page loads itself (`@font-face`, the only way with script off) are waited for; without one
        // there is nothing to wait for, and the PDF is asked for at once (one round trip to Chromium fewer).
        const pdf = page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true, displayHeaderFooter: false, timeout: this.timeout, waitForFonts: html.includes('@font-face') });
        making?.();
        return pdf;
      })();
      work.catch(() => undefined);
      const pdf = await within(work, this.timeout, 'printing one document');
      broken = false;
      return { pdf, blocked, requests };
    } finally {
      page.off('request', onRequest);
      this.release(page, broken);
    }
  }
}

/** A Chromium with a watched profile of its own (see the policy above). */
async function launchBrowser(executablePath: string, timeout: number): Promise<Browser> {
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const dog = await watched();
  try {
    const browser = await puppeteer.launch({
      executablePath,
      headless: isHeadlessShell(executablePath) ? 'shell' : true,
      userDataDir: dog.profile,
      pipe: process.platform === 'win32', // see the policy above
      args: [...PRINTING_SWITCHES, ...(runningAsRoot ? ['--no-sandbox'] : [])],
      // Debian's wrapper script prints a harmless "[: …: unexpected operator" on stderr; keep it out.
      dumpio: false,
      // Puppeteer's own handlers would exit the process on Ctrl+C or SIGTERM, before `papers serve`,
      // `papers worker` or `build --watch` close what they hold; the watchdog ends the browser with us.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      protocolTimeout: timeout + 10_000,
    });
    watchdogs.set(browser, dog);
    return browser;
  } catch (e) {
    await dog.stop();
    throw e;
  }
}

/**
 * A printer that survives its browser: a print that fails (Chromium crashed, or hung past the timeout
 * for one document) kills the browser, launches a new one and tries the document once more. A second
 * failure is a PrintFailure, for the caller to report by the document's name.
 */
export async function launchPrinter(options: PrinterOptions = {}): Promise<Printer> {
  const executablePath = findBrowser({ env: options.executablePath });
  const timeout = options.timeoutMs ?? 60_000;
  const size = Math.max(1, options.pages ?? 1);
  const launch = (): Promise<Browser> => launchBrowser(executablePath, timeout);

  let session = new Session(await launch(), size, timeout);
  const version = (await session.browser.version()).replace(/^(Headless)?Chrome\//, 'Chromium ');
  let relaunching: Promise<Session> | undefined;
  let closed = false; // once closing, a print that fails is not tried again, and no browser is launched
  let shutting: Promise<void> | undefined;
  /** The session after `failed`: a new browser, launched once however many prints saw the failure. */
  const recover = (failed: Session): Promise<Session> => {
    if (closed) return Promise.reject(new Error('the printer is closed'));
    if (session !== failed) return Promise.resolve(session);
    relaunching ??= (async () => {
      failed.dead = true;
      await shutDown(failed.browser);
      session = new Session(await launch(), size, timeout);
      return session;
    })().finally(() => {
      relaunching = undefined;
    });
    return relaunching;
  };

  return {
    version,
    get connected() {
      return !closed && !session.dead && session.browser.connected;
    },
    async print(html: string, making?: () => void): Promise<PrintResult> {
      if (closed) throw new Error('the printer is closed');
      const first = relaunching ? await relaunching : session;
      try {
        return await first.print(html, making);
      } catch (e) {
        if (e instanceof PapersError || closed) throw e;
        options.onRelaunch?.(e instanceof Error ? e.message.split('\n')[0]! : String(e));
        const next = await recover(first);
        try {
          return await next.print(html, making);
        } catch (again) {
          if (again instanceof PapersError) throw again;
          // Leave a working browser for the next document, whatever happened to this one.
          await recover(next).catch(() => undefined);
          throw new PrintFailure(again instanceof Error ? again.message : String(again));
        }
      }
    },
    close(): Promise<void> {
      closed = true;
      // Once, however many ask (a build closes it as soon as its last page is printed, and again on its way out).
      shutting ??= (async () => {
        if (relaunching) await relaunching.catch(() => undefined);
        for (const page of session.idle.splice(0)) await within(page.close(), 5_000, 'closing a page').catch(() => undefined);
        await shutDown(session.browser);
      })();
      return shutting;
    },
  };
}
