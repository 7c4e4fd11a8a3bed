/**
 * Chromiums kept open between builds, for the processes that live long: `papers serve` (its in-process
 * queue) and `papers worker`. A build that borrows one starts printing at once, on renderers that have
 * printed before, instead of waiting for a launch and printing its first document cold (1.3 s of launch,
 * and a first print twice as long as the next: docs/PERFORMANCE.md). A `papers build` or `papers run`
 * launches its own: its process ends with it.
 *
 * Policy
 * - A build borrows with the same call it would launch with (`borrow` has launchPrinter's shape) and gives
 *   the browser back with the printer's `close()`. What the print page may do does not change: it runs no
 *   script and loads nothing (./chromium.ts), so nothing of one build's documents reaches the next.
 * - Kept by the browser asked for; a kept one is lent again only when it prints at least as many
 *   documents at once as the build asks for, is still connected, and has printed fewer than `every`
 *   documents (then it is closed, and the next build launches a fresh one, as a run relaunches its own).
 * - A printer given back while one of its prints is still under way (a build that stopped) is closed, not
 *   kept: nothing of a stopped build is left running.
 * - Told-of relaunches (Chromium crashed or hung, and was replaced) go to the build borrowing it now.
 * - An idle browser is closed after `idleMs` (default 10 minutes) and the shelf keeps at most `keep`
 *   (default 2) idle: a quiet server does not hold Chromium's memory.
 */
import type { Printer, PrintResult } from './chromium.js';

/** What a build asks for, as it would ask launchPrinter. */
export interface BorrowOptions {
  pages?: number;
  onRelaunch?: (reason: string) => void;
  browser?: string | undefined;
}

export type Launch = (options?: BorrowOptions) => Promise<Printer>;

export interface ShelfOptions {
  /** Documents a browser prints before it is closed rather than lent again. */
  every: number;
  /** Milliseconds an idle browser is kept (default 10 minutes). */
  idleMs?: number;
  /** Idle browsers kept at most (default 2). */
  keep?: number;
}

interface Kept {
  printer: Printer;
  key: string;
  pages: number;
  /** Documents printed so far. */
  used: number;
  /** Where a relaunch is told: the borrowing build's log. */
  onRelaunch: ((reason: string) => void) | undefined;
  idleTimer?: NodeJS.Timeout | undefined;
}

export class PrinterShelf {
  private idle: Kept[] = [];
  private readonly all = new Set<Kept>();
  private closed = false;
  private readonly idleMs: number;
  private readonly keep: number;

  constructor(
    private readonly launch: Launch,
    private readonly options: ShelfOptions,
  ) {
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.keep = options.keep ?? 2;
  }

  /** Browsers open now, idle or lent (for tests and the server's own log). */
  get open(): number {
    return this.all.size;
  }

  /** A printer for one build: a kept browser when one fits, else a new one. Its close() gives it back. */
  readonly borrow: Launch = async (options = {}) => {
    if (this.closed) throw new Error('the printer shelf is closed');
    const key = options.browser ?? '';
    const pages = Math.max(1, options.pages ?? 1);
    const i = this.idle.findIndex((k) => k.key === key && k.pages >= pages && k.printer.connected !== false);
    let kept: Kept;
    if (i >= 0) {
      kept = this.idle.splice(i, 1)[0]!;
      clearTimeout(kept.idleTimer);
    } else {
      const fresh: Kept = { printer: undefined as unknown as Printer, key, pages, used: 0, onRelaunch: undefined };
      fresh.printer = await this.launch({ ...options, pages, onRelaunch: (reason) => fresh.onRelaunch?.(reason) });
      if (this.closed) {
        await fresh.printer.close().catch(() => undefined); // the shelf closed while this one launched
        throw new Error('the printer shelf is closed');
      }
      kept = fresh;
      this.all.add(kept);
    }
    kept.onRelaunch = options.onRelaunch;
    return this.lent(kept);
  };

  /** The printer a build sees: prints through the kept browser until its close(), which gives it back once. */
  private lent(kept: Kept): Printer {
    let inFlight = 0;
    let returned: Promise<void> | undefined;
    return {
      version: kept.printer.version,
      get connected() {
        return returned === undefined && kept.printer.connected !== false;
      },
      print: async (html: string, making?: () => void): Promise<PrintResult> => {
        if (returned) throw new Error('the printer is closed');
        inFlight += 1;
        kept.used += 1;
        try {
          return await kept.printer.print(html, making);
        } finally {
          inFlight -= 1;
        }
      },
      close: () => (returned ??= this.giveBack(kept, inFlight > 0)),
    };
  }

  private async giveBack(kept: Kept, busy: boolean): Promise<void> {
    kept.onRelaunch = undefined;
    if (this.closed || busy || kept.used >= this.options.every || kept.printer.connected === false) return this.retire(kept);
    this.idle.push(kept);
    kept.idleTimer = setTimeout(() => void this.retire(kept), this.idleMs);
    kept.idleTimer.unref();
    while (this.idle.length > this.keep) await this.retire(this.idle[0]!);
  }

  private async retire(kept: Kept): Promise<void> {
    clearTimeout(kept.idleTimer);
    this.idle = this.idle.filter((k) => k !== kept);
    this.all.delete(kept);
    await kept.printer.close().catch(() => undefined);
  }

  /** Closes every browser, idle or lent, and waits for them; nothing is lent after. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.all].map((k) => this.retire(k)));
  }
}
