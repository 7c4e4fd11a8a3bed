/**
 * `papers build`: a meeting's papers and agenda pack, from its meeting.yaml.
 *
 *   config (parsed once) → ingest → score → render → print → assemble → publish
 *
 * Policy
 * - Up to three copies of every paper and of the pack, from one reading of the sources, printed by one
 *   browser: the standard one and the large-print one (16pt and up, by default), published together; and,
 *   when the agenda has an exempt item, the confidential one, into a folder of its own (made first).
 * - Every source of every item is read before anything is reported, so all problems in all files come
 *   out at once; then the build stops (PapersError) and nothing is written.
 * - Each document goes into a new release of its folder as soon as it exists (pipeline/spool.ts), so a
 *   long pack is made in the memory of its largest paper; nothing is published until every document is
 *   there, publishing is atomic (publish/atomic.ts), a build that stops leaves the folder as it was, and
 *   the output folder is locked for the whole build (a second build of it fails with BuildLocked).
 * - Building again into the same folder reuses every paper whose inputs, config, templates and code are
 *   unchanged (the keys are in the manifest): fixing one cell rebuilds that paper alone.
 * - Same inputs and config → the same HTML bytes and the same PDF bytes: no clock reaches a document
 *   (the clock is used only for the manifest's `builtAt`).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { manifestFileName } from '../assemble/index.js';
import { formatProblem, type Problem } from '../errors.js';
import type { MeetingConfig, Tool } from '../model/index.js';
import { NOTHING_TO_REUSE, paperKey, readLastBuild, withCode, type LastBuild } from '../publish/index.js';
import { compilePack, compilePaper, type Templates } from '../render/index.js';
import type { Effects } from './effects.js';
import type { ItemReads, LoadOptions } from './load.js';
import { fingerprints, makeMeeting, type MadeMeeting } from './make.js';
import { agendaFor, confidentialFolder, hasExempt, outputFolder, readMeeting, readTemplates, templatesSha, templateShas, type MeetingFile } from './meeting.js';
import type { JoinedPack } from './pack.js';
import { PRINTING_AT_ONCE, type BuiltPaper } from './papers.js';
import { meetingOutputs } from './record.js';
import { Spool, type Written } from './spool.js';

export interface BuildOptions extends Omit<LoadOptions, 'onItem' | 'skipItems' | 'knownBenchmarks' | 'reads'> {
  /** The folder published into (default `output/<meeting>`): it is swapped whole, never left half-written. */
  outDir?: string | undefined;
  /** The large-print copy (16pt and up, named `…-large-print`) beside the standard one: the config's `largePrint` (default yes) unless false here (`--no-large-print`). */
  largePrint?: boolean | undefined;
  /** Rebuild this item (`--item 6`) even if nothing it depends on changed; unchanged items are reused. */
  item?: string | undefined;
  templatesDir?: string;
  tool: Tool;
}

export interface BuildResult {
  meeting: MeetingConfig;
  /** The standard copy's papers (the large-print copies are among `written`). */
  papers: BuiltPaper[];
  /** The large-print copy's pages (its papers printed this time), when it was made. */
  largePrintPages: number | undefined;
  /** The agenda pack: the HTML of its own pages Chromium printed (front sheet, then any covers); the PDF is among `written`. */
  pack: { name: string; html: string; covers: string[]; pages: number } | undefined;
  /** The published folder (absolute). */
  outDir: string;
  /** The confidential copy's folder (absolute), when the agenda has an exempt item. */
  confidentialDir?: string | undefined;
  /** Papers Chromium could not print (PrintFailed): the others were published, the pack was not rebuilt. */
  failed: Problem[];
  written: string[];
  warnings: Problem[];
  seconds: number;
}

