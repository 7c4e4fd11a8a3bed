/**
 * One paper, from its item's sources to its files: scored, its charts drawn, its view built and rendered,
 * its data files (snapshot, each appendix's table as CSV and JSON), its document facts for the PDF, and its
 * part of a new pack version's changes note.
 */
import path from 'node:path';
import { appendixFileName, paperFileNames, type PaperFiles } from '../assemble/index.js';
import { readSnapshot } from '../ingest/index.js';
import type { MeetingConfig, ScoredItemResult, SourceFile, Tool } from '../model/index.js';
import { chartPictures, type DocumentFacts } from '../print/index.js';
import type { OutputFile } from '../publish/index.js';
import { appendixTables, buildPaperView, paperChangeLines, chartsIn, paperDocx, tableCsv, tableJson, trendCharts, type PaperView, type TrendChart } from '../render/index.js';
import { changesSince, scoreItem } from '../score/index.js';
import type { Effects } from './effects.js';
import type { LoadedItem } from './load.js';

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

/** Score one item, draw its charts (when it has a KPI scorecard) and build the view its paper template needs. No I/O. */
export async function paperViewOf(meeting: MeetingConfig, loaded: LoadedItem, options: PaperOptions = {}): Promise<{ scored: ScoredItemResult; view: PaperView }> {
  const scored = scoreLoadedItem(meeting, loaded);
  const charts = loaded.item.sections.includes('kpi-scorecard') ? await trendCharts(scored.kpis, options.largePrint ? { fontSize: 16, width: 300, height: 130 } : {}) : new Map<string, TrendChart>();
  const view = buildPaperView({
    meeting,
    item: loaded.item,
    narrative: loaded.narrative,
    scored,
    sources: {
      plan: loaded.plan?.source,
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

/** A paper rendered: what it was made from and its HTML, ready to print. */
export interface RenderedPaper {
  meeting: MeetingConfig;
  item: LoadedItem['item'];
  scored: ScoredItemResult;
  view: PaperView;
  html: string;
  files: PaperFiles;
  /** The Word styles the council gave (the item context's), for its Word copy. */
  wordStyles: string | undefined;
  /** Its Word copy, once started (the standard copy's papers only: see PaperPress). */
  word?: Promise<Uint8Array> | undefined;
}

/** A paper's data beside its PDF: the snapshot the next paper compares with, and each appendix's table as CSV and JSON. */
export function paperDataFiles(files: PaperFiles, scored: ScoredItemResult, view: PaperView): OutputFile[] {
  // What the next paper compares with ("changes since the last paper"): point its `previous:` here.
  const out: OutputFile[] = [{ name: files.snapshot, bytes: Buffer.from(`${JSON.stringify(scored.snapshot, null, 2)}\n`, 'utf8') }];
  for (const t of appendixTables(view)) {
    out.push({ name: appendixFileName(files.base, t.name, 'csv'), bytes: Buffer.from(tableCsv(t), 'utf8') });
    out.push({ name: appendixFileName(files.base, t.name, 'json'), bytes: Buffer.from(tableJson(t), 'utf8') });
  }
  return out;
}

/** What the paper's PDF says it is (title, author, subject, keywords, date, producer). */
export function paperFacts(r: Pick<RenderedPaper, 'meeting' | 'item' | 'view'>, tool: Tool, browser: string): DocumentFacts {
  const { meeting, item, view } = r;
  return {
    title: view.documentTitle,
    author: meeting.council,
    subject: `${meeting.committee}, ${view.meetingDateTime}, agenda item ${item.number}`,
    keywords: [`committee paper; ${meeting.committee}; agenda item ${item.number}`],
    date: meeting.dateOfIssue ?? meeting.asAt,
    tool,
    browser,
  };
}

/** The paper as a Word document (render/word.ts), from the HTML it was printed from; its charts as pictures (print/pictures.ts). */
export async function paperWord(r: Pick<RenderedPaper, 'meeting' | 'item' | 'view' | 'html'>, tool: Tool, styles: string | undefined): Promise<Uint8Array> {
  const facts = paperFacts(r, tool, '');
  const found = chartsIn(r.html);
  const pngs = await chartPictures(found);
  const charts = new Map(found.flatMap((c, i) => (pngs[i] ? [[c.captionId, { png: pngs[i], width: c.width, height: c.height, words: c.words }] as const] : [])));
  return paperDocx({ html: r.html, title: facts.title, subject: facts.subject, author: facts.author, creator: `${tool.name} ${tool.version}`, date: facts.date, charts, styles });
}

/** The file names of a paper of this build (`…-large-print` for the large-print build). */
export const filesOf = (meeting: MeetingConfig, item: LoadedItem['item'], largePrint: boolean | undefined): PaperFiles => paperFileNames(meeting, item, { largePrint: largePrint === true });

/** One rebuilt paper's part of the pack's changes note: what moved since the snapshot of it published in `outDir`. */
export async function paperChanges(r: Pick<RenderedPaper, 'item' | 'scored' | 'files'>, outDir: string, effects: Pick<Effects, 'readFile'>): Promise<string[]> {
  let before;
  try {
    before = readSnapshot(await effects.readFile(path.join(outDir, r.files.snapshot)), r.files.snapshot);
  } catch {
    before = undefined;
  }
  return paperChangeLines(r.item, before ? changesSince(before, r.scored.snapshot) : undefined);
}
