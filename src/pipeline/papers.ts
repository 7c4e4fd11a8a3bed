/**
 * The papers of a build, made as their items are read. Each item is scored and rendered as soon as it
 * arrives, one ahead of printing; Chromium prints paper i while Node finishes paper i − 1 (page numbers,
 * metadata, its block for the pack) and renders paper i + 1 — Node reads and renders, Chromium prints, on
 * the two cores. A paper's data files, and its part of the pack's changes note, are made while it prints.
 *
 * Policy
 * - A problem in any item's data still stops the build, with every problem, once all items are read —
 *   even when a paper printed meanwhile failed in some other way; nothing is published.
 * - A paper Chromium fails on twice is named (PrintFailed) and the others are still made; the pack is then
 *   not rebuilt (a pack missing a paper would be a wrong pack).
 */
import { performance } from 'node:perf_hooks';
import { problem, type Problem } from '../errors.js';
import { decodeBlock, finishDocument, loadFooterFont, NOT_FOR_PUBLICATION, openPdf, PrintFailure, type Footer, type PackAssembly, type PartBlock, type Printer, type PrintResult } from '../print/index.js';
import type { OutputFile } from '../publish/index.js';
import { locationOf, sourceCellOf, type PaperView } from '../render/index.js';
import type { Tool } from '../model/index.js';
import type { Effects } from './effects.js';
import type { ItemContext, LoadedItem } from './load.js';
import { filesOf, paperWord, paperChanges, paperDataFiles, paperFacts, paperViewOf, type RenderedPaper } from './paper.js';
import type { Spool } from './spool.js';

/**
 * A paper made: rendered, printed and finished, its files already in the release being published (see
 * spool.ts); what is kept of it is small, so a pack of any length is made in the same memory.
 */
export interface BuiltPaper {
  item: RenderedPaper['item'];
  files: RenderedPaper['files'];
  pages: number;
  /** Its files, in the order they are published: HTML, PDF, Word, snapshot and data, block for the pack. */
  outputs: string[];
  /** Its part of the pack's changes note (worked out while Chromium prints it). */
  changes: Promise<string[]>;
}

/**
 * Items as they are read: `take(i)` settles with the i-th once it is pushed, or undefined once `end` is
 * called without it. Each is taken once and then let go (nothing here holds an item after its paper has it).
 */
export function arrivals<T>(): { push: (t: T) => void; end: () => void; take: (i: number) => Promise<T | undefined> } {
  const items = new Map<number, T>();
  const waiting = new Map<number, (t: T | undefined) => void>();
  let pushed = 0;
  let ended = false;
  return {
    push: (t) => {
      const i = pushed++;
      const w = waiting.get(i);
      if (w) {
        waiting.delete(i);
        w(t);
      } else items.set(i, t);
    },
    end: () => {
      ended = true;
      for (const w of waiting.values()) w(undefined);
      waiting.clear();
    },
    take: (i) => {
      if (i < pushed || ended) {
        const t = items.get(i);
        items.delete(i);
        return Promise.resolve(t);
      }
      return new Promise((resolve) => waiting.set(i, resolve));
    },
  };
}

export interface PressOptions {
  tool: Tool;
  largePrint: boolean;
  /** The published folder: where the last snapshots are, for each paper's part of the changes note. */
  outDir: string;
  /** The paper template, compiled. */
  render: (view: PaperView) => string;
  footer: Footer;
  /** The pack being assembled (each paper goes in as it is finished), when the build makes one. */
  assembly: PackAssembly | undefined;
  /** Where each paper's files go the moment it is finished. */
  spool: Spool;
}

/**
 * Score, chart and render one item (no I/O but the log line).
 */
export async function renderPaper({ loaded, context }: { loaded: LoadedItem; context: ItemContext }, options: Pick<PressOptions, 'largePrint' | 'render'>, effects: Pick<Effects, 'log'>): Promise<RenderedPaper> {
  const t0 = performance.now();
  const { meeting } = context;
  const config = { file: meeting.file.display, sha256: context.configSha256, bytes: context.configBytes };
  const { scored, view } = await paperViewOf(meeting, loaded, { largePrint: options.largePrint, logo: context.logo, config });
  const html = options.render(view);
  effects.log(`render item ${loaded.item.number}${options.largePrint ? ' (large print)' : ''} → ${Math.round(html.length / 1024)} KB of HTML (${Math.round(performance.now() - t0)} ms)`);
  return { meeting, item: loaded.item, scored, view, html, files: filesOf(meeting, loaded.item, options.largePrint), wordStyles: context.wordStyles };
}

