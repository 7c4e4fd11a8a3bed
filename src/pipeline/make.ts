/**
 * A meeting made, from its sources to its papers and pack, in memory (nothing is written here):
 *
 *   ingest (each item as it is read) → score → render → print (one Chromium) → assemble → the pack
 *
 * Papers print as their items arrive (pipeline/papers.ts). When the last build here says how long every
 * paper is, the pack's front sheet goes to Chromium right behind the last paper, laid out on those page
 * counts, and is used if the papers come out as long (a data fix rarely moves a page); else it is laid out
 * again once the last paper's length is known, and printed while Node finishes that paper.
 */
import { performance } from 'node:perf_hooks';
import { packFileName } from '../assemble/index.js';
import { isPapersError, PapersError, type Problem } from '../errors.js';
import type { MeetingConfig, Tool } from '../model/index.js';
import { NOT_FOR_PUBLICATION, PackAssembly, PAGE_NUMBER_FONT, type EarlierPack, type Footer, type Printer } from '../print/index.js';
import { earlierPack, publishedVersions, sha256, type Fingerprint, type LastBuild } from '../publish/index.js';
import type { PaperView } from '../render/index.js';
import type { Effects } from './effects.js';
import { checkItems, type ItemContext, type KnownBenchmarks, type LoadedItem, type LoadedMeeting, type LoadOptions } from './load.js';
import type { MeetingFile } from './meeting.js';
import { addReusedPapers, joinPack, ownPages, PackPagePrinter, type JoinedPack, type OwnPages, type PackPrinting } from './pack.js';
import { arrivals, PaperPress, renderPaper, type BuiltPaper } from './papers.js';
import type { RenderedPaper } from './paper.js';
import type { Spool } from './spool.js';

export interface MakeOptions extends LoadOptions {
  tool: Tool;
  largePrint?: boolean | undefined;
  outDir: string;
  /** The templates, and the paper and pack templates compiled. */
  templates: { paper: (view: PaperView) => string; pack: (view: object) => string };
  /** This build's input fingerprints. */
  fingerprint: Fingerprint;
  /** The confidential copy: every item, exempt ones too, and a pack marked not for publication on every page. */
  confidential?: boolean | undefined;
  /** Leave the browser open for the next copy of the meeting (the caller closes it). */
  keepPrinter?: boolean | undefined;
  /** Told once Chromium has printed the last page this copy needs (the caller may close it then). */
  printed?: (() => void) | undefined;
  /** Where every file goes as soon as it is made (the caller publishes it, or abandons it). */
  spool: Spool;
}

/** A meeting made: its papers and pack in memory, what went wrong, and the browser closing meanwhile. */
export interface MadeMeeting {
  loaded: LoadedMeeting;
  papers: BuiltPaper[];
  pack: JoinedPack | undefined;
  /** Papers Chromium could not print (the others were made; the pack was not). */
  failed: Problem[];
  /** The sources' warnings, and what the printed pages tried to load. */
  warnings: Problem[];
  /** Each output's milliseconds to print. */
  timings: Map<string, number>;
  /** The SHA-256 of each pack version published in the folder, v1 first (read while the papers printed). */
  versions: Promise<string[]> | undefined;
  browser: string;
  /** The browser closing (≈ 0.2 s), while the outputs are written. */
  closing: Promise<void>;
}

/**
 * Reads every item (every problem in every source, before anything is reported), and makes each paper as
 * soon as its item is read; then the pack. The printer is closed on the way out, whatever happens.
 */
