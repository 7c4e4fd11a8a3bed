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
import { manifestFileName, paperFileNames } from './assemble/index.js';
import { parseMeetingConfig, type FileRef, type ItemConfig, type MeetingConfig } from './config/index.js';
import type { Effects } from './effects.js';
import { formatProblem, isPapersError, PapersError, problem, type Problem } from './errors.js';
import { readKpis, readNarrative, readTracker, type Narrative } from './ingest/index.js';
import type { KpiSet, Plan, SourceFile } from './model/index.js';
import { finalisePdf, type Printer } from './print/index.js';
import type { OutputFile } from './publish/index.js';
import { buildPaperView, compilePaper, loadTemplates, type PaperView } from './render/index.js';
import { scorePlan, snapshotKpis, type ScoredPlan } from './score/index.js';

/** The templates shipped with the package (`templates/` beside `src/` and `dist/`). */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));

export interface Tool {
  name: string;
  version: string;
}

export interface LoadOptions {
  cwd: string;
}

export interface BuildOptions extends LoadOptions {
  outDir: string;
  templatesDir?: string;
  tool: Tool;
}

export interface LoadedItem {
  item: ItemConfig;
  narrative: Narrative;
  plan: Plan;
  kpis: KpiSet | undefined;
}

export interface LoadedMeeting {
  meeting: MeetingConfig;
  configSha256: string;
  items: LoadedItem[];
  warnings: Problem[];
}

export interface BuiltPaper {
  item: ItemConfig;
  scored: ScoredPlan;
  view: PaperView;
  html: string;
  pdf: Uint8Array;
  pages: number;
  files: { html: string; pdf: string };
}

export interface BuildResult {
  meeting: MeetingConfig;
  papers: BuiltPaper[];
  written: string[];
  warnings: Problem[];
  seconds: number;
}

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');
const ms = (t0: number): string => `${Math.round(performance.now() - t0)} ms`;

function isMissing(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ENOENT';
}

async function readSource(ref: FileRef, role: string, effects: Effects): Promise<Buffer> {
  try {
    return await effects.readFile(ref.path);
  } catch (e) {
    if (isMissing(e) || (e as { code?: string }).code === 'EISDIR') {
      throw new PapersError([problem('SourceNotFound', { role }, { file: ref.display })]);
    }
    throw e;
  }
}

