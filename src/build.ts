/**
 * The programmatic core: `loadMeeting` (config → ingest → score, no browser) and `buildMeeting`
 * (… → render → print → assemble → publish). The CLI is a thin shell over these.
 *
 * Policy
 * - Every source of every item is read before anything is reported, so all problems in all files
 *   come out at once; then the build stops (PapersError) before anything is printed or written.
 * - Nothing is written until every document exists in memory; publishing is atomic (see publish/).
 * - Same inputs and config → the same HTML bytes and the same PDF bytes: no clock reaches a
 *   document (the clock is used only for the manifest's `builtAt`).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { layoutPack, manifestFileName, meetingBaseName, PACK_PART, packFileName, packPageFileName, paperFileNames, type PaperFiles } from './assemble/index.js';
import { parseMeetingConfig } from './config/index.js';
import { insideAny } from './config/paths.js';
import type { Effects } from './effects.js';
import { formatProblem, isPapersError, PapersError, problem, type Problem } from './errors.js';
import {
  readActionPlan,
  readBenchmark,
  readKpiDefinitions,
  readKpis,
  readNarrative,
  readNeighbours,
  readOutcomesMap,
  readRecommendations,
  readSnapshot,
  readStatistics,
  readTracker,
  type SourceHandle,
  type StatisticsFile,
} from './ingest/index.js';
import type { ActionPlan, AgendaEntry, BenchmarkRef, BenchmarkSeries, FileRef, ItemConfig, KpiSet, MeetingConfig, Narrative, Neighbours, OutcomesMap, PackPart, Plan, RecommendationList, ScoredItemResult, Snapshot, SourceFile, TableRef } from './model/index.js';
import { PDFDocument } from 'pdf-lib';
import { coverBlock, decodeBlock, encodeBlock, finalisePdf, type EarlierPack, type PackSegment, frontSheetBlock, headingTexts, openPdf, PackAssembly, pageOfPages, PrintFailure, type PartBlock, type Printer, type PrintResult } from './print/index.js';
import type { OutputFile } from './publish/index.js';
import { appendixTables, buildPaperView, coverView, packView, locationOf, sourceCellOf, compilePack, compilePaper, formatLongDate, formatMeetingDateTime, loadTemplates, styleCss, tableCsv, tableJson, trendCharts, type PaperView, type Templates } from './render/index.js';
import { changesSince, scoreItem } from './score/index.js';

/** The templates shipped with the package (`templates/` beside `src/` and `dist/`). */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));

export interface Tool {
  name: string;
  version: string;
}

export interface LoadOptions {
  cwd: string;
  /** Let the config name files outside the working directory and its own folder (`--allow-outside`). */
  allowOutside?: boolean | undefined;
  /** Score as at this date instead of the config's `asAt` (`papers build --as-at`). */
  asAt?: string | undefined;
  /** Build only the items marked `toFollow` whose papers now exist, as a supplementary pack. */
  supplement?: boolean | undefined;
  /** Papers not to read (reused from an earlier build because nothing they depend on changed). */
  skipItems?: ReadonlySet<string> | undefined;
  /**
   * Told of each item as soon as it has been read and checked, while the items after it are still being
   * read, so that a build can render and print it meanwhile. Only while no problem has been found in any
   * item: once one is, the build will stop (with every problem, when all the items have been read).
   */
  onItem?: ((item: LoadedItem, context: ItemContext) => void) | undefined;
  /**
   * Benchmarks the last build of this meeting worked out, by `benchmarkKey`: used instead of reading the
   * DfE and neighbour files again while both are byte for byte as they were (what a regeneration after a
   * fix to a paper's own data mostly spends its reading on).
   */
  knownBenchmarks?: KnownBenchmarks | undefined;
}

export interface KnownBenchmarks {
  /** A file's SHA-256. */
  fingerprint: (file: string) => Promise<string>;
  /** What else the series depend on: the tool that worked them out. */
  tool: Tool;
  series: ReadonlyMap<string, BenchmarkSeries>;
}

/** What one benchmark depends on, as one hash: both files' bytes, the authority, the column, the filter and the tool. */
export async function benchmarkKey(b: BenchmarkRef, m: BenchmarkRef['measures'][string], known: Pick<KnownBenchmarks, 'fingerprint' | 'tool'>): Promise<string> {
  return sha256(JSON.stringify({ file: await known.fingerprint(m.path), neighbours: await known.fingerprint(b.neighbours.path), la: b.la, column: m.column, where: m.where ?? {}, tool: known.tool }));
}

/** A benchmark as the manifest keeps it for the next build. */
interface ManifestBenchmark {
  key: string;
  file: string;
  column: string;
  series: BenchmarkSeries;
}

/** What rendering any one item needs from the meeting besides the item itself. */
export type ItemContext = Pick<LoadedMeeting, 'meeting' | 'logo' | 'configSha256' | 'configBytes'>;

/**
 * The meeting as one kind of build sees it. The main build treats a to-follow item as "to follow" even
 * once its paper exists (so rebuilding the main pack never changes it); `--supplement` builds only those.
 */
export function agendaFor(meeting: MeetingConfig, supplement: boolean): MeetingConfig {
  const late = (e: AgendaEntry): boolean => e.kind === 'paper' && e.toFollow;
  const agenda = supplement
    ? meeting.agenda.filter(late)
    : meeting.agenda.map((e): AgendaEntry => (late(e) ? { kind: 'toFollow', number: e.number, title: e.title } : e));
  const items = agenda.flatMap((e) => (e.kind === 'paper' ? [e.item] : []));
  return { ...meeting, agenda, items };
}

export interface BuildOptions extends LoadOptions {
  /** The folder published into (default `output/<meeting>`): it is swapped whole, never left half-written. */
  outDir?: string | undefined;
  /** Build the large-print version (16pt and up), named `…-large-print`. */
  largePrint?: boolean | undefined;
  /** Rebuild this item (`--item 6`) even if nothing it depends on changed; unchanged items are reused. */
  item?: string | undefined;
  templatesDir?: string;
  tool: Tool;
}

export interface LoadedItem {
  item: ItemConfig;
  narrative: Narrative;
  plan: Plan;
  kpis: KpiSet | undefined;
  actions: ActionPlan | undefined;
  outcomes: OutcomesMap | undefined;
  recommendations: RecommendationList | undefined;
  /** Benchmarks by KPI ID. */
  benchmarks: Map<string, BenchmarkSeries>;
  /** The last paper's snapshot (`previous:` in the config), and its file's fingerprint. */
  previous: Snapshot | undefined;
  previousSource?: SourceFile | undefined;
  definitionsSource?: SourceFile | undefined;
}

export interface IncludedPdf {
  bytes: Uint8Array;
  pages: number;
  source: SourceFile;
}

export interface LoadedMeeting {
  meeting: MeetingConfig;
  /** Existing PDFs the agenda includes, by item number. */
  included: Map<string, IncludedPdf>;
  /** `style.logo` as a data: URL, when set. */
  logo: string | undefined;
  configSha256: string;
  configBytes: number;
  items: LoadedItem[];
  warnings: Problem[];
}

/** What checking a meeting's sources found: the loaded meeting when there were no errors. */
export interface MeetingCheck {
  meeting: MeetingConfig | undefined;
  loaded: LoadedMeeting | undefined;
  errors: Problem[];
  warnings: Problem[];
  /** One line per source read, for the validation report. */
  read: { file: string; what: string }[];
}

export interface BuiltPaper {
  item: ItemConfig;
  scored: ScoredItemResult;
  view: PaperView;
  html: string;
  pdf: Uint8Array;
  pages: number;
  files: PaperFiles;
  /** Its block for the pack, as published beside it (src/print/blocks.ts). */
  block?: Uint8Array | undefined;
  /** Its snapshot and its appendices' tables as data (made while Chromium prints it). */
  data: OutputFile[];
  /** Its part of the pack's changes note, when there is a pack (worked out while Chromium prints it). */
  changes?: Promise<string[]> | undefined;
}

