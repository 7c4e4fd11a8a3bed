/**
 * `papers build`: a meeting's papers and agenda pack, from its meeting.yaml.
 *
 *   config (parsed once) → ingest → score → render → print → assemble → publish
 *
 * Policy
 * - Every source of every item is read before anything is reported, so all problems in all files come
 *   out at once; then the build stops (PapersError) and nothing is written.
 * - Nothing is written until every document exists in memory; publishing is atomic (publish/atomic.ts),
 *   and the output folder is locked for the whole build (a second build of it fails with BuildLocked).
 * - Building again into the same folder reuses every paper whose inputs, config, templates and code are
 *   unchanged (the keys are in the manifest): fixing one cell rebuilds that paper alone.
 * - Same inputs and config → the same HTML bytes and the same PDF bytes: no clock reaches a document
 *   (the clock is used only for the manifest's `builtAt`).
 */
import { performance } from 'node:perf_hooks';
import { manifestFileName } from '../assemble/index.js';
import type { Problem } from '../errors.js';
import type { MeetingConfig, Tool } from '../model/index.js';
import { NOTHING_TO_REUSE, paperKey, readLastBuild, withCode, type LastBuild } from '../publish/index.js';
import { compilePack, compilePaper, type Templates } from '../render/index.js';
import type { Effects } from './effects.js';
import type { LoadOptions } from './load.js';
import { fingerprints, makeMeeting } from './make.js';
import { agendaFor, outputFolder, readMeeting, readTemplates, templatesSha, templateShas, type MeetingFile } from './meeting.js';
import type { BuiltPaper } from './papers.js';
import { publishMeeting } from './record.js';

export interface BuildOptions extends Omit<LoadOptions, 'onItem' | 'skipItems' | 'knownBenchmarks'> {
  /** The folder published into (default `output/<meeting>`): it is swapped whole, never left half-written. */
  outDir?: string | undefined;
  /** Build the large-print version (16pt and up), named `…-large-print`. */
  largePrint?: boolean | undefined;
  /** Rebuild this item (`--item 6`) even if nothing it depends on changed; unchanged items are reused. */
  item?: string | undefined;
  templatesDir?: string;
  tool: Tool;
}

export interface BuildResult {
  meeting: MeetingConfig;
  papers: BuiltPaper[];
  /** The agenda pack: the HTML of its own pages Chromium printed (front sheet, then any covers); the PDF is among `written`. */
  pack: { name: string; html: string; covers: string[]; pages: number } | undefined;
  /** The published folder (absolute). */
  outDir: string;
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
  const lock = await effects.lock(outDir);
  try {
    const templates = await readTemplates(effects, options.templatesDir);
    const compiled = { paper: compilePaper(templates), pack: compilePack(templates) };
    // Chromium starts while the sources are read (it runs on the other core).
    const launching = effects.launchPrinter({ browser: file.meeting.browser, onRelaunch: (reason) => effects.log(`Chromium failed (${reason}): relaunched, printing the document again`) });
    launching.catch(() => undefined); // awaited once the data has been read (its problems come first)
    const fingerprint = fingerprints(effects);
    const last = await lastBuild(file, templates, { ...options, tool, outDir, fingerprint }, effects).catch(async (e: unknown) => {
      await (await launching.catch(() => undefined))?.close();
      throw e;
    });
    for (const number of last.reuse.keys()) effects.log(`reuse item ${number}: nothing it depends on has changed`);
    const made = await makeMeeting(file, last, launching, { ...options, tool, outDir, templates: compiled, fingerprint }, effects); // ingest → score → render → print → assemble
    try {
      const supplement = options.supplement === true;
      const record = { tool, outDir, largePrint: options.largePrint === true, supplement, templates: templateShas(templates), templatesSha: templatesSha(templates), fingerprint, started };
      const { written, pack } = await publishMeeting(made, last, record, effects); // publish
      const { papers, failed, warnings } = made;
      return { meeting: made.loaded.meeting, papers, pack: pack && { name: pack.name, html: pack.html, covers: pack.covers, pages: pack.pages }, outDir, failed, written, warnings, seconds: (performance.now() - started) / 1000 };
    } finally {
      await made.closing;
    }
  } finally {
    await lock.release();
  }
}

/**
 * What the last build in `outDir` left that this one can reuse (publish/manifest.ts): nothing for a
 * large-print or supplementary build, which are built whole.
 */
async function lastBuild(file: MeetingFile, templates: Templates, options: BuildOptions & { tool: Tool; outDir: string; fingerprint: ReturnType<typeof fingerprints> }, effects: Effects): Promise<LastBuild> {
  if (options.largePrint || options.supplement) return NOTHING_TO_REUSE;
  const meeting = agendaFor(file.meeting, false);
  const parts = { tool: options.tool, configSha: file.sha256, templatesSha: templatesSha(templates), fingerprint: options.fingerprint };
  const papers = meeting.items.map((item) => ({ number: item.number, key: () => paperKey(meeting, item, parts) }));
  return readLastBuild(options.outDir, manifestFileName(meeting), papers, { tool: options.tool, force: options.item }, effects);
}