export async function makeMeeting(file: MeetingFile, last: LastBuild, launching: Promise<Printer>, options: MakeOptions, effects: Effects): Promise<MadeMeeting> {
  const { tool, outDir } = options;
  const supplement = options.supplement === true;
  const knownBenchmarks: KnownBenchmarks = { fingerprint: options.fingerprint, tool, series: last.benchmarks };
  const arrived = arrivals<{ loaded: LoadedItem; context: ItemContext }>();
  const loading = checkItems(file, { ...options, skipItems: new Set(last.reuse.keys()), knownBenchmarks, keepItems: false, onItem: (loaded, context) => arrived.push({ loaded, context }) }, effects).then((check) => {
    if (check.errors.length > 0 || !check.loaded) throw new PapersError(check.errors, undefined, check.warnings);
    return check.loaded;
  });
  loading.then(arrived.end, arrived.end);
  const press = { largePrint: options.largePrint === true, render: options.templates.paper, tool };
  // Rendered one ahead of printing: while Chromium prints paper i, Node renders paper i + 1. A paper is
  // let go once it is sent (its HTML and view are held by its printing only until it is finished).
  const rendering = new Map<number, Promise<RenderedPaper | undefined>>();
  const rendered = (i: number): Promise<RenderedPaper | undefined> => {
    let r = rendering.get(i);
    if (!r) rendering.set(i, (r = arrived.take(i).then((a) => (a ? renderPaper(a, press, effects) : undefined))));
    return r;
  };
  void rendered(0).catch(() => undefined); // started now; awaited (and any error thrown) below

  // Bad data is reported before a browser that would not start.
  const printer = await launching.catch(async (e: unknown) => {
    await loading;
    throw e;
  });
  const largePrint = options.largePrint === true;
  const confidential = options.confidential === true;
  const packWanted = true;
  const earlier = packWanted ? earlierPack(last.pack, outDir, effects) : Promise.resolve(undefined); // read while the papers print
  earlier.catch(() => undefined);
  let versions: Promise<string[]> | undefined;
  if (packWanted) {
    void loading.then(
      (l) => (versions = publishedVersions(outDir, packFileName(l.meeting, { supplement, largePrint, confidential }), effects)).catch(() => undefined),
      () => undefined,
    );
  }
  const assembly = packWanted ? new PackAssembly('en-GB') : undefined;
  const footer = { font: await effects.readFile(PAGE_NUMBER_FONT), size: options.largePrint ? 16 : 9 };
  const { spool } = options;
  const papers = new PaperPress(printer, { ...press, outDir, footer, assembly, spool }, effects);
  let loaded!: LoadedMeeting;
  let pack: JoinedPack | undefined;
  let made = false;
  let closing: Promise<void> | undefined;
  try {
    // The reused papers' blocks go into the pack while the first paper prints.
    let reusedAdded: Promise<void> | undefined;
    const addReused = (meeting: MeetingConfig): Promise<void> => (reusedAdded ??= assembly ? addReusedPapers(meeting, last.reuse, assembly, outDir, effects) : Promise.resolve());
    for (let i = 0; ; i++) {
      const r = await rendered(i);
      rendering.delete(i);
      if (!r) break;
      if (await papers.print(r, () => void rendered(i + 1).catch(() => undefined))) await addReused(r.meeting);
    }
    loaded = await loading; // every item read, and none with a problem (else this throws them all)
    pack = await lastPaperAndPack(papers, { loaded, last, printer, packWanted, supplement, largePrint, confidential, tool, outDir, template: options.templates.pack, assembly, addReused, earlier, footer, spool, printed: options.printed ?? (() => undefined) }, effects);
    made = true;
  } catch (e) {
    // Problems in the data come first, even when something went wrong with a paper printed meanwhile.
    const problems = await loading.then(
      () => undefined,
      (l: unknown) => (isPapersError(l) ? l : undefined),
    );
    throw problems ?? e;
  } finally {
    // The browser closes while the outputs are written; a build that stopped waits for it.
    closing = options.keepPrinter ? Promise.resolve() : printer.close();
    if (!made) await closing;
    await loading.catch(() => undefined); // nothing is still being read when the build returns or throws
  }
  return { loaded, papers: papers.papers, pack, failed: papers.failed, warnings: [...loaded.warnings, ...papers.warnings], timings: papers.timings, versions, browser: printer.version, closing };
}