export async function buildMeeting(configPath: string, options: BuildOptions, effects: Effects): Promise<BuildResult> {
  const started = performance.now();
  const tool = withCode(options.tool);
  const file = await readMeeting(configPath, options, effects); // config, parsed once
  const outDir = outputFolder(file.meeting, options);
  // The confidential pack, when the agenda has an exempt item, goes into a folder of its own beside it.
  const confidentialDir = hasExempt(file.meeting) && !options.supplement ? confidentialFolder(outDir) : undefined;
  const lock = await effects.lock(outDir);
  const confidentialLock = confidentialDir ? await effects.lock(confidentialDir).catch(async (e: unknown) => {
    await lock.release();
    throw e;
  }) : undefined;
  try {
    const templates = await readTemplates(effects, options.templatesDir);
    const compiled = { paper: compilePaper(templates), pack: compilePack(templates) };
    // Chromium starts while the sources are read (it runs on the other core); one browser prints every copy,
    // two papers at once when there are two (a second renderer only costs a build of one paper: ≈ 0.9 s cold).
    const pages = Math.min(PRINTING_AT_ONCE, Math.max(1, file.meeting.items.length));
    const launching = effects.launchPrinter({ pages, browser: file.meeting.browser, onRelaunch: (reason) => effects.log(`Chromium failed (${reason}): relaunched, printing the document again`) });
    launching.catch(() => undefined); // awaited once the data has been read (its problems come first)
    const fingerprint = fingerprints(effects);
    const largePrint = options.largePrint !== false && file.meeting.largePrint;
    // The confidential copy first: it reads every item, so a problem in any source, exempt or not, stops
    // the build before anything is printed for the public, with every problem at once.
    const copies: Copy[] = [
      ...(confidentialDir ? [{ outDir: confidentialDir, largePrint: false, confidential: true }] : []),
      { outDir, largePrint: false, confidential: false },
      ...(largePrint ? [{ outDir, largePrint: true, confidential: false }] : []),
    ];
    // Each item read once for every copy when there are two or more; one copy keeps nothing it has printed.
    const reads: ItemReads | undefined = copies.length > 1 ? new Map() : undefined;
    const made: (Copy & { made: MadeMeeting; last: LastBuild })[] = [];
    // Each folder's new release, written into as documents are made; published at the end, or abandoned.
    const spools = new Map(copies.map((c) => [c.outDir, new Spool(c.outDir, effects)]));
    let published = false;
    // The browser closes once: when the last copy's last page is printed (its pack is joined meanwhile) or the copies end.
    let closing: Promise<void> | undefined;
    const closePrinter = (): Promise<void> => (closing ??= launching.then((p) => p.close(), () => undefined));
    try {
      try {
        for (const c of copies) {
          const copy = { ...options, tool, fingerprint, ...c };
          const last = await lastBuild(file, templates, copy, effects);
          const which = c.confidential ? ' (confidential)' : c.largePrint ? ' (large print)' : '';
          for (const number of last.reuse.keys()) effects.log(`reuse item ${number}${which}: nothing it depends on has changed`);
          // ingest → score → render → print → assemble
          const printed = c === copies.at(-1) ? () => void closePrinter().catch(() => undefined) : undefined; // awaited (any error thrown) below
          made.push({ ...c, made: await makeMeeting(file, last, launching, { ...copy, templates: compiled, reads, keepPrinter: true, printed, spool: spools.get(c.outDir)! }, effects), last });
        }
      } finally {
        const closed = closePrinter(); // while the outputs are written; a build that stopped waits for it
        if (made.length < copies.length) await closed;
      }
      const supplement = options.supplement === true;
      const outputs = new Map<string, Written[]>();
      const packs = new Map<Copy, JoinedPack | undefined>();
      for (const m of made) {
        const record = { tool, outDir: m.outDir, largePrint: m.largePrint, supplement, templates: templateShas(templates), templatesSha: templatesSha(templates), fingerprint, started };
        const files = await meetingOutputs(m.made, m.last, record, spools.get(m.outDir)!, effects);
        outputs.set(m.outDir, [...(outputs.get(m.outDir) ?? []), ...files.outputs]);
        packs.set(m, files.pack);
      }
      const written = await publishFolders(outputs, spools, confidentialDir, effects);
      published = true;
      const first = made.find((m) => !m.largePrint && !m.confidential)!;
      const standard = first.made;
      const pack = packs.get(first);
      const failed = made.flatMap((m) => m.made.failed);
      const warnings = [...new Map(made.flatMap((m) => m.made.warnings).map((w) => [formatProblem(w), w])).values()];
      const large = made.find((m) => m.largePrint)?.made.papers;
      return { meeting: standard.loaded.meeting, papers: standard.papers, largePrintPages: large?.reduce((a, p) => a + p.pages, 0), pack: pack && { name: pack.name, html: pack.html, covers: pack.covers, pages: pack.pages }, outDir, confidentialDir, failed, written, warnings, seconds: (performance.now() - started) / 1000 };
    } finally {
      if (!published) for (const spool of spools.values()) await spool.abort();
      await closePrinter();
    }
  } finally {
    await confidentialLock?.release();
    await lock.release();
  }
}

/**
 * Publishes each folder at once, or not at all; the confidential one first (it is first in the map), so
 * that a public pack never goes out without the confidential one it was built with. Returns the paths
 * published, the public files listed first.
 */
async function publishFolders(outputs: ReadonlyMap<string, Written[]>, spools: ReadonlyMap<string, Spool>, confidentialDir: string | undefined, effects: Effects): Promise<string[]> {
  const written: string[] = [];
  for (const [dir, files] of outputs) {
    const t0 = performance.now();
    await spools.get(dir)!.commit();
    const paths = [...new Set(files.map((f) => f.name))].map((n) => path.resolve(dir, n));
    written.splice(dir === confidentialDir ? written.length : 0, 0, ...paths);
    effects.log(`publish → ${paths.length} files${dir === confidentialDir ? ' into the confidential folder' : ''} (${Math.round(performance.now() - t0)} ms)`);
  }
  return written;
}

/** One copy of the meeting a build makes: the standard one, the large-print one, the confidential one. */
interface Copy {
  /** Where it is published. */
  outDir: string;
  largePrint: boolean;
  confidential: boolean;
}

/**
 * What the last build in `outDir` left that this copy can reuse (publish/manifest.ts), from the copy's own
 * manifest (`manifest.json`, `large-print.manifest.json`): nothing for a supplementary build, built whole.
 */
async function lastBuild(file: MeetingFile, templates: Templates, options: BuildOptions & Copy & { tool: Tool; fingerprint: ReturnType<typeof fingerprints> }, effects: Effects): Promise<LastBuild> {
  if (options.supplement) return NOTHING_TO_REUSE;
  const meeting = agendaFor(file.meeting, false, options.confidential);
  const parts = { tool: options.tool, configSha: file.sha256, templatesSha: templatesSha(templates), fingerprint: options.fingerprint };
  const papers = meeting.items.map((item) => ({ number: item.number, key: () => paperKey(meeting, item, parts) }));
  return readLastBuild(options.outDir, manifestFileName(meeting, { largePrint: options.largePrint }), papers, { tool: options.tool, force: options.item }, effects);
}
