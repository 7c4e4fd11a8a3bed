/**
 * A meeting's sources, read: the config, then every item's sources through ingest, the logo and the PDFs
 * the agenda includes — every problem in every file collected before anything is reported.
 *
 * Each item is handed on (`onItem`) as soon as it has been read and checked, while the items after it are
 * still being read, so that a build can score, render and print it meanwhile — but only while no problem
 * has been found in any item: once one is, the build will stop with every problem once all are read.
 */
import { performance } from 'node:perf_hooks';
import { collecting, formatProblem, isPapersError, PapersError, problem, type Problem } from '../errors.js';
import { crossCheck, logoDataUrl, wordTemplateStyles, readSourceBytes, readSources, SharedReads, type ColumnAudit, type KnownBenchmark } from '../ingest/index.js';
import type { BenchmarkSeries, ItemConfig, ItemSources, MeetingConfig, Narrative, SourceFile, Tool } from '../model/index.js';
import { checkIncludedPdf } from '../print/index.js';
import { benchmarkKey, sha256, type Fingerprint } from '../publish/index.js';
import type { Effects } from './effects.js';
import { agendaFor, readMeeting, type MeetingFile, type MeetingOptions } from './meeting.js';

export interface LoadOptions extends MeetingOptions {
  /** Build only the items marked `toFollow` whose papers now exist, as a supplementary pack. */
  supplement?: boolean | undefined;
  /** Papers not to read (reused from an earlier build because nothing they depend on changed). */
  skipItems?: ReadonlySet<string> | undefined;
  /** Told of each item as soon as it has been read and checked, while no item has had a problem. */
  onItem?: ((item: LoadedItem, context: ItemContext) => void) | undefined;
  /**
   * Keep every item read in `LoadedMeeting.items` (default yes). A build hands each on (`onItem`) and keeps
   * only its record, so that a pack of any length is read in the memory of its largest item.
   */
  keepItems?: boolean | undefined;
  /** Benchmarks the last build of this meeting worked out: used while their files are byte for byte as they were. */
  knownBenchmarks?: KnownBenchmarks | undefined;
  /** Read every item, exempt ones too (the confidential copy); else an exempt item is its title alone. */
  confidential?: boolean | undefined;
  /** Items this build has read already (for an earlier copy of the meeting), by number (and whether withheld): a later copy reads none again. */
  reads?: ItemReads | undefined;
}

/** What reading one item's sources gave, kept for the next copy a build makes of the same meeting. */
export type ItemReads = Map<string, { got: Awaited<ReturnType<typeof readSources>>; checked: ReturnType<typeof crossCheck> | undefined }>;

/** Benchmarks worked out before, by `benchmarkKey`, with what the key needs. */
export interface KnownBenchmarks {
  fingerprint: Fingerprint;
  tool: Tool;
  series: ReadonlyMap<string, BenchmarkSeries>;
}

/** One paper's item with its sources read (its narrative always). */
export interface LoadedItem extends ItemSources {
  item: ItemConfig;
  narrative: Narrative;
}

export interface IncludedPdf {
  bytes: Uint8Array;
  pages: number;
  source: SourceFile;
}

/** What the manifest needs of an item read: the files it read, and the benchmarks worked out from them. */
export interface ItemRecord {
  number: string;
  inputs: SourceFile[];
  benchmarks: ReadonlyMap<string, BenchmarkSeries>;
}

export interface LoadedMeeting {
  meeting: MeetingConfig;
  /** Existing PDFs the agenda includes, by item number. */
  included: Map<string, IncludedPdf>;
  /** `style.logo` as a data: URL, when set. */
  logo: string | undefined;
  /** The styles of `style.wordTemplate` (its word/styles.xml), when set. */
  wordStyles: string | undefined;
  configSha256: string;
  configBytes: number;
  /** Every item read, in agenda order (none when `keepItems` was false). */
  items: LoadedItem[];
  /** Every item read, as the manifest records it. */
  records: ItemRecord[];
  warnings: Problem[];
}

/** What rendering any one item needs from the meeting besides the item itself. */
export type ItemContext = Pick<LoadedMeeting, 'meeting' | 'logo' | 'wordStyles' | 'configSha256' | 'configBytes'>;

/** What checking a meeting's sources found: the loaded meeting when there were no errors. */
export interface MeetingCheck {
  meeting: MeetingConfig | undefined;
  loaded: LoadedMeeting | undefined;
  errors: Problem[];
  warnings: Problem[];
  /** One line per source read, for the validation report. */
  read: { file: string; what: string }[];
  /** What each table's columns were read as. */
  audits: ColumnAudit[];
}

/** Config → ingest → cross-checks, for every item; every problem in every file, none thrown. */
export async function checkMeeting(configPath: string, options: LoadOptions, effects: Effects): Promise<MeetingCheck> {
  let file: MeetingFile;
  try {
    file = await readMeeting(configPath, options, effects);
  } catch (e) {
    if (isPapersError(e)) return { meeting: undefined, loaded: undefined, errors: e.problems, warnings: [], read: [], audits: [] };
    throw e;
  }
  return checkItems(file, options, effects);
}

/** Config → ingest, for every item. Throws one PapersError holding every problem found. */
export async function loadMeeting(configPath: string, options: LoadOptions, effects: Effects): Promise<LoadedMeeting> {
  const check = await checkMeeting(configPath, options, effects);
  if (check.errors.length > 0 || !check.loaded) throw new PapersError(check.errors, undefined, check.warnings);
  return check.loaded;
}

