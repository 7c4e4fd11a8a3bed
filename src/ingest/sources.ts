/**
 * One paper's (or one highlight report's) sources, read: the one way `papers build`, `validate` and `run`
 * read what a config names.
 *
 * Policy
 * - Every source is optional; each that is named is opened (confined to the project unless the user said
 *   --allow-outside, symlinks followed), read by its reader, and logged with what it held.
 * - Problems are collected, never thrown: every problem in every source comes back at once.
 * - A DfE statistics file is parsed once per build however many measures and papers use it, and a
 *   benchmark (file, authority, column, filter) is worked out once however many papers show it; a
 *   benchmark the caller already knows (the last build worked it out from these very files) is not read.
 */
import { strFromU8, unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { insideAny } from '../config/paths.js';
import { collecting, PapersError, problem, type Problem } from '../errors.js';
import type { BenchmarkRef, BenchmarkSeries, FileRef, ItemSources, Narrative, Neighbours, Rules, Snapshot, SourceFile, StatusColours, TableRef, TrackerRef } from '../model/index.js';
import { readActionPlan } from './actions.js';
import { readBenchmark, readNeighbours, readStatistics, type StatisticsFile } from './benchmarks.js';
import { readKpiDefinitions } from './kpi-definitions.js';
import { readKpis } from './kpis.js';
import type { Limits } from './limits.js';
import { nearest } from '../model/index.js';
import { readNarrative } from './narrative.js';
import { readOutcomesMap, readRecommendations } from './outcomes.js';
import { readSnapshot } from './snapshot.js';
import type { ColumnAudit } from './table.js';
import type { SourceHandle } from './text.js';
import { readTracker } from './tracker.js';

/** What reading sources does to the outside world. */
export interface SourceEffects {
  /** A source file to stream (and hash) without holding it in memory. */
  openSource(path: string, display: string): Promise<SourceHandle>;
  /** The path with every symbolic link followed (the file must exist). */
  realPath(path: string): Promise<string>;
  /** One line of progress: `read data/sample/tracker.xlsx › SIP Summary → 46 projects in 8 workstreams (85 ms)`. */
  log(line: string): void;
}

/** The sources a paper or report names: each optional. */
export interface SourceRefs {
  narrative?: FileRef | undefined;
  tracker?: TrackerRef | undefined;
  kpiDefinitions?: TableRef | undefined;
  kpis?: TableRef | undefined;
  actions?: (TableRef & { colours: StatusColours | undefined }) | undefined;
  outcomes?: TableRef | undefined;
  recommendations?: TableRef | undefined;
  benchmarks?: BenchmarkRef | undefined;
  previous?: FileRef | undefined;
}

/** What the readers need to know besides the files: the date sources are read as at, the limits and the rules. */
export interface ReadContext {
  asAt: string;
  limits: Limits;
  twoDigitYears: number | undefined;
  rules: Rules;
}

/** A benchmark the caller already has (worked out by the last build from the same files), or undefined. */
export type KnownBenchmark = (b: BenchmarkRef, m: BenchmarkRef['measures'][string]) => Promise<BenchmarkSeries | undefined>;

/** What the sources held, what went wrong, and one line per source read (for the validation report). */
export interface SourcesRead {
  sources: ItemSources;
  problems: Problem[];
  warnings: Problem[];
  read: { file: string; what: string }[];
  /** What each table's columns were read as (the column audit), one per table whose header was found. */
  audits: ColumnAudit[];
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

const ms = (t0: number): string => `${Math.round(performance.now() - t0)} ms`;
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function isMissing(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ENOENT';
}

/** Throws PathOutsideProject when `ref` is confined and it, or the file its symlinks lead to, is outside. */
async function confine(ref: FileRef, role: string, effects: SourceEffects): Promise<void> {
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

/** A file the config names, confined to the project and opened; SourceNotFound when it is not there. */
export async function openSource(ref: FileRef, role: string, effects: Pick<SourceEffects, 'openSource' | 'realPath'>): Promise<SourceHandle> {
  await confine(ref, role, effects as SourceEffects);
  try {
    return await effects.openSource(ref.path, ref.display);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (isMissing(e) || code === 'EISDIR') throw new PapersError([problem('SourceNotFound', { role }, { file: ref.display })]);
    throw e;
  }
}

/** A file the config names, whole. */
export async function readSourceBytes(ref: FileRef, role: string, effects: Pick<SourceEffects, 'openSource' | 'realPath'>): Promise<Buffer> {
  const handle = await openSource(ref, role, effects);
  const chunks: Buffer[] = [];
  for await (const c of handle.open() as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * Files more than one paper reads, read once per build: DfE statistics files (by file and authorities),
 * worked-out benchmarks (by file, authorities, column and filter) and neighbour files. Keep one for a build.
 */
export class SharedReads {
  readonly statistics = new Map<string, Promise<StatisticsFile>>();
  readonly series = new Map<string, Promise<BenchmarkSeries>>();
  readonly neighbours = new Map<string, Promise<Map<string, Neighbours>>>();
}

const counted = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * Where the column audits go: kept, their warnings added to `warnings` as each is given; `later()` gives
 * the warnings a table added once its rows were read (RowsHidden), after its audit was given.
 */
function auditSink(audits: ColumnAudit[], warnings: Problem[]): { audit: (a: ColumnAudit) => void; later: () => Problem[] } {
  const told = new Map<ColumnAudit, number>();
  return {
    audit: (a) => {
      audits.push(a);
      warnings.push(...a.warnings);
      told.set(a, a.warnings.length);
    },
    later: () => audits.flatMap((a) => a.warnings.slice(told.get(a) ?? 0)),
  };
}

/** Read every source `refs` names; every problem in them comes back, none is thrown. */
export async function readSources(refs: SourceRefs, context: ReadContext, shared: SharedReads, effects: SourceEffects, known?: KnownBenchmark): Promise<SourcesRead> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const read: SourcesRead['read'] = [];
  const audits: ColumnAudit[] = [];
  const { audit, later } = auditSink(audits, warnings);
  const note = (file: string, what: string, t0: number): void => {
    read.push({ file, what });
    effects.log(`read ${file} → ${what} (${ms(t0)})`);
  };
  const { asAt, limits, rules } = context;

  const narrative = refs.narrative ? await collecting(problems, () => narrativeOf(refs.narrative!, effects)) : undefined;

  /** Open, read and log one table source; its problems join the rest. */
  const table = <R extends TableRef, T extends { source: { file: string; sheet?: string | undefined } }>(
    ref: R | undefined,
    role: string,
    reader: (handle: SourceHandle, ref: R) => Promise<T>,
    describe: (r: T) => string,
  ): Promise<T | undefined> =>
    ref
      ? collecting(problems, async () => {
          const t0 = performance.now();
          const r = await reader(await openSource(ref, role, effects), ref);
          note(shownSource(r.source), describe(r), t0);
          return r;
        })
      : Promise.resolve(undefined);

  const tracker = await table(
    refs.tracker,
    'project tracker',
    (h, ref) => readTracker(h, { sheet: ref.sheet, sheets: ref.sheets, columns: ref.columns, colours: ref.colours, asAt, limits, audit, criteria: rules.projects.criteria, synonyms: rules.projects.synonyms }).then((r) => ({ ...r, source: r.plan.source })),
    ({ plan: p }) => `${counted(p.workstreams.reduce((a, w) => a + w.projects.length, 0), 'project')} in ${counted(p.workstreams.length, 'workstream')}`,
  );
  if (tracker) warnings.push(...tracker.warnings);
  const definitions = await table(refs.kpiDefinitions, 'KPI definitions', (h, ref) => readKpiDefinitions(h, { sheet: ref.sheet, columns: ref.columns, limits, audit }), (r) => `${r.definitions.size} measure definitions`);
  const kpis = await table(
    refs.kpis,
    'KPI return',
    (h, ref) => readKpis(h, { sheet: ref.sheet, columns: ref.columns, limits, audit, definitions: definitions?.definitions, keep: keptMonths(asAt), synonyms: rules.projects.synonyms }),
    (set) => `${set.kpis.length} measures, ${set.kpis.reduce((a, k) => a + k.values.length, 0)} values`,
  );
  const actionsRead = await table(
    refs.actions,
    'action plan',
    (h, ref) => readActionPlan(h, { sheet: ref.sheet, columns: ref.columns, colours: ref.colours, limits, audit, synonyms: rules.projects.synonyms, asAt, twoDigitYears: context.twoDigitYears }),
    (r) => {
      const lines = r.actions.reduce((n, a) => n + a.lines.length, 0);
      return `${r.actions.length} actions${lines > r.actions.length ? ` in ${lines} lines` : ''}`;
    },
  );
  const actions = actionsRead && { actions: actionsRead.actions, source: actionsRead.source };
  if (actionsRead) warnings.push(...actionsRead.warnings);
  const outcomes = await table(refs.outcomes, 'outcomes map', (h, ref) => readOutcomesMap(h, { sheet: ref.sheet, columns: ref.columns, limits, audit }), (r) => `${r.outcomes.length} outcome${r.outcomes.length === 1 ? '' : 's'}`);
  const recommendations = await table(refs.recommendations, 'recommendations list', (h, ref) => readRecommendations(h, { sheet: ref.sheet, columns: ref.columns, limits, audit }), (r) => `${r.recommendations.length} recommendations`);
  const benchmarks = refs.benchmarks ? await readBenchmarks(refs.benchmarks, shared, problems, note, effects, known) : new Map<string, BenchmarkSeries>();

  const previous = refs.previous ? await collecting(problems, () => previousOf(refs.previous!, note, effects)) : undefined;

  const sources: ItemSources = {
    narrative,
    plan: tracker?.plan,
    kpis,
    definitionsSource: definitions?.source,
    actions,
    outcomes,
    recommendations,
    benchmarks,
    previous: previous?.snapshot,
    previousSource: previous?.source,
  };
  return { sources, problems, warnings: [...warnings, ...later()], read, audits };
}

/** The author's narrative (Markdown with front matter). */
async function narrativeOf(ref: FileRef, effects: SourceEffects): Promise<Narrative> {
  const bytes = await readSourceBytes(ref, 'narrative (Markdown)', effects);
  return readNarrative(bytes.toString('utf8'), ref.display, sha256(bytes));
}

/** The snapshot the last paper's build saved, and its file's fingerprint. */
async function previousOf(ref: FileRef, note: (file: string, what: string, t0: number) => void, effects: SourceEffects): Promise<{ snapshot: Snapshot; source: SourceFile }> {
  const t0 = performance.now();
  const bytes = await readSourceBytes(ref, 'previous snapshot', effects);
  const snapshot = readSnapshot(bytes, ref.display);
  note(ref.display, `snapshot of item ${snapshot.item} as at ${snapshot.asAt}`, t0);
  return { snapshot, source: { file: ref.display, sha256: sha256(bytes), bytes: bytes.length } };
}

/** Each measure's DfE benchmark, in the config's order: known, or worked out from its files (once per build). */
async function readBenchmarks(
  b: BenchmarkRef,
  shared: SharedReads,
  problems: Problem[],
  note: (file: string, what: string, t0: number) => void,
  effects: SourceEffects,
  known: KnownBenchmark | undefined,
): Promise<Map<string, BenchmarkSeries>> {
  const benchmarks = new Map<string, BenchmarkSeries>();
  const describe = (id: string, m: { column: string }, series: BenchmarkSeries): string => {
    const last = series.years[series.years.length - 1];
    return `${id} benchmark ${m.column}, ${series.years.length} years to ${last?.label ?? '–'}, ${series.la.name} and ${last?.neighbours.of ?? 0} neighbours`;
  };
  // Worked out by the last build from these very files: not read again.
  const kept = new Map<string, BenchmarkSeries>();
  if (known) {
    for (const [id, m] of Object.entries(b.measures)) {
      const series = await known(b, m);
      if (series) kept.set(id, series);
    }
  }
  let neighbours: Map<string, Neighbours> | undefined;
  if (Object.keys(b.measures).some((id) => !kept.has(id))) {
    let reading = shared.neighbours.get(b.neighbours.path);
    if (!reading) shared.neighbours.set(b.neighbours.path, (reading = openSource(b.neighbours, 'statistical-neighbour file', effects).then(readNeighbours)));
    neighbours = await collecting(problems, () => reading!);
  }
  for (const [id, m] of Object.entries(b.measures)) {
    const t0 = performance.now();
    const series = kept.get(id);
    if (series) {
      benchmarks.set(id, series);
      note(m.display, `${describe(id, m, series)}, as the last build worked it out (the file is unchanged)`, t0);
      continue;
    }
    if (!neighbours) continue; // the neighbour file's problem is already among the problems
    const withNeighbours = neighbours;
    await collecting(problems, async () => {
      const key = JSON.stringify([m.path, b.neighbours.path, b.la, m.column, m.where ?? {}]);
      let worked = shared.series.get(key);
      if (!worked) {
        // Only the rows of the council and its neighbours are kept (national and regional rows always).
        const authorities = new Set([b.la, ...(withNeighbours.get(b.la)?.neighbours ?? [])]);
        const statsKey = JSON.stringify([m.path, [...authorities]]);
        let stats = shared.statistics.get(statsKey);
        if (!stats) shared.statistics.set(statsKey, (stats = openSource(m, 'DfE statistics file', effects).then((h) => readStatistics(h, { authorities }))));
        shared.series.set(key, (worked = stats.then((st) => readBenchmark(st, { la: b.la, column: m.column, where: m.where }, withNeighbours))));
      }
      const got = await worked;
      benchmarks.set(id, got);
      note(m.display, describe(id, m, got), t0);
    });
  }
  return benchmarks;
}

/**
 * References between sources. A recommendation the outcomes map or action plan names must be in the
 * recommendations list (an error). A measure the map names that no KPI matches, by ID or name, is printed
 * as written with a warning suggesting the nearest measure (the map often names measures in words).
 */
export function crossCheck(refs: Pick<SourceRefs, 'kpis' | 'recommendations'>, s: Pick<ItemSources, 'kpis' | 'actions' | 'outcomes' | 'recommendations'>): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const recNumbers = s.recommendations ? new Set(s.recommendations.recommendations.map((r) => r.number)) : undefined;
  const recWhere = refs.recommendations?.display ?? '';
  if (s.outcomes) {
    const kpis = s.kpis?.kpis;
    const ids = kpis ? new Set(kpis.flatMap((k) => [k.id.toLowerCase(), k.name.toLowerCase()])) : undefined;
    for (const o of s.outcomes.outcomes) {
      if (ids) {
        for (const m of o.measures) {
          if (ids.has(m.text.toLowerCase())) continue;
          const near = nearest(m.text, kpis!.flatMap((k) => [{ text: k.name, label: `${k.id} ${k.name}` }, { text: k.id, label: `${k.id} ${k.name}` }]));
          warnings.push(problem('MeasureNotMatched', { found: m.text, where: refs.kpis!.display, nearest: near ? ` The nearest is “${near}”.` : '' }, m.source));
        }
      }
      if (recNumbers) {
        for (const r of o.recommendations) {
          if (!recNumbers.has(r.number)) errors.push(problem('UnknownReference', { what: 'recommendation', found: r.number, where: recWhere }, r.source));
        }
      }
    }
  }
  if (s.actions && recNumbers) {
    for (const a of s.actions.actions) {
      if (a.recommendation !== '' && !recNumbers.has(a.recommendation)) {
        errors.push(problem('UnknownReference', { what: 'recommendation', found: a.recommendation, where: recWhere }, a.source.row));
      }
    }
  }
  return { errors, warnings };
}

/** A logo file → a data: URL, by what its bytes are (PNG, JPEG or SVG), or a clear problem. */
export function logoDataUrl(bytes: Buffer, display: string): string {
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

/** The styles of a council's Word template (`style.wordTemplate`): its `word/styles.xml`, for the Word copies to use. */
export function wordTemplateStyles(bytes: Buffer, display: string): string {
  const refuse = (reason: string): PapersError => new PapersError([problem('SourceUnreadable', { reason, expected: 'a Word document (.docx) whose styles the Word copies use' }, { file: display })]);
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => f.name === 'word/styles.xml' && f.originalSize <= 16 * 1024 * 1024 });
  } catch {
    throw refuse('it is not a Word document (not a zip file)');
  }
  const styles = parts['word/styles.xml'];
  if (!styles) throw refuse('it holds no styles (word/styles.xml), or they are over 16 MB');
  const xml = strFromU8(styles);
  if (!/<w:styles[\s>]/.test(xml)) throw refuse('its word/styles.xml is not a list of Word styles');
  return xml;
}