/** Run a step that may report user problems; collect them and carry on with the next step. */
async function collecting<T>(problems: Problem[], step: () => Promise<T>): Promise<T | undefined> {
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

/** Config → ingest, for every item. Throws one PapersError holding every problem found. */
export async function loadMeeting(configPath: string, options: LoadOptions, effects: Effects): Promise<LoadedMeeting> {
  const abs = path.resolve(options.cwd, configPath);
  let configBytes: Buffer;
  try {
    configBytes = await effects.readFile(abs);
  } catch (e) {
    if (isMissing(e)) throw new PapersError([problem('ConfigNotFound', { path: configPath })]);
    throw e;
  }
  const meeting = parseMeetingConfig(configBytes.toString('utf8'), configPath, options);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const items: LoadedItem[] = [];

  for (const item of meeting.items) {
    const narrative = await collecting(problems, async () => {
      const bytes = await readSource(item.narrative, 'narrative (Markdown)', effects);
      return readNarrative(bytes.toString('utf8'), item.narrative.display, sha256(bytes));
    });

    const plan = await collecting(problems, async () => {
      const t0 = performance.now();
      const bytes = await readSource(item.tracker, 'project tracker workbook', effects);
      const read = await readTracker({ bytes, display: item.tracker.display, sheet: item.tracker.sheet, sha256: sha256(bytes) });
      warnings.push(...read.warnings);
      const n = read.plan.workstreams.reduce((a, w) => a + w.projects.length, 0);
      effects.log(
        `read ${item.tracker.display} › ${read.plan.source.sheet} → ${n} projects in ${read.plan.workstreams.length} workstreams (${ms(t0)})`,
      );
      return read.plan;
    });

    let kpis: KpiSet | undefined;
    if (item.kpis) {
      const ref = item.kpis;
      kpis = await collecting(problems, async () => {
        const t0 = performance.now();
        const bytes = await readSource(ref, 'KPI return (CSV)', effects);
        const set = readKpis({ bytes, display: ref.display, sha256: sha256(bytes) });
        const values = set.kpis.reduce((a, k) => a + k.values.length, 0);
        effects.log(`read ${ref.display} → ${set.kpis.length} measures, ${values} values (${ms(t0)})`);
        return set;
      });
    }
    if (narrative && plan && (kpis || !item.kpis)) items.push({ item, narrative, plan, kpis });
  }
  if (problems.length > 0) throw new PapersError(problems);
  return { meeting, configSha256: sha256(configBytes), items, warnings };
}

/** Score one item as at the meeting's date and build the view its paper template needs. Pure. */
export function paperViewOf(meeting: MeetingConfig, loaded: LoadedItem): { scored: ScoredPlan; view: PaperView } {
  const { item, narrative, plan, kpis } = loaded;
  const scored = scorePlan(plan, meeting.asAt);
  const view = buildPaperView({
    meeting,
    item,
    narrative,
    scored,
    kpis: kpis ? { snapshots: snapshotKpis(kpis, meeting.asAt), source: kpis.source } : undefined,
  });
  return { scored, view };
}

/** Everything: load, score, render, print, publish. Returns what it built and what it warned about. */
export async function buildMeeting(configPath: string, options: BuildOptions, effects: Effects): Promise<BuildResult> {
  const started = performance.now();
  const loaded = await loadMeeting(configPath, options, effects);
  const { meeting } = loaded;
  const warnings = [...loaded.warnings];

  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES;
  const templates = await loadTemplates(templatesDir, {
    readText: async (f) => (await effects.readFile(f)).toString('utf8'),
    list: (d) => effects.listDir(d),
  });
  const render = compilePaper(templates);

  const rendered = loaded.items.map((loadedItem) => {
    const { item } = loadedItem;
    const t0 = performance.now();
    const { scored, view } = paperViewOf(meeting, loadedItem);
    const html = render(view);
    effects.log(`render item ${item.number} → ${Math.round(html.length / 1024)} KB of HTML (${ms(t0)})`);
    return { item, scored, view, html };
  });

  const printer: Printer = await effects.launchPrinter();
  const papers: BuiltPaper[] = [];
  try {
    for (const r of rendered) {
      const t0 = performance.now();
      const printed = await printer.print(r.html);
      for (const url of printed.blocked) {
        warnings.push(problem('RequestBlocked', { url }, { file: r.item.narrative.display }));
      }
      const { bytes, pages } = await finalisePdf(printed.pdf, {
        title: r.view.documentTitle,
        author: meeting.council,
        subject: `${meeting.committee}, ${r.view.meetingDateTime}, agenda item ${r.item.number}`,
        keywords: [`committee paper; ${meeting.committee}; agenda item ${r.item.number}`],
        date: meeting.dateOfIssue ?? meeting.asAt,
        lang: 'en-GB',
        creator: `${options.tool.name} ${options.tool.version}`,
        producer: `${options.tool.name} ${options.tool.version} (${printer.version}, pdf-lib)`,
        identity: sha256(r.html),
      });
      effects.log(`print item ${r.item.number} → ${pages} pages (${ms(t0)})`);
      papers.push({ ...r, pdf: bytes, pages, files: paperFileNames(meeting, r.item) });
    }
  } finally {
    await printer.close();
  }

  const outputs: OutputFile[] = [];
  for (const p of papers) {
    outputs.push({ name: p.files.html, bytes: Buffer.from(p.html, 'utf8') });
    outputs.push({ name: p.files.pdf, bytes: p.pdf });
  }
  const inputs: Pick<SourceFile, 'file' | 'sheet' | 'sha256'>[] = loaded.items.flatMap(({ narrative, plan, kpis }) => [
    narrative.source,
    plan.source,
    ...(kpis ? [kpis.source] : []),
  ]);
  const manifest = {
    tool: options.tool,
    browser: printer.version,
    builtAt: effects.now().toISOString(),
    config: { file: meeting.file.display, sha256: loaded.configSha256 },
    asAt: meeting.asAt,
    inputs: inputs.map(({ file, sheet, sha256: h }) => ({ file, ...(sheet ? { sheet } : {}), sha256: h })),
    outputs: outputs.map((o) => ({
      file: o.name,
      sha256: sha256(o.bytes),
      bytes: o.bytes.length,
      ...(o.name.endsWith('.pdf') ? { pages: papers.find((p) => p.files.pdf === o.name)?.pages } : {}),
    })),
    warnings: warnings.map(formatProblem),
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  };
  outputs.push({ name: manifestFileName(meeting), bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') });

  const written = await effects.publish(path.resolve(options.cwd, options.outDir), outputs);
  return { meeting, papers, written, warnings, seconds: (performance.now() - started) / 1000 };
}