/** Every item's sources (the meeting already read), the logo and the included PDFs; every problem, none thrown. */
export async function checkItems(file: MeetingFile, options: LoadOptions, effects: Effects): Promise<MeetingCheck> {
  let meeting = agendaFor(file.meeting, options.supplement === true, options.confidential === true);
  if (options.skipItems && options.skipItems.size > 0) meeting = { ...meeting, items: meeting.items.filter((i) => !options.skipItems!.has(i.number)) };
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const read: MeetingCheck['read'] = [];
  const audits: ColumnAudit[] = [];
  if (options.supplement && meeting.items.length === 0) {
    return { meeting, loaded: undefined, errors: [problem('SupplementEmpty', {}, { file: meeting.file.display })], warnings, read, audits };
  }
  const logoRef = meeting.style.logo;
  const logo = logoRef ? await collecting(errors, async () => logoDataUrl(await readSourceBytes(logoRef, 'logo (style.logo)', effects), logoRef.display)) : undefined;
  const templateRef = meeting.style.wordTemplate;
  const wordStyles = templateRef ? await collecting(errors, async () => wordTemplateStyles(await readSourceBytes(templateRef, 'Word template (style.wordTemplate)', effects), templateRef.display)) : undefined;
  const context: ItemContext = { meeting, logo, wordStyles, configSha256: file.sha256, configBytes: file.bytes };
  const included = await readIncluded(meeting, errors, warnings, read, effects);

  const shared = new SharedReads();
  const memory = options.knownBenchmarks;
  const known: KnownBenchmark | undefined = memory ? async (b, m) => memory.series.get(await benchmarkKey(b, m, memory)) : undefined;
  const readContext = { asAt: meeting.asAt, limits: meeting.limits, twoDigitYears: meeting.dates.twoDigitYears, rules: meeting.rules };
  const items: LoadedItem[] = [];
  const records: ItemRecord[] = [];
  for (const item of meeting.items) {
    // A paper whose exempt appendices a public copy withholds is read again without them: never the confidential reads.
    const key = item.withheld ? `${item.number} without its exempt appendices` : item.number;
    const earlier = options.reads?.get(key);
    const got = earlier?.got ?? (await readSources(item, readContext, shared, effects, known));
    const checked = earlier ? earlier.checked : got.problems.length === 0 && got.sources.narrative ? crossCheck(item, got.sources) : undefined;
    options.reads?.set(key, { got, checked });
    read.push(...got.read);
    audits.push(...got.audits);
    warnings.push(...got.warnings);
    errors.push(...got.problems);
    if (!checked || !got.sources.narrative) continue;
    errors.push(...checked.errors);
    warnings.push(...checked.warnings);
    const loaded: LoadedItem = { ...got.sources, item, narrative: got.sources.narrative };
    if (options.keepItems !== false) items.push(loaded);
    records.push(recordOf(loaded));
    if (errors.length === 0) options.onItem?.(loaded, context);
  }
  if (options.strict) errors.push(...warnings.splice(0)); // --strict: a warning stops the build like an error
  if (errors.length > 0) {
    // A file two items share (a DfE file) reports its problems once.
    return { meeting, loaded: undefined, errors: uniqueProblems(errors), warnings: uniqueProblems(warnings), read, audits: uniqueAudits(audits) };
  }
  return { meeting, loaded: { ...context, included, items, records, warnings }, errors, warnings: uniqueProblems(warnings), read, audits: uniqueAudits(audits) };
}

/** An item read, as the manifest records it: every file it read, and its benchmarks. */
function recordOf(it: LoadedItem): ItemRecord {
  const sources = [it.narrative.source, it.plan?.source, it.definitionsSource, it.kpis?.source, it.actions?.source, it.outcomes?.source, it.recommendations?.source, ...[...it.benchmarks.values()].map((b) => b.source), it.previousSource];
  return { number: it.item.number, inputs: sources.filter((s): s is SourceFile => s !== undefined), benchmarks: it.benchmarks };
}

/** Problems as printed, each once (a file two items share is read, and reported on, for each). */
function uniqueProblems(problems: readonly Problem[]): Problem[] {
  return [...new Map(problems.map((p) => [formatProblem(p), p])).values()];
}

/** One audit per table (file and sheet), however many items read it. */
function uniqueAudits(audits: readonly ColumnAudit[]): ColumnAudit[] {
  return [...new Map(audits.map((a) => [`${a.source.file}\u0000${a.source.sheet ?? ''}`, a])).values()];
}

/** The PDFs the agenda includes as they are, each checked (a PDF, unprotected, readable, not too long) and counted; what cleaning removes is a warning. */
async function readIncluded(meeting: MeetingConfig, errors: Problem[], warnings: Problem[], read: MeetingCheck['read'], effects: Effects): Promise<Map<string, IncludedPdf>> {
  const included = new Map<string, IncludedPdf>();
  for (const entry of meeting.agenda) {
    if (entry.kind !== 'pdf') continue;
    const pdf = await collecting(errors, async () => {
      const t0 = performance.now();
      const bytes = await readSourceBytes(entry.pdf, `PDF for item ${entry.number}`, effects);
      const { pages, removed } = await checkIncludedPdf(bytes, entry.pdf.display, meeting.limits.maxIncludedPages);
      if (removed.length > 0) warnings.push(problem('IncludedPdfCleaned', { removed }, { file: entry.pdf.display }));
      const what = `item ${entry.number}, a PDF of ${pages} page${pages === 1 ? '' : 's'}`;
      read.push({ file: entry.pdf.display, what });
      effects.log(`read ${entry.pdf.display} → ${what} (${Math.round(performance.now() - t0)} ms)`);
      return { bytes: new Uint8Array(bytes), pages, source: { file: entry.pdf.display, sha256: sha256(bytes), bytes: bytes.length } };
    });
    if (pdf) included.set(entry.number, pdf);
  }
  return included;
}