/** A paper's data beside its PDF: the snapshot the next paper compares with, and each appendix's table as CSV and JSON. */
function paperDataFiles(files: PaperFiles, scored: ScoredItemResult, view: PaperView): OutputFile[] {
  // What the next paper compares with ("changes since the last paper"): point its `previous:` here.
  const out: OutputFile[] = [{ name: files.snapshot, bytes: Buffer.from(`${JSON.stringify(scored.snapshot, null, 2)}\n`, 'utf8') }];
  for (const t of appendixTables(view)) {
    out.push({ name: `${files.base}.${t.name}.csv`, bytes: Buffer.from(tableCsv(t), 'utf8') });
    out.push({ name: `${files.base}.${t.name}.json`, bytes: Buffer.from(tableJson(t), 'utf8') });
  }
  return out;
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

export const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');
export const ms = (t0: number): string => `${Math.round(performance.now() - t0)} ms`;

function isMissing(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ENOENT';
}

/** Throws PathOutsideProject when `ref` is confined and it, or the file its symlinks lead to, is outside. */
async function confine(ref: FileRef, role: string, effects: Effects): Promise<void> {
  if (!ref.within) return;
  const outside = (found: string): PapersError =>
    new PapersError([problem('PathOutsideProject', { role, found, roots: ref.within! }, { file: ref.namedIn ?? ref.display })]);
  if (!insideAny(ref.path, ref.within)) throw outside(ref.path);
  let real: string;
  try {
    real = await effects.realPath(ref.path);
  } catch {
    return; // missing: opening it says so
  }
  const roots = await Promise.all(ref.within.map((r) => effects.realPath(r).catch(() => r)));
  if (!insideAny(real, roots)) throw outside(`${ref.path} → ${real}`);
}

export async function openSource(ref: FileRef, role: string, effects: Effects): Promise<SourceHandle> {
  await confine(ref, role, effects);
  try {
    return await effects.openSource(ref.path, ref.display);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (isMissing(e) || code === 'EISDIR') throw new PapersError([problem('SourceNotFound', { role }, { file: ref.display })]);
    throw e;
  }
}

async function readSource(ref: FileRef, role: string, effects: Effects): Promise<Buffer> {
  const handle = await openSource(ref, role, effects);
  const chunks: Buffer[] = [];
  for await (const c of handle.open() as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * KPI history kept from a return: the 24 months to the as-at month. Papers use the last 12 months and
 * the same month a year before; older rows are checked but not kept, so memory does not grow with
 * a long history.
 */
export const KPI_HISTORY_MONTHS = 24;
export function keptMonths(asAt: string): { from: string; to: string } {
  const y = Number(asAt.slice(0, 4));
  const m = Number(asAt.slice(5, 7));
  const back = y * 12 + (m - 1) - (KPI_HISTORY_MONTHS - 1);
  return { from: `${Math.floor(back / 12)}-${String((back % 12) + 1).padStart(2, '0')}`, to: asAt.slice(0, 7) };
}

/** `data/sample/tracker.xlsx › SIP Summary`, or just the file for a CSV. */
export const shownSource = (s: { file: string; sheet?: string | undefined }): string => (s.sheet ? `${s.file} › ${s.sheet}` : s.file);

/** Run a step that may report user problems; collect them and carry on with the next step. */
export async function collecting<T>(problems: Problem[], step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (e) {
    if (isPapersError(e)) {
      problems.push(...e.problems);
      return undefined;
    }
    throw e;
  }
}

/** Config → ingest → cross-checks, for every item; every problem in every file, none thrown. */
export async function checkMeeting(configPath: string, options: LoadOptions, effects: Effects): Promise<MeetingCheck> {
  const abs = path.resolve(options.cwd, configPath);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const read: MeetingCheck['read'] = [];
  let configBytes: Buffer;
  try {
    configBytes = await effects.readFile(abs);
  } catch (e) {
    if (isMissing(e)) return { meeting: undefined, loaded: undefined, errors: [problem('ConfigNotFound', { path: configPath })], warnings, read };
    throw e;
  }
  let meeting: MeetingConfig;
  try {
    meeting = parseMeetingConfig(configBytes.toString('utf8'), configPath, options);
  } catch (e) {
    if (isPapersError(e)) return { meeting: undefined, loaded: undefined, errors: e.problems, warnings, read };
    throw e;
  }
  if (options.asAt !== undefined) meeting = { ...meeting, asAt: options.asAt }; // --as-at: everything is read and scored as at that date
  meeting = agendaFor(meeting, options.supplement === true);
  if (options.skipItems && options.skipItems.size > 0) meeting = { ...meeting, items: meeting.items.filter((i) => !options.skipItems!.has(i.number)) };
  if (options.supplement && meeting.items.length === 0) {
    return { meeting, loaded: undefined, errors: [problem('SupplementEmpty', {}, { file: meeting.file.display })], warnings, read };
  }
  const logoRef = meeting.style.logo;
  const logo = logoRef ? await collecting(errors, async () => logoDataUrl(await readSource(logoRef, 'logo (style.logo)', effects), logoRef.display)) : undefined;
  const context: ItemContext = { meeting, logo, configSha256: sha256(configBytes), configBytes: configBytes.length };
  const limits = meeting.limits;
  const dates = { asAt: meeting.asAt, twoDigitYears: meeting.dates.twoDigitYears };
  const items: LoadedItem[] = [];
  const note = (file: string, what: string, t0: number): void => {
    read.push({ file, what });
    effects.log(`read ${file} → ${what} (${ms(t0)})`);
  };
  const included = new Map<string, IncludedPdf>();
  for (const entry of meeting.agenda) {
    if (entry.kind !== 'pdf') continue;
    const pdf = await collecting(errors, async () => {
      const t0 = performance.now();
      const bytes = await readSource(entry.pdf, `PDF for item ${entry.number}`, effects);
      const pages = await pdfPageCount(bytes, entry.pdf.display);
      note(entry.pdf.display, `item ${entry.number}, a PDF of ${pages} page${pages === 1 ? '' : 's'}`, t0);
      return { bytes: new Uint8Array(bytes), pages, source: { file: entry.pdf.display, sha256: sha256(bytes), bytes: bytes.length } };
    });
    if (pdf) included.set(entry.number, pdf);
  }

  // DfE files are parsed once per build, however many measures and items use them; and a benchmark
  // (file, authority, column, filter) is worked out once, however many items show it.
  const files = new Map<string, Promise<StatisticsFile>>();
  const benchmarkSeries = new Map<string, Promise<BenchmarkSeries>>();
  const neighbourFiles = new Map<string, Promise<Map<string, Neighbours>>>();
  for (const item of meeting.items) {
    const before = errors.length;
    const narrative = await collecting(errors, async () => {
      const bytes = await readSource(item.narrative, 'narrative (Markdown)', effects);
      return readNarrative(bytes.toString('utf8'), item.narrative.display, sha256(bytes));
    });

    /** Open, read and log one table source; its problems join the rest. */
    const read = <T extends { source: { file: string; sheet?: string | undefined } }>(
      ref: TableRef | undefined,
      role: string,
      reader: (handle: SourceHandle, ref: TableRef) => Promise<T>,
      describe: (r: T) => string,
    ): Promise<T | undefined> =>
      ref
        ? collecting(errors, async () => {
            const t0 = performance.now();
            const r = await reader(await openSource(ref, role, effects), ref);
            note(shownSource(r.source), describe(r), t0);
            return r;
          })
        : Promise.resolve(undefined);

    const tracker = await read(
      item.tracker,
      'project tracker',
      (h, ref) =>
        readTracker(h, { sheet: ref.sheet, columns: ref.columns, colours: item.tracker.colours, asAt: meeting.asAt, limits, criteria: meeting.rules.projects.criteria, synonyms: meeting.rules.projects.synonyms }).then((r) => ({ ...r, source: r.plan.source })),
      ({ plan: p }) => `${p.workstreams.reduce((a, w) => a + w.projects.length, 0)} projects in ${p.workstreams.length} workstreams`,
    );
    if (tracker) warnings.push(...tracker.warnings);
    const plan = tracker?.plan;
    const definitions = await read(item.kpiDefinitions, 'KPI definitions', (h, ref) => readKpiDefinitions(h, { sheet: ref.sheet, columns: ref.columns, limits }), (r) => `${r.definitions.size} measure definitions`);
    const kpis = await read(
      item.kpis,
      'KPI return',
      (h, ref) => readKpis(h, { sheet: ref.sheet, columns: ref.columns, limits, definitions: definitions?.definitions, keep: keptMonths(meeting.asAt) }),
      (set) => `${set.kpis.length} measures, ${set.kpis.reduce((a, k) => a + k.values.length, 0)} values`,
    );
    const actions = await read(item.actions, 'action plan', (h, ref) => readActionPlan(h, { sheet: ref.sheet, columns: ref.columns, colours: item.tracker.colours, limits, synonyms: meeting.rules.projects.synonyms, ...dates }), (r) => `${r.actions.length} actions`);
    const outcomes = await read(item.outcomes, 'outcomes map', (h, ref) => readOutcomesMap(h, { sheet: ref.sheet, columns: ref.columns, limits }), (r) => `${r.outcomes.length} outcomes`);
    const recommendations = await read(item.recommendations, 'recommendations list', (h, ref) => readRecommendations(h, { sheet: ref.sheet, columns: ref.columns, limits }), (r) => `${r.recommendations.length} recommendations`);

    const benchmarks = new Map<string, BenchmarkSeries>();
    if (item.benchmarks) {
      const b = item.benchmarks;
      const describe = (id: string, m: { column: string }, series: BenchmarkSeries): string => {
        const last = series.years[series.years.length - 1];
        return `${id} benchmark ${m.column}, ${series.years.length} years to ${last?.label ?? '–'}, ${series.la.name} and ${last?.neighbours.of ?? 0} neighbours`;
      };
      // Worked out by the last build from these very files: not read again.
      const known = new Map<string, BenchmarkSeries>();
      const memory = options.knownBenchmarks;
      if (memory) {
        for (const [id, m] of Object.entries(b.measures)) {
          const series = memory.series.get(await benchmarkKey(b, m, memory));
          if (series) known.set(id, series);
        }
      }
      let neighbours: Map<string, Neighbours> | undefined;
      if (Object.keys(b.measures).some((id) => !known.has(id))) {
        let neighboursRead = neighbourFiles.get(b.neighbours.path);
        if (!neighboursRead) neighbourFiles.set(b.neighbours.path, (neighboursRead = openSource(b.neighbours, 'statistical-neighbour file', effects).then(readNeighbours)));
        neighbours = await collecting(errors, () => neighboursRead!);
      }
      for (const [id, m] of Object.entries(b.measures)) {
        const t0 = performance.now();
        const kept = known.get(id);
        if (kept) {
          benchmarks.set(id, kept);
          note(m.display, `${describe(id, m, kept)}, as the last build worked it out (the file is unchanged)`, t0);
          continue;
        }
        if (!neighbours) continue; // the neighbour file's problem is already among the errors
        const withNeighbours = neighbours;
        await collecting(errors, async () => {
          const key = JSON.stringify([m.path, b.neighbours.path, b.la, m.column, m.where ?? {}]);
          let worked = benchmarkSeries.get(key);
          if (!worked) {
            // Only the rows of the council and its neighbours are kept (national and regional rows always).
            const authorities = new Set([b.la, ...(withNeighbours.get(b.la)?.neighbours ?? [])]);
            const statsKey = JSON.stringify([m.path, [...authorities]]);
            let stats = files.get(statsKey);
            if (!stats) files.set(statsKey, (stats = openSource(m, 'DfE statistics file', effects).then((h) => readStatistics(h, { authorities }))));
            benchmarkSeries.set(key, (worked = stats.then((st) => readBenchmark(st, { la: b.la, column: m.column, where: m.where }, withNeighbours))));
          }
          const series = await worked;
          benchmarks.set(id, series);
          note(m.display, describe(id, m, series), t0);
        });
      }
    }

    const previousRef = item.previous;
    const previous = previousRef
      ? await collecting(errors, async () => {
          const t0 = performance.now();
          const bytes = await readSource(previousRef, 'previous snapshot', effects);
          const snapshot = readSnapshot(bytes, previousRef.display);
          note(previousRef.display, `snapshot of item ${snapshot.item} as at ${snapshot.asAt}`, t0);
          return { snapshot, source: { file: previousRef.display, sha256: sha256(bytes), bytes: bytes.length } };
        })
      : undefined;

    const definitionsSource = definitions?.source;
    if (errors.length === before && narrative && plan) {
      errors.push(...crossCheck(item, { kpis, actions, outcomes, recommendations }));
      const loaded: LoadedItem = { item, narrative, plan, kpis, actions, outcomes, recommendations, benchmarks, previous: previous?.snapshot, previousSource: previous?.source, definitionsSource };
      items.push(loaded);
      if (errors.length === 0) options.onItem?.(loaded, context);
    }
  }
  if (errors.length > 0) {
    // A file two items share (a DfE file) reports its problems once.
    const unique = [...new Map(errors.map((e) => [formatProblem(e), e])).values()];
    return { meeting, loaded: undefined, errors: unique, warnings, read };
  }
  return { meeting, loaded: { ...context, included, items, warnings }, errors, warnings, read };
}

/** A paper reused from the last build: its pages and files, as the manifest recorded them. */
export interface ReusedPaper {
  number: string;
  key: string;
  pages: number;
  files: { file: string; sha256: string }[];
}

interface ManifestItem {
  number: string;
  key: string;
  pages: number;
  files: { file: string; sha256: string }[];
}

/**
 * One of the pack's own pages (the front sheet, `front`, or an included PDF's cover, `item4`) as a block,
 * published beside the pack: `key` says what it was printed from (its HTML, the tool, the browser).
 */
interface ManifestPackPage {
  part: string;
  key: string;
  file: string;
  sha256: string;
}

/**
 * The pack as the manifest records it: its file, and where each of its parts' objects are in it (what the
 * next build's pack copies where the same block lands in the same place; `offsets` space-separated).
 */
interface ManifestPack {
  file: string;
  sha256: string;
  segments: { key: string; offset: number; length: number; offsets: string }[];
}

/** Every file a paper is made from (besides the config and templates). */
function itemInputFiles(meeting: MeetingConfig, item: ItemConfig): FileRef[] {
  const refs: (FileRef | undefined)[] = [item.narrative, item.tracker, item.kpiDefinitions, item.kpis, item.actions, item.outcomes, item.recommendations, item.previous, meeting.style.logo];
  if (item.benchmarks) refs.push(item.benchmarks.neighbours, ...Object.values(item.benchmarks.measures));
  return refs.filter((r): r is FileRef => r !== undefined);
}

async function fileSha(file: string, effects: Effects): Promise<string> {
  try {
    return sha256(await effects.readFile(file));
  } catch {
    return 'missing';
  }
}

/** Input files' fingerprints, each file hashed once per build however many papers it goes into (the DfE files go into most). */
type InputShas = Map<string, Promise<string>>;

function inputSha(file: string, effects: Effects, shas: InputShas): Promise<string> {
  let sha = shas.get(file);
  if (!sha) shas.set(file, (sha = fileSha(file, effects)));
  return sha;
}

/** What a paper depends on, as one hash: tool, as-at date, config, templates and every input's bytes. */
async function itemKey(meeting: MeetingConfig, item: ItemConfig, configSha: string, templates: Templates, tool: Tool, effects: Effects, shas: InputShas): Promise<string> {
  const templateSha = sha256(JSON.stringify([templates.paper, templates.pack, templates.css, Object.entries(templates.partials).sort()]));
  const inputs: string[] = [];
  for (const ref of itemInputFiles(meeting, item)) inputs.push(`${ref.display}:${await inputSha(ref.path, effects, shas)}`);
  return sha256(JSON.stringify({ tool, asAt: meeting.asAt, configSha, templateSha, inputs }));
}

/**
 * What the last build in `outDir` left that this one can use: the papers that can be reused as they are
 * (the manifest there records each paper's key, and its files are still there with the bytes it
 * recorded; `--item N` is never reused), and the benchmarks it worked out, by `benchmarkKey`.
 */
async function lastBuild(
  configPath: string,
  options: BuildOptions,
  templates: Templates,
  outDir: string,
  effects: Effects,
  shas: InputShas,
): Promise<{ reuse: Map<string, ReusedPaper>; benchmarks: Map<string, BenchmarkSeries>; pages: Map<string, number>; packPages: ManifestPackPage[]; pack?: ManifestPack }> {
  const reuse = new Map<string, ReusedPaper>();
  const pages = new Map<string, number>(); // each paper's page count, as the last build printed it
  let meeting: MeetingConfig;
  let configBytes: Buffer;
  try {
    configBytes = await effects.readFile(path.resolve(options.cwd, configPath));
    meeting = parseMeetingConfig(configBytes.toString('utf8'), configPath, options);
  } catch {
    return { reuse, benchmarks: new Map(), pages, packPages: [] }; // the build itself will say what is wrong
  }
  if (options.asAt !== undefined) meeting = { ...meeting, asAt: options.asAt };
  meeting = agendaFor(meeting, false);
  let previous: { tool?: Tool; items?: ManifestItem[]; benchmarks?: ManifestBenchmark[]; packPages?: ManifestPackPage[]; pack?: ManifestPack };
  try {
    previous = JSON.parse((await effects.readFile(path.join(outDir, manifestFileName(meeting)))).toString('utf8')) as typeof previous;
  } catch {
    return { reuse, benchmarks: new Map(), pages, packPages: [] }; // no earlier build here
  }
  const benchmarks = new Map<string, BenchmarkSeries>();
  for (const b of Array.isArray(previous.benchmarks) ? previous.benchmarks : []) {
    if (typeof b?.key === 'string' && Array.isArray(b.series?.years)) benchmarks.set(b.key, b.series);
  }
  const configSha = sha256(configBytes);
  for (const item of meeting.items) {
    const before = previous.items?.find((i) => i.number === item.number);
    if (typeof before?.pages === 'number') pages.set(item.number, before.pages);
    if (options.item !== undefined && options.item === item.number) continue;
    const key = await itemKey(meeting, item, configSha, templates, options.tool, effects, shas);
    if (!before || before.key !== key) continue;
    const intact = await Promise.all(before.files.map(async (f) => (await fileSha(path.join(outDir, f.file), effects)) === f.sha256));
    if (!intact.every(Boolean)) continue;
    reuse.set(item.number, { number: item.number, key: before.key, pages: before.pages, files: before.files });
  }
  // The pack's own pages as published (checked against their hashes when they are used).
  const packPages = (Array.isArray(previous.packPages) ? previous.packPages : []).filter((p) => ['part', 'key', 'file', 'sha256'].every((k) => typeof p?.[k as keyof ManifestPackPage] === 'string'));
  // The pack it wrote, when the same tool wrote it (the file is checked against its hash when it is read).
  const p = previous.pack;
  const samePack = JSON.stringify(previous.tool) === JSON.stringify(options.tool) && typeof p?.file === 'string' && typeof p.sha256 === 'string' && Array.isArray(p.segments);
  return { reuse, benchmarks, pages, packPages, ...(samePack ? { pack: p } : {}) };
}

/** The pack the last build here wrote, when its bytes are as its manifest recorded them. */
async function earlierPack(recorded: ManifestPack | undefined, outDir: string, effects: Effects): Promise<EarlierPack | undefined> {
  if (!recorded) return undefined;
  const bytes = await effects.readFile(path.join(outDir, recorded.file)).catch(() => undefined);
  if (!bytes || sha256(bytes) !== recorded.sha256) return undefined;
  const segments = recorded.segments
    .filter((s) => typeof s?.key === 'string' && Number.isInteger(s.offset) && Number.isInteger(s.length) && typeof s.offsets === 'string')
    .map((s) => ({ key: s.key, offset: s.offset, length: s.length, layout: { offsets: s.offsets === '' ? [] : s.offsets.split(' ').map(Number) } }));
  return { bytes, segments };
}

/**
 * "Changes since the published version": which papers were rebuilt, and what moved in them. Each paper's
 * part (`paperChanges`) is worked out while Chromium prints it; the note only puts them together.
 */
function changesNote(meeting: MeetingConfig, parts: readonly string[][], replaces: string, version: number): string {
  const lines = [`# ${meeting.committee}, ${formatLongDate(meeting.start)}: agenda pack version ${version}`, '', `This version replaces ${replaces}, which is left as it was published.`, ''];
  for (const part of parts) lines.push(...part);
  return `${lines.join('\n')}\n`;
}

/** One rebuilt paper's part of the changes note: what moved since the snapshot of it published in `outDir`. */
async function paperChanges(item: ItemConfig, scored: ScoredItemResult, files: PaperFiles, outDir: string, effects: Effects): Promise<string[]> {
  const lines = [`## Item ${item.number}: ${item.title}`, ''];
  let before: Snapshot | undefined;
  try {
    before = readSnapshot(await effects.readFile(path.join(outDir, files.snapshot)), files.snapshot);
  } catch {
    before = undefined;
  }
  if (!before) return [...lines, '- Rebuilt; no earlier snapshot of it to compare with.', ''];
  const c = changesSince(before, scored.snapshot);
  const moved = c.moved.map((m) => `- ${m.kind} ${m.id} ${m.title}: ${m.from} → ${m.to}`);
  const values = c.values.map((v) => `- KPI ${v.id} ${v.title}: ${v.from.value ?? '–'} (${v.from.period ?? '–'}) → ${v.to.value ?? '–'} (${v.to.period ?? '–'})`);
  const added = c.added.map((a) => `- new ${a.kind} ${a.id} ${a.title}`);
  const closed = c.closed.map((a) => `- no longer reported: ${a.kind} ${a.id} ${a.title}`);
  const all = [...moved, ...values, ...added, ...closed];
  return [...lines, ...(all.length > 0 ? all : ['- Rebuilt; no rating or KPI value moved.']), ''];
}

/**
 * The name a rebuilt pack is published under: its own name the first time or when unchanged, else the
 * next free `-vN` beside the versions already published (never overwriting one).
 */
function packVersion(name: string, bytes: Uint8Array, published: readonly string[]): { name: string; version: number; replaces: string | undefined } {
  const versioned = (v: number): string => versionName(name, v);
  const digest = sha256(bytes);
  const same = published.indexOf(digest);
  if (same >= 0) return { name: versioned(same + 1), version: same + 1, replaces: undefined };
  const v = published.length + 1;
  return { name: versioned(v), version: v, replaces: v > 1 ? versioned(v - 1) : undefined };
}

/** `…-pack.pdf` for version 1, `…-pack-v2.pdf` for version 2, …. */
const versionName = (name: string, v: number): string => (v === 1 ? name : name.replace(/\.pdf$/, `-v${v}.pdf`));

/** The SHA-256 of each version of the pack published in `outDir`, v1 first (read while Chromium prints). */
async function publishedVersions(outDir: string, name: string, effects: Effects): Promise<string[]> {
  const shas: string[] = [];
  for (let v = 1; ; v++) {
    const sha = await fileSha(path.join(outDir, versionName(name, v)), effects);
    if (sha === 'missing') return shas;
    shas.push(sha);
  }
}

/** The pack's own pages (front sheet; a cover per included PDF) as HTML, laid out on the items' page counts. */
function packPages(
  meeting: MeetingConfig,
  loaded: Pick<LoadedMeeting, 'included' | 'logo'>,
  pagesOf: (number: string) => number,
  render: (view: object) => string,
  supplement: boolean,
): { html: string; covers: string[]; coverItems: string[]; parts: PackPart[]; layout: ReturnType<typeof layoutPack> } {
  const parts: PackPart[] = meeting.agenda.map((entry) => {
    if (entry.kind === 'paper') return { entry, pages: pagesOf(entry.number) };
    if (entry.kind === 'pdf') {
      const inc = loaded.included.get(entry.number)!;
      return { entry, pages: 1 + inc.pages, includedPages: inc.pages };
    }
    return { entry, pages: 0 };
  });
  const style = { styleCss: styleCss(meeting.style), logo: loaded.logo ? { src: loaded.logo, alt: `${meeting.council} logo` } : undefined, supplement };
  const layout = layoutPack(parts, meeting.pack.blankPages);
  const html = render(packView(meeting, parts, layout, style));
  const covered = parts.filter((part) => part.entry.kind === 'pdf');
  const covers = covered.map((part) => render(coverView(meeting, part, style)));
  return { html, covers, coverItems: covered.map((part) => part.entry.number), parts, layout };
}

/** One of the pack's own pages as a block: as the last build here published it, or printed now (then `file` is to publish). */
interface PackPage {
  block: PartBlock;
  published: ManifestPackPage;
  file?: OutputFile;
}

/** The pack's own pages, printing: the front sheet, then the covers, in one browser, in that order. */
interface PackPrinting {
  html: string;
  covers: string[];
  front: Promise<PackPage>;
  printedCovers: Promise<PackPage>[];
}

/** How the pack's own pages are had: printed, unless the last build here published the very same page (`last`). */
interface PackPageSource {
  printer: Printer;
  tool: Tool;
  /** The pack's file name (its pages' blocks are named after it). */
  pack: string;
  last: readonly ManifestPackPage[];
  outDir: string;
  effects: Effects;
}

/** The pack's own pages as already printing (`printing`) when they are these pages, else printed now. */
function packPagesPrinting(source: PackPageSource, pages: { html: string; covers: string[]; coverItems: string[] }, printing: PackPrinting | undefined): PackPrinting {
  const same = printing !== undefined && printing.html === pages.html && printing.covers.length === pages.covers.length && printing.covers.every((c, i) => c === pages.covers[i]);
  return same ? printing : printPackPages(source, pages);
}

function printPackPages(source: PackPageSource, pages: { html: string; covers: string[]; coverItems: string[] }): PackPrinting {
  const front = packPage(source, 'front', pages.html);
  const printedCovers = pages.covers.map((c, i) => packPage(source, `item${pages.coverItems[i]!}`, c));
  for (const p of [front, ...printedCovers]) p.catch(() => undefined); // awaited (and any error thrown) by buildPack
  return { html: pages.html, covers: pages.covers, front, printedCovers };
}

/**
 * One of the pack's own pages (`part`: `front`, or `item4` for item 4's cover) from its HTML. A data fix
 * seldom moves a page range, so the front sheet is usually the one the last build printed: then its block
 * is read back (≈ 0.5 s of Chromium's time saved, a cold renderer loading four scripts' fonts), provided
 * it was printed from the same HTML by the same tool and browser and its bytes are as published.
 */
function packPage(source: PackPageSource, part: string, html: string): Promise<PackPage> {
  const { printer, tool, pack, last, outDir, effects } = source;
  const key = sha256(JSON.stringify({ tool, browser: printer.version, part, html }));
  const file = packPageFileName(pack, part);
  const print = async (): Promise<PackPage> => {
    const doc = await openPdf((await printer.print(html)).pdf);
    const block = part === 'front' ? frontSheetBlock(doc) : coverBlock(doc, part.slice('item'.length));
    const bytes = encodeBlock(block);
    return { block, published: { part, key, file, sha256: sha256(bytes) }, file: { name: file, bytes } };
  };
  const published = last.find((p) => p.part === part && p.key === key && p.file === file);
  if (!published) return print(); // sent to Chromium now, in the order asked for
  return (async () => {
    const bytes = await effects.readFile(path.join(outDir, file)).catch(() => undefined);
    const block = bytes && sha256(bytes) === published.sha256 ? decodeBlock(bytes) : undefined;
    if (block?.key !== part) return print();
    effects.log(`reuse ${part === 'front' ? 'the front sheet' : `the cover of item ${part.slice('item'.length)}`}: the very page the last build here printed`);
    return { block, published };
  })();
}

/**
 * The agenda pack: lay the items out from their page counts (each from an odd page), print the front
 * sheet with the page ranges that layout gives (and a cover for each included PDF), then join the front
 * sheet and every item's own PDF — tags, bookmarks and all — and number the pages. Nothing of a paper
 * is printed again: the pack is the papers' own printed pages, checked against the layout.
 */
async function buildPack(
  meeting: MeetingConfig,
  loaded: LoadedMeeting,
  papers: readonly BuiltPaper[],
  reuse: ReadonlyMap<string, ReusedPaper>,
  assembly: PackAssembly,
  templates: Templates,
  source: PackPageSource,
  options: BuildOptions,
  effects: Effects,
  /** The page-number font's bytes (the same bytes the papers were numbered with: parsed once). */
  font: Uint8Array,
  /** The pack's pages, printing since the last paper's page count was known (used when they are the same pages). */
  early: PackPrinting | undefined,
  /** The pack the last build here wrote, whose parts are copied from it where they land the same. */
  earlier: Promise<EarlierPack | undefined>,
): Promise<{ name: string; pdf: Uint8Array; pages: number; html: string; covers: string[]; ownPages: PackPage[]; segments: PackSegment[] }> {
  const t0 = performance.now();
  const pagesOf = (number: string): number => papers.find((p) => p.item.number === number)?.pages ?? reuse.get(number)!.pages;
  const supplement = options.supplement === true;
  const own = packPages(meeting, loaded, pagesOf, compilePack(templates), supplement);
  const { html, covers, parts, layout } = own;
  const printing = packPagesPrinting(source, own, early);

  const identity = [sha256(html)];
  for (const part of parts) {
    const { entry } = part;
    if (entry.kind === 'paper') {
      const built = papers.find((p) => p.item.number === entry.number);
      identity.push(built ? sha256(built.pdf) : reuse.get(entry.number)!.files.find((f) => f.file.endsWith('.pdf'))!.sha256);
    }
  }
  const front = await printing.front;
  const ownPages = [front];
  const tFront = performance.now();
  let c = 0;
  for (const part of parts) {
    const { entry } = part;
    if (entry.kind !== 'pdf') continue;
    const coverHtml = covers[c]!;
    const cover = await printing.printedCovers[c++]!;
    if (cover.block.pages !== 1) throw new Error(`the cover of item ${entry.number} printed ${cover.block.pages} pages where one was laid out`);
    ownPages.push(cover);
    const inc = loaded.included.get(entry.number)!;
    identity.push(sha256(coverHtml), inc.source.sha256);
    assembly.addIncluded(entry.number, { block: cover.block, id: cover.published.sha256 }, await openPdf(inc.bytes), `Item ${entry.number} – ${entry.title}`, inc.source.sha256);
  }
  const tOpen = performance.now();
  const numbers = parts.filter((p) => p.pages > 0).map((p) => p.entry.number);
  const assembled = await assembly.finish({ block: front.block, id: front.published.sha256 }, numbers, meeting.pack.blankPages, font, {
    title: `${supplement ? 'Supplementary agenda pack' : 'Agenda pack'} – ${meeting.committee}, ${formatLongDate(meeting.start)}`,
    author: meeting.council,
    subject: `${meeting.committee}, ${formatMeetingDateTime(meeting.start)}: agenda and papers`,
    keywords: [`agenda pack; ${meeting.committee}`],
    date: meeting.dateOfIssue ?? meeting.asAt,
    lang: 'en-GB',
    creator: `${options.tool.name} ${options.tool.version}`,
    producer: `${options.tool.name} ${options.tool.version} (${source.printer.version}, pdf-lib)`,
    identity: sha256(identity.join('\n')),
    headings: headingTexts(html),
  }, await earlier);
  const laidOut = layout.parts.flatMap((p) => (p.first !== undefined ? [p.first] : []));
  if (JSON.stringify(assembled.itemFirstPages) !== JSON.stringify(laidOut)) {
    throw new Error(`the pack's items start on pages ${assembled.itemFirstPages.join(', ')} where its front sheet says ${laidOut.join(', ')}`);
  }
  const { bytes, pages } = assembled;
  const copied = assembled.copied > 0 ? `; ${assembled.copied} of its parts as the last pack here wrote them` : '';
  effects.log(`assemble pack → ${pages} pages (${assembled.frontPages} front, ${layout.pages} numbered) (${ms(t0)}: front sheet ${Math.round(tFront - t0)}, covers ${Math.round(tOpen - tFront)}, laid out, numbered and saved ${ms(tOpen)}${copied})`);
  return { name: packFileName(meeting, { supplement }), pdf: bytes, pages, html, covers, ownPages, segments: assembled.segments };
}

/**
 * The papers reused from the last build, into the pack: each as the block published beside it (see
 * src/print/blocks.ts), or, where there is none (a build before blocks were published), from its PDF.
 */
async function addReusedPapers(meeting: MeetingConfig, reuse: ReadonlyMap<string, ReusedPaper>, assembly: PackAssembly, outDir: string, effects: Effects): Promise<void> {
  for (const entry of meeting.agenda) {
    const paper = reuse.get(entry.number);
    if (!paper) continue;
    const bookmark = `Item ${entry.number} – ${entry.title}`;
    const part = paper.files.find((f) => f.file.endsWith(PACK_PART));
    const block = part ? decodeBlock(await effects.readFile(path.join(outDir, part.file))) : undefined;
    if (block && block.key === `item${entry.number}`) {
      assembly.addPaperBlock(entry.number, { block, id: part!.sha256 }, bookmark);
      continue;
    }
    const file = paper.files.find((f) => f.file.endsWith('.pdf'))!.file;
    assembly.addPaper(entry.number, await openPdf(await effects.readFile(path.join(outDir, file))), bookmark);
  }
}

/** The font pack page numbers are set in (Debian's fonts-liberation2, installed by setup). */
export const PAGE_NUMBER_FONT = '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf';

/** Pages of an existing PDF, or a clear problem when it cannot be read (not a PDF, damaged, encrypted). */
async function pdfPageCount(bytes: Buffer, display: string): Promise<number> {
  const unreadable = (reason: string): PapersError =>
    new PapersError([problem('SourceUnreadable', { reason, expected: 'a PDF to include in the pack, unprotected' }, { file: display })]);
  if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) throw unreadable('it is not a PDF');
  try {
    const doc = await openPdf(bytes);
    if (doc.isEncrypted) throw unreadable('it is password-protected or encrypted');
    return doc.getPageCount();
  } catch (e) {
    if (isPapersError(e)) throw e;
    throw unreadable(`it is damaged: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

/** A logo file → a data: URL, by what its bytes are (PNG, JPEG or SVG), or a clear problem. */
function logoDataUrl(bytes: Buffer, display: string): string {
  const type = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    ? 'image/png'
    : bytes[0] === 0xff && bytes[1] === 0xd8
      ? 'image/jpeg'
      : /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(bytes.subarray(0, 4096).toString('utf8'))
        ? 'image/svg+xml'
        : undefined;
  if (!type) throw new PapersError([problem('SourceUnreadable', { reason: 'it is not a PNG, JPEG or SVG image', expected: 'a logo as .png, .jpg or .svg' }, { file: display })]);
  return `data:${type};base64,${bytes.toString('base64')}`;
}

/** References between sources: measures and recommendations named in the outcomes map or action plan must exist. */
function crossCheck(
  item: ItemConfig,
  s: { kpis: KpiSet | undefined; actions: ActionPlan | undefined; outcomes: OutcomesMap | undefined; recommendations: RecommendationList | undefined },
): Problem[] {
  const problems: Problem[] = [];
  const recNumbers = s.recommendations ? new Set(s.recommendations.recommendations.map((r) => r.number)) : undefined;
  const recWhere = item.recommendations?.display ?? '';
  if (s.outcomes) {
    const ids = s.kpis ? new Set(s.kpis.kpis.flatMap((k) => [k.id.toLowerCase(), k.name.toLowerCase()])) : undefined;
    for (const o of s.outcomes.outcomes) {
      if (ids) {
        for (const m of o.measures) {
          if (!ids.has(m.text.toLowerCase())) problems.push(problem('UnknownReference', { what: 'measure', found: m.text, where: `${item.kpis!.display} (by ID or name)` }, m.source));
        }
      }
      if (recNumbers) {
        for (const r of o.recommendations) {
          if (!recNumbers.has(r.number)) problems.push(problem('UnknownReference', { what: 'recommendation', found: r.number, where: recWhere }, r.source));
        }
      }
    }
  }
  if (s.actions && recNumbers) {
    for (const a of s.actions.actions) {
      if (a.recommendation !== '' && !recNumbers.has(a.recommendation)) {
        problems.push(problem('UnknownReference', { what: 'recommendation', found: a.recommendation, where: recWhere }, a.source.row));
      }
    }
  }
  return problems;
}

/** Config → ingest, for every item. Throws one PapersError holding every problem found. */
export async function loadMeeting(configPath: string, options: LoadOptions, effects: Effects): Promise<LoadedMeeting> {
  const check = await checkMeeting(configPath, options, effects);
  if (check.errors.length > 0 || !check.loaded) throw new PapersError(check.errors);
  return check.loaded;
}

/** Score one item as at the meeting's as-at date, by the meeting's rules. Pure. */
export function scoreLoadedItem(meeting: MeetingConfig, loaded: LoadedItem): ScoredItemResult {
  const { item, plan, kpis, actions, outcomes, recommendations, benchmarks, previous } = loaded;
  return scoreItem(
    { item: item.number, plan, kpis, actions: actions?.actions, outcomes: outcomes?.outcomes, recommendations: recommendations?.recommendations, benchmarks, previous },
    meeting.asAt,
    meeting.rules,
  );
}

export interface PaperOptions {
  /** The "alternative formats" version: the same paper with body text at 16pt or more. */
  largePrint?: boolean | undefined;
  /** The council's logo as a data: URL. */
  logo?: string | undefined;
  /** The meeting config's fingerprint, cited under the rules it sets. */
  config?: SourceFile | undefined;
}

/** Score one item, draw its charts and build the view its paper template needs. No I/O. */
export async function paperViewOf(meeting: MeetingConfig, loaded: LoadedItem, options: PaperOptions = {}): Promise<{ scored: ScoredItemResult; view: PaperView }> {
  const scored = scoreLoadedItem(meeting, loaded);
  const charts = await trendCharts(scored.kpis, options.largePrint ? { fontSize: 16, width: 300, height: 130 } : {});
  const view = buildPaperView({
    meeting,
    item: loaded.item,
    narrative: loaded.narrative,
    scored,
    sources: {
      plan: loaded.plan.source,
      kpis: loaded.kpis?.source,
      actions: loaded.actions?.source,
      outcomes: loaded.outcomes?.source,
      recommendations: loaded.recommendations?.source,
      previous: loaded.item.previous?.display,
      previousFile: loaded.previousSource,
      config: options.config,
    },
    recommendations: loaded.recommendations?.recommendations ?? [],
    charts,
    largePrint: options.largePrint === true,
    logo: options.logo,
  });
  return { scored, view };
}

/**
 * The folder a meeting is published into when none is given: `output/<meeting>` beside the working
 * directory (a config that cannot be read gets `output`; its build stops before writing anything).
 */
export async function defaultOutDir(configPath: string, options: { cwd: string }, effects: Effects): Promise<string> {
  try {
    const meeting = parseMeetingConfig((await effects.readFile(path.resolve(options.cwd, configPath))).toString('utf8'), configPath, options);
    return path.join('output', meetingBaseName(meeting));
  } catch {
    return 'output';
  }
}

/**
 * Everything: load, score, render, print, publish. Returns what it built and what it warned about.
 * The output folder is locked for the whole build: a second build of it fails with BuildLocked.
 */
export async function buildMeeting(configPath: string, options: BuildOptions, effects: Effects): Promise<BuildResult> {
  const outDir = path.resolve(options.cwd, options.outDir ?? (await defaultOutDir(configPath, options, effects)));
  const lock = await effects.lock(outDir);
  try {
    return await buildMeetingInto(configPath, options, outDir, effects);
  } finally {
    await lock.release();
  }
}

/** Items as they are read: `at(i)` settles with the i-th once it is pushed, or undefined once `end` is called without it. */
function arrivals<T>(): { push: (t: T) => void; end: () => void; at: (i: number) => Promise<T | undefined> } {
  const items: T[] = [];
  const waiting = new Map<number, (t: T | undefined) => void>();
  let ended = false;
  return {
    push: (t) => {
      items.push(t);
      waiting.get(items.length - 1)?.(t);
      waiting.delete(items.length - 1);
    },
    end: () => {
      ended = true;
      for (const [i, w] of waiting) w(items[i]);
      waiting.clear();
    },
    at: (i) => (i < items.length || ended ? Promise.resolve(items[i]) : new Promise((resolve) => waiting.set(i, resolve))),
  };
}

/**
 * What a meeting's `manifest.json` records (README, "What a build produces"): every input and template
 * with its SHA-256, every output, and what the next build here reuses — each paper's key and files, the
 * benchmarks worked out, the pack's own pages and where each part of the pack is.
 */
async function meetingManifest(build: {
  meeting: MeetingConfig;
  loaded: LoadedMeeting;
  options: BuildOptions;
  templates: Templates;
  effects: Effects;
  shas: InputShas;
  knownSeries: ReadonlyMap<string, BenchmarkSeries>;
  papers: readonly BuiltPaper[];
  reuse: ReadonlyMap<string, ReusedPaper>;
  outputs: readonly OutputFile[];
  pack: { name: string; pdf: Uint8Array; pages: number; ownPages: PackPage[]; segments: PackSegment[] } | undefined;
  browser: string;
  timings: ReadonlyMap<string, number>;
  warnings: readonly Problem[];
  started: number;
}): Promise<object> {
  const { meeting, loaded, options, templates, effects, shas, knownSeries, papers, reuse, outputs, pack, browser, timings, warnings, started } = build;
  const fingerprinting = { fingerprint: (f: string) => inputSha(f, effects, shas), tool: options.tool }; // what benchmarkKey needs
  const outputSha = new Map(outputs.map((o) => [o.name, sha256(o.bytes)])); // each output hashed once
  // Each paper's key and files, so that the next build can reuse what has not changed.
  const configSha = loaded.configSha256;
  const itemsManifest: ManifestItem[] = [];
  for (const entry of meeting.agenda) {
    if (entry.kind !== 'paper') continue;
    const reused = reuse.get(entry.number);
    if (reused) {
      itemsManifest.push({ number: reused.number, key: reused.key, pages: reused.pages, files: reused.files });
      continue;
    }
    const built = papers.find((p) => p.item.number === entry.number);
    if (!built) continue;
    const files = outputs.filter((o) => o.name.startsWith(`${built.files.base}.`)).map((o) => ({ file: o.name, sha256: outputSha.get(o.name)! }));
    itemsManifest.push({ number: entry.number, key: await itemKey(meeting, entry.item, configSha, templates, options.tool, effects, shas), pages: built.pages, files });
  }
  // Every benchmark the meeting's papers quote, for the next build to use while its files are unchanged.
  const benchmarksManifest: ManifestBenchmark[] = [];
  for (const entry of meeting.agenda) {
    if (entry.kind !== 'paper') continue;
    const item = entry.item;
    if (!item.benchmarks) continue;
    const built = loaded.items.find((l) => l.item.number === item.number);
    for (const [id, m] of Object.entries(item.benchmarks.measures)) {
      const key = await benchmarkKey(item.benchmarks, m, fingerprinting);
      const series = built ? built.benchmarks.get(id) : knownSeries.get(key);
      if (series && !benchmarksManifest.some((e) => e.key === key)) benchmarksManifest.push({ key, file: m.display, column: m.column, series });
    }
  }
  // Every file read, once each, in the order read.
  const inputs: Pick<SourceFile, 'file' | 'sheet' | 'sha256'>[] = [];
  const seenInput = new Set<string>();
  const input = (s: Pick<SourceFile, 'file' | 'sheet' | 'sha256'> | undefined): void => {
    if (s && !seenInput.has(s.file)) {
      seenInput.add(s.file);
      inputs.push(s);
    }
  };
  for (const it of loaded.items) {
    input(it.narrative.source);
    input(it.plan.source);
    input(it.definitionsSource);
    input(it.kpis?.source);
    input(it.actions?.source);
    input(it.outcomes?.source);
    input(it.recommendations?.source);
    for (const b of it.benchmarks.values()) input(b.source);
    input(it.previousSource);
  }
  for (const inc of loaded.included.values()) input(inc.source);
  return {
    tool: options.tool,
    browser,
    builtAt: effects.now().toISOString(),
    config: { file: meeting.file.display, sha256: loaded.configSha256 },
    templates: Object.fromEntries([['paper.hbs', templates.paper], ['pack.hbs', templates.pack], ['paper.css', templates.css], ...Object.entries(templates.partials).map(([n, t]) => [`partials/${n}.hbs`, t])].map(([n, t]) => [n, sha256(t!)])),
    asAt: meeting.asAt,
    inputs: inputs.map(({ file, sheet, sha256: h }) => ({ file, ...(sheet ? { sheet } : {}), sha256: h })),
    items: itemsManifest,
    reused: [...reuse.keys()],
    benchmarks: benchmarksManifest,
    packPages: pack?.ownPages.map((p) => p.published) ?? [],
    ...(pack ? { pack: { file: pack.name, sha256: outputSha.get(pack.name)!, segments: pack.segments.map(({ key, offset, length, layout }) => ({ key, offset, length, offsets: layout.offsets.join(' ') })) } } : {}),
    outputs: outputs.map((o) => ({
      file: o.name,
      sha256: outputSha.get(o.name)!,
      bytes: o.bytes.length,
      ...(o.name.endsWith('.pdf') ? { pages: pack?.name === o.name ? pack.pages : papers.find((p) => p.files.pdf === o.name)?.pages } : {}),
      ...(timings.has(o.name) ? { ms: timings.get(o.name) } : {}),
    })),
    warnings: warnings.map(formatProblem),
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  };
}

async function buildMeetingInto(configPath: string, options: BuildOptions, outDir: string, effects: Effects): Promise<BuildResult> {
  const started = performance.now();
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES;
  const templates = await loadTemplates(templatesDir, {
    readText: async (f) => (await effects.readFile(f)).toString('utf8'),
    list: (d) => effects.listDir(d),
  });
  // Chromium starts while the sources are read (it runs on the other core); a build stopped before
  // printing (bad data, a template that does not compile) closes it unused.
  const launching = effects.launchPrinter({ onRelaunch: (reason) => effects.log(`Chromium failed (${reason}): relaunched, printing the document again`) });
  launching.catch(() => undefined); // awaited below, after the data's own problems
  let reuse: Map<string, ReusedPaper>;
  let knownSeries: Map<string, BenchmarkSeries>; // benchmarks the last build here worked out, by benchmarkKey
  let lastPages: Map<string, number>; // each paper's page count in the last build here
  let lastPackPages: ManifestPackPage[]; // the pack's own pages as the last build here published them
  let lastPack: ManifestPack | undefined; // the pack the last build here wrote
  let render: ReturnType<typeof compilePaper>;
  const shas: InputShas = new Map();
  const fingerprinting = { fingerprint: (f: string) => inputSha(f, effects, shas), tool: options.tool }; // what benchmarkKey needs
  try {
    // Papers whose inputs, config, templates and tool are all as the last build of this meeting found
    // them are reused, not read, scored or printed again: their files stay byte for byte as published.
    ({ reuse, benchmarks: knownSeries, pages: lastPages, packPages: lastPackPages, pack: lastPack } =
      options.largePrint || options.supplement
        ? { reuse: new Map<string, ReusedPaper>(), benchmarks: new Map<string, BenchmarkSeries>(), pages: new Map<string, number>(), packPages: [] }
        : await lastBuild(configPath, options, templates, outDir, effects, shas));
    render = compilePaper(templates);
  } catch (e) {
    await (await launching.catch(() => undefined))?.close();
    throw e;
  }
  for (const number of reuse.keys()) effects.log(`reuse item ${number}: nothing it depends on has changed`);

  // Each item is rendered and printed as soon as it has been read, while the items after it are read
  // (Node reads, Chromium prints, on the two cores). Any problem in any item still stops the build
  // before anything is published, with every problem found, once all the items have been read.
  const arrived = arrivals<{ loadedItem: LoadedItem; context: ItemContext }>();
  const loading = loadMeeting(
    configPath,
    { ...options, skipItems: new Set(reuse.keys()), knownBenchmarks: { ...fingerprinting, series: knownSeries }, onItem: (loadedItem, context) => arrived.push({ loadedItem, context }) },
    effects,
  );
  loading.then(arrived.end, arrived.end);
  let meeting: MeetingConfig | undefined; // the meeting as read, once its first item (or all of it) has been
  const printWarnings: Problem[] = [];

  type Rendered = { meeting: MeetingConfig; item: ItemConfig; scored: ScoredItemResult; view: PaperView; html: string };
  const renderItem = async ({ loadedItem, context }: { loadedItem: LoadedItem; context: ItemContext }): Promise<Rendered> => {
    const { item } = loadedItem;
    const t0 = performance.now();
    const config = { file: context.meeting.file.display, sha256: context.configSha256, bytes: context.configBytes };
    const { scored, view } = await paperViewOf(context.meeting, loadedItem, { largePrint: options.largePrint, logo: context.logo, config });
    const html = render(view);
    effects.log(`render item ${item.number} → ${Math.round(html.length / 1024)} KB of HTML (${ms(t0)})`);
    return { meeting: context.meeting, item, scored, view, html };
  };
  // Papers are rendered one ahead of printing: while Chromium prints paper i, Node draws the charts
  // and renders paper i + 1 (the two share nothing, and there are two cores). Undefined: no more items
  // (or a problem in one, thrown by `loading`).
  const rendering: Promise<Rendered | undefined>[] = [];
  const rendered = (i: number): Promise<Rendered | undefined> => (rendering[i] ??= arrived.at(i).then((a) => (a ? renderItem(a) : undefined)));
  void rendered(0).catch(() => undefined); // started now; awaited (and any error thrown) below

  // Bad data is reported before a browser that would not start.
  const printer: Printer = await launching.catch(async (e: unknown) => {
    await loading;
    throw e;
  });
  const packWanted = !options.largePrint;
  const earlierRead = packWanted ? earlierPack(lastPack, outDir, effects) : Promise.resolve(undefined); // read while the papers print
  earlierRead.catch(() => undefined);
  const packPageSource = (m: MeetingConfig): PackPageSource => ({ printer, tool: options.tool, pack: packFileName(m, { supplement: options.supplement === true }), last: lastPackPages, outDir, effects });
  const assembly = packWanted ? new PackAssembly('en-GB') : undefined;
  const footerFont = await effects.readFile(PAGE_NUMBER_FONT);
  const footerSize = options.largePrint ? 16 : 9;
  const papers: BuiltPaper[] = [];
  let pack: { name: string; pdf: Uint8Array; pages: number; html: string; covers: string[]; ownPages: PackPage[]; segments: PackSegment[] } | undefined;
  let versionsRead: Promise<string[]> | undefined; // the pack's published versions, read while the papers print
  let loaded!: LoadedMeeting;
  const timings = new Map<string, number>(); // output → milliseconds to print it
  const failed: Problem[] = []; // papers Chromium could not print, even with a new browser
  let printed = false; // every paper (and the pack) printed
  let closing: Promise<void> | undefined;
  try {
    // Chromium prints paper i while Node finishes paper i − 1 (page numbers, metadata, save) and renders
    // paper i + 1; the blocks of the papers reused from the last build are read while the first prints.
    type Printing = { r: Rendered; t0: number; printing: Promise<PrintResult>; data?: OutputFile[]; changes?: Promise<string[]> };
    const finish = async (job: Printing, printed: PrintResult, opened?: PDFDocument): Promise<void> => {
      const { r, t0 } = job;
      const meeting = r.meeting;
      for (const url of printed.blocked) {
        // Named after the cell whose content holds the URL, when it is in one; else the paper's narrative.
        const cell = sourceCellOf(r.html, url);
        printWarnings.push(problem('RequestBlocked', { url }, cell ? locationOf(cell) : { file: r.item.narrative.display }));
      }
      const { bytes, pages, doc } = await finalisePdf(opened ?? printed.pdf, {
        title: r.view.documentTitle,
        author: meeting.council,
        subject: `${meeting.committee}, ${r.view.meetingDateTime}, agenda item ${r.item.number}`,
        keywords: [`committee paper; ${meeting.committee}; agenda item ${r.item.number}`],
        date: meeting.dateOfIssue ?? meeting.asAt,
        lang: 'en-GB',
        creator: `${options.tool.name} ${options.tool.version}`,
        producer: `${options.tool.name} ${options.tool.version} (${printer.version}, pdf-lib)`,
        identity: sha256(r.html),
        headings: headingTexts(r.html),
      }, pageOfPages(footerFont, footerSize));
      effects.log(`print item ${r.item.number} → ${pages} pages (${ms(t0)})`);
      const files = paperFileNames(meeting, r.item, { largePrint: options.largePrint === true });
      timings.set(files.pdf, Math.round(performance.now() - t0));
      const built: BuiltPaper = { ...r, pdf: bytes, pages, files, data: job.data ?? paperDataFiles(files, r.scored, r.view), changes: job.changes };
      papers.push(built);
      // Into the pack as published: the block of the document just saved is the block of its bytes (so the
      // same pack when a later build reuses it; print.test.ts holds this), and goes beside it for that build.
      if (assembly) built.block = assembly.addPaper(r.item.number, doc, `Item ${r.item.number} – ${r.item.title}`).encoded;
    };
    let reusedAdded: Promise<void> | undefined; // the reused papers' blocks, read while the first paper prints
    const addReused = (): Promise<void> => (reusedAdded ??= assembly ? addReusedPapers(meeting!, reuse, assembly, outDir, effects) : Promise.resolve());
    /** The printed PDF, or undefined when Chromium failed on it twice (then named in `failed`). */
    const printedOf = async (job: Printing): Promise<PrintResult | undefined> => {
      try {
        return await job.printing;
      } catch (e) {
        if (!(e instanceof PrintFailure)) throw e;
        failed.push(problem('PrintFailed', { document: `item ${job.r.item.number} (${job.r.item.title})`, reason: e.reason }, { file: job.r.item.narrative.display }));
        effects.log(`FAILED to print item ${job.r.item.number}: ${e.reason}`);
        return undefined;
      }
    };
    if (packWanted) {
      void loading.then(
        (l) => {
          versionsRead = publishedVersions(outDir, packFileName(l.meeting, { supplement: options.supplement === true }), effects);
          versionsRead.catch(() => undefined);
        },
        () => undefined,
      );
    }
    let pending: Printing | undefined;
    for (let i = 0; ; i++) {
      const r = await rendered(i);
      if (!r) break;
      meeting = r.meeting;
      const previous = pending ? { job: pending, printed: await printedOf(pending) } : undefined;
      pending = { r, t0: performance.now(), printing: printer.print(r.html) };
      pending.printing.catch(() => undefined); // awaited (and any error thrown) on the next turn or below
      void rendered(i + 1).catch(() => undefined);
      // The paper's data files, and its part of the pack's changes note, are made while Chromium prints it.
      const files = paperFileNames(r.meeting, r.item, { largePrint: options.largePrint === true });
      pending.data = paperDataFiles(files, r.scored, r.view);
      if (packWanted) (pending.changes = paperChanges(r.item, r.scored, files, outDir, effects)).catch(() => undefined);
      if (previous?.printed) await finish(previous.job, previous.printed);
      else if (!previous) await addReused();
    }
    // Every item read, and none with a problem (else this throws them all).
    loaded = await loading;
    meeting = loaded.meeting;
    // When the last build here says how long every paper is, the pack's own pages (front sheet, covers)
    // go to Chromium now, right behind the last paper, on those page counts: printed while Node finishes
    // that paper. They are used if the papers come out as long (a data fix rarely moves a page), else
    // printed again once the page counts are known.
    const guessed =
      packWanted && meeting.items.every((item) => lastPages.has(item.number))
        ? printPackPages(packPageSource(meeting), packPages(meeting, loaded, (n) => lastPages.get(n)!, compilePack(templates), options.supplement === true))
        : undefined;
    let early: PackPrinting | undefined;
    if (pending) {
      const printed = await printedOf(pending);
      if (printed) {
        // The last paper's page count is the last the front sheet waits for: Chromium prints the pack's
        // own pages while Node finishes that paper (buildPack checks they are the pages it lays out).
        const opened = await openPdf(printed.pdf);
        if (packWanted && failed.length === 0) {
          const last = pending.r.item.number;
          const pagesOf = (n: string): number => (n === last ? opened.getPageCount() : (papers.find((p) => p.item.number === n)?.pages ?? reuse.get(n)!.pages));
          early = packPagesPrinting(packPageSource(meeting), packPages(meeting, loaded, pagesOf, compilePack(templates), options.supplement === true), guessed);
        }
        await finish(pending, printed, opened);
      }
    }
    // A pack missing a paper would be a wrong pack: the published one stays until every paper prints.
    if (packWanted && failed.length === 0) {
      const t0 = performance.now();
      // The pack's own pages are printed in the same browser, after the papers: the PDF comes out the same
      // whatever was printed before (see canonicaliseIds), so a pack of reused papers is the same pack.
      await addReused();
      pack = await buildPack(meeting, loaded, papers, reuse, assembly!, templates, packPageSource(meeting), options, effects, footerFont, early ?? guessed, earlierRead);
      timings.set(pack.name, Math.round(performance.now() - t0));
    }
    printed = true;
  } catch (e) {
    // Problems in the data come first, even when something went wrong with a paper printed meanwhile.
    const problems = await loading.then(
      () => undefined,
      (l: unknown) => (isPapersError(l) ? l : undefined),
    );
    throw problems ?? e;
  } finally {
    // The browser closes (≈ 0.2 s) while the outputs are written; a build that stopped waits for it.
    closing = printer.close();
    if (!printed) await closing;
    await loading.catch(() => undefined); // nothing is still being read when the build returns or throws
  }
  try {
    const warnings = [...loaded.warnings, ...printWarnings];

    const outputs: OutputFile[] = [];
    for (const p of papers) {
      outputs.push({ name: p.files.html, bytes: Buffer.from(p.html, 'utf8') });
      outputs.push({ name: p.files.pdf, bytes: p.pdf });
      outputs.push(...p.data);
      if (p.block) outputs.push({ name: p.files.packPart, bytes: p.block });
    }
    // A pack that differs from the one published is a new version beside it, with a note of what changed.
    if (pack) {
      const { name, version, replaces } = packVersion(pack.name, pack.pdf, await (versionsRead ?? publishedVersions(outDir, pack.name, effects)));
      pack = { ...pack, name };
      outputs.push({ name, bytes: pack.pdf });
      // Its own pages' blocks, beside it, for the next build here (those read back from there stay as they are).
      for (const own of pack.ownPages) if (own.file) outputs.push(own.file);
      if (replaces) {
        const parts = await Promise.all(papers.map((p) => p.changes ?? paperChanges(p.item, p.scored, p.files, outDir, effects)));
        const note = changesNote(meeting, parts, replaces, version);
        outputs.push({ name: name.replace(/\.pdf$/, '.changes.md'), bytes: Buffer.from(note, 'utf8') });
        effects.log(`pack → version ${version}, beside ${replaces} (left as published)`);
      }
    }
    const manifest = await meetingManifest({ meeting, loaded, options, templates, effects, shas, knownSeries, papers, reuse, outputs, pack, browser: printer.version, timings, warnings, started });
    outputs.push({ name: manifestFileName(meeting, { largePrint: options.largePrint === true, supplement: options.supplement === true }), bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') });

    const t0 = performance.now();
    const written = await effects.publish(outDir, outputs);
    effects.log(`publish → ${outputs.length} files (${ms(t0)})`);
    return { meeting, papers, pack: pack ? { name: pack.name, html: pack.html, covers: pack.covers, pages: pack.pages } : undefined, outDir, failed, written, warnings, seconds: (performance.now() - started) / 1000 };
  } finally {
    await closing;
  }
}