/** A paper sent to Chromium, with what is made of it while it prints. */
interface Printing {
  r: RenderedPaper;
  t0: number;
  printing: Promise<PrintResult>;
  data: OutputFile[];
  changes: Promise<string[]>;
  /** Starts its Word copy (the standard copy's), once. */
  word: () => void;
}

/**
 * Papers finished before V8 is asked to let its heap grow slowly (`Effects.growHeapSlowly`): a build of
 * more than one paper asks, a one-paper build is left to V8's defaults (the extra collections cost it ≈ 3%).
 * Instead of a full collection forced every 4 papers, which kept a 36-paper pack at ≈ 325 MB (525 MB with
 * none) and threw away optimised code each time: ≈ 290 MB, and the pack ≈ 8% sooner. See docs/PERFORMANCE.md
 * (2026-12-07, third session).
 */
const GROW_SLOWLY_AFTER = 2;

/**
 * Papers at Chromium at once: two, one in each of the printer's two pages (renderers), so that Chromium
 * prints on both cores while Node finishes the paper before (see docs/PERFORMANCE.md, 2026-12-05).
 */
export const PRINTING_AT_ONCE = 2;

/** Renders, prints and finishes papers, up to PRINTING_AT_ONCE printing while the one before them is finished. */
export class PaperPress {
  readonly papers: BuiltPaper[] = [];
  /** Papers Chromium could not print, even with a new browser. */
  readonly failed: Problem[] = [];
  /** What the printed pages tried to load (RequestBlocked), each named after the cell it came from. */
  readonly warnings: Problem[] = [];
  /** Each output's milliseconds to print. */
  readonly timings = new Map<string, number>();
  /** Papers sent and not yet finished, oldest first. */
  private readonly pending: Printing[] = [];
  private sentAny = false;

  constructor(
    private readonly printer: Printer,
    private readonly options: PressOptions,
    private readonly effects: Effects,
  ) {}

  /**
   * Sends a paper to Chromium (once the oldest of those printing has printed, when PRINTING_AT_ONCE are),
   * tells `sent` (the caller starts rendering the next), then finishes that oldest one. True for the first paper.
   */
  async print(r: RenderedPaper, sent: () => void): Promise<boolean> {
    const before = this.pending.length >= PRINTING_AT_ONCE ? this.pending.shift() : undefined;
    const printed = before ? await this.printed(before) : undefined;
    // The standard copy's Word copy is made while Chromium makes the PDF: started earlier, its work would
    // hold up the steps of the printing that wait for Node (docs/PERFORMANCE.md, 2026-12-07, later).
    const word = (): void => {
      if (!this.options.largePrint) (r.word ??= paperWord(r, this.options.tool, r.wordStyles)).catch(() => undefined); // awaited when the paper is finished
    };
    const job: Printing = { r, t0: performance.now(), printing: this.printer.print(r.html, word), data: [], changes: paperChanges(r, this.options.outDir, this.effects), word };
    job.printing.catch(() => undefined); // awaited (and any error thrown) on a later turn or by `last`
    job.changes.catch(() => undefined); // awaited when the pack's changes note is written
    this.pending.push(job);
    if (!this.sentAny) void loadFooterFont().catch(() => undefined); // needed to finish it: loaded while Chromium prints
    sent();
    // Its data files, and its part of the pack's changes note, are made while Chromium prints it.
    job.data = this.options.largePrint ? [] : paperDataFiles(r.files, r.scored, r.view); // the data once, beside the standard copy
    if (before && printed) await this.finish(before, printed);
    const first = !this.sentAny;
    this.sentAny = true;
    return first;
  }