/** What the end of a build needs to finish its last paper and make the pack. */
interface PackJob {
  loaded: LoadedMeeting;
  last: LastBuild;
  printer: Printer;
  packWanted: boolean;
  supplement: boolean;
  largePrint: boolean;
  confidential: boolean;
  tool: Tool;
  outDir: string;
  /** The pack template, compiled. */
  template: (view: object) => string;
  assembly: PackAssembly | undefined;
  /** Puts the reused papers into the pack (once). */
  addReused: (meeting: MeetingConfig) => Promise<void>;
  earlier: Promise<EarlierPack | undefined>;
  footer: Footer;
  spool: Spool;
  /** Told once nothing more is to be printed. */
  printed: () => void;
}

/**
 * The last paper finished, and the pack: its own pages go to Chromium right behind the last paper — on the
 * last build's page counts when it recorded them all (used if the papers come out as long), else as soon
 * as the last paper's length is known, printed while Node finishes that paper — then the pack is joined.
 * No pack when a paper failed to print (a pack missing a paper would be a wrong pack).
 */
async function lastPaperAndPack(papers: PaperPress, job: PackJob, effects: Effects): Promise<JoinedPack | undefined> {
  const { loaded, last, printer, supplement, largePrint, confidential } = job;
  const meeting = loaded.meeting;
  const ownPrinter = new PackPagePrinter(printer, job.tool, packFileName(meeting, { supplement, largePrint, confidential }), last.packPages, job.outDir, effects);
  const own = (pagesOf: (n: string) => number): OwnPages => ownPages(meeting, loaded, pagesOf, job.template, { supplement, largePrint, confidential });
  const pagesOf = (n: string): number => papers.papers.find((p) => p.item.number === n)?.pages ?? last.reuse.get(n)!.pages;
  const guessed = job.packWanted && meeting.items.every((item) => last.pages.has(item.number)) ? ownPrinter.print(own((n) => last.pages.get(n)!)) : undefined;
  let early: PackPrinting | undefined;
  const lastPaper = await papers.last();
  if (lastPaper) {
    if (job.packWanted && papers.failed.length === 0) early = ownPrinter.unlessPrinting(own((n) => (n === lastPaper.number ? lastPaper.doc.getPageCount() : pagesOf(n))), guessed);
    await papers.finishLast(lastPaper);
  }
  if (!job.packWanted || papers.failed.length > 0) {
    job.printed();
    return undefined;
  }
  const t0 = performance.now();
  await job.addReused(meeting);
  const pdfShaOf = (n: string): string => {
    const built = papers.papers.find((p) => p.item.number === n);
    return built ? job.spool.written(built.files.pdf)!.sha256 : last.reuse.get(n)!.files.find((f) => f.file.endsWith('.pdf'))!.sha256;
  };
  const printing = ownPrinter.unlessPrinting(own(pagesOf), early ?? guessed);
  void Promise.allSettled([printing.front, ...printing.covers]).then(() => job.printed());
  const pack = await joinPack(meeting, loaded, printing, job.assembly!, pdfShaOf, { tool: job.tool, browser: printer.version, supplement, largePrint, confidential, footer: confidential ? { ...job.footer, mark: NOT_FOR_PUBLICATION } : job.footer, earlier: job.earlier, spool: job.spool }, effects);
  papers.timings.set(pack.name, Math.round(performance.now() - t0));
  return pack;
}

/** Each input file's SHA-256 for one build, each file hashed once however many papers it goes into (the DfE files go into most). */
export function fingerprints(effects: Pick<Effects, 'readFile'>): Fingerprint {
  const shas = new Map<string, Promise<string>>();
  return (file) => {
    let sha = shas.get(file);
    if (!sha) shas.set(file, (sha = effects.readFile(file).then(sha256, () => 'missing')));
    return sha;
  };
}