  /**
   * The last paper sent, once printed, opened (its page count known), or undefined when it failed or there
   * was none; every paper sent before it is finished first.
   */
  async last(): Promise<{ number: string; printed: PrintResult; doc: Awaited<ReturnType<typeof openPdf>> } | undefined> {
    while (this.pending.length > 1) {
      const job = this.pending.shift()!;
      const printed = await this.printed(job);
      if (printed) await this.finish(job, printed);
    }
    const job = this.pending[0];
    if (!job) return undefined;
    const printed = await this.printed(job);
    return printed ? { number: job.r.item.number, printed, doc: await openPdf(printed.pdf) } : undefined;
  }

  /** Finishes the last paper (as `last` gave it). */
  async finishLast(last: NonNullable<Awaited<ReturnType<PaperPress['last']>>>): Promise<void> {
    await this.finish(this.pending.shift()!, last.printed, last.doc);
  }

  /** The printed PDF, or undefined when Chromium failed on it twice (then named in `failed`). */
  private async printed(job: Printing): Promise<PrintResult | undefined> {
    try {
      return await job.printing;
    } catch (e) {
      if (!(e instanceof PrintFailure)) throw e;
      this.failed.push(problem('PrintFailed', { document: `item ${job.r.item.number} (${job.r.item.title})`, reason: e.reason }, { file: job.r.item.narrative.display }));
      this.effects.log(`FAILED to print item ${job.r.item.number}: ${e.reason}`);
      return undefined;
    }
  }

  /** Page numbers, metadata and the file ID; its block into the pack (the block of the very bytes published). */
  private async finish(job: Printing, printed: PrintResult, opened?: Awaited<ReturnType<typeof openPdf>>): Promise<void> {
    const { r, t0 } = job;
    for (const url of printed.blocked) {
      // Named after the cell whose content holds the URL, when it is in one; else the paper's narrative.
      const cell = sourceCellOf(r.html, url);
      this.warnings.push(problem('RequestBlocked', { url }, cell ? locationOf(cell) : { file: r.item.narrative.display }));
    }
    // An exempt paper (the confidential copy's) says so at the head of every page.
    const footer = r.item.exempt ? { ...this.options.footer, mark: NOT_FOR_PUBLICATION } : this.options.footer;
    const { bytes, pages, doc } = await finishDocument(opened ?? printed.pdf, r.html, paperFacts(r, this.options.tool, this.printer.version), footer);
    this.effects.log(`print item ${r.item.number}${this.options.largePrint ? ' (large print)' : ''} → ${pages} pages (${Math.round(performance.now() - t0)} ms)`);
    this.timings.set(r.files.pdf, Math.round(performance.now() - t0));
    job.word(); // when the printer did not say (one that cannot tell), now
    const data = r.word ? [{ name: r.files.docx, bytes: await r.word }, ...job.data] : job.data;
    const files: OutputFile[] = [{ name: r.files.html, bytes: Buffer.from(r.html, 'utf8') }, { name: r.files.pdf, bytes }, ...data];
    const { spool } = this.options;
    let written: Promise<void> | undefined;
    // Into the pack as published: the block of the document just saved is the block of its bytes (so the
    // same pack when a later build reuses it; print.test.ts holds this), and goes beside it for that build.
    // The pack keeps only its shape and reads it back from there when it is written.
    if (this.options.assembly) {
      const name = r.files.packPart;
      const reload = async (): Promise<PartBlock> => {
        await written;
        const block = decodeBlock(await spool.read(name));
        if (!block) throw new Error(`${name} was written for the pack and cannot be read back`);
        return block;
      };
      files.push({ name, bytes: this.options.assembly.addPaper(r.item.number, doc, `Item ${r.item.number} – ${r.item.title}`, reload).encoded });
    }
    written = spool.put(files); // written while the next paper prints; the build awaits every write
    this.papers.push({ item: r.item, files: r.files, pages, outputs: files.map((f) => f.name), changes: job.changes });
    // What a paper leaves behind (its parsed PDF, its view) is garbage: from the second paper on, V8 is
    // asked to collect as the build goes on, so that a long pack's memory stays level.
    if (this.papers.length === GROW_SLOWLY_AFTER) this.effects.growHeapSlowly?.();
  }
}
