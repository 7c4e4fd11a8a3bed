/**
 * What a section kind is: each appendix of a paper (RAG summary, KPI scorecard, outcomes, action plan,
 * exceptions, how ratings are calculated) is one file in this folder that says how its view is made from
 * the scored model, which partial (templates/partials/<kind>.hbs) lays it out, its table as data (the CSV
 * and JSON published beside the PDF) and the data extracts it names under "Background papers". Pure.
 *
 * Adding a kind is adding a file here and a line in ./index.ts (docs/ARCHITECTURE.md).
 */
import type { MeetingConfig, Narrative, Recommendation, ScoredItemResult, SectionKind, SourceFile } from '../../model/index.js';
import type { SourceView } from '../cells.js';
import type { TrendChart } from '../charts.js';

/** The item's sources as files, for each appendix's provenance. */
export interface PaperSources {
  plan?: SourceFile | undefined;
  kpis?: SourceFile | undefined;
  actions?: SourceFile | undefined;
  outcomes?: SourceFile | undefined;
  recommendations?: SourceFile | undefined;
  /** The previous snapshot as the config names it, and the file fingerprinted. */
  previous?: string | undefined;
  previousFile?: SourceFile | undefined;
  /** The meeting config, fingerprinted: the rules come from it. */
  config?: SourceFile | undefined;
}

/** Everything a section's view may be made from. */
export interface SectionInput {
  meeting: MeetingConfig;
  narrative: Narrative;
  scored: ScoredItemResult;
  sources: PaperSources;
  /** The recommendations list, when the item has one. */
  recommendations: readonly Recommendation[];
  /** Trend charts by KPI ID (render/charts.ts). */
  charts: ReadonlyMap<string, TrendChart>;
  /** The appendix number of each of this paper's sections, for references between them. */
  numbers: ReadonlyMap<SectionKind, number>;
}

/** What every section's view has: its appendix number, its anchor, its title and its sources. */
export interface AppendixView {
  number: number;
  /** "appendix-3". */
  id: string;
  title: string;
  sources: SourceView[];
}

/** A section's table as data: the same rows the paper prints, each with the cell it came from. */
export interface TableData {
  columns: string[];
  rows: Record<string, string>[];
}

export interface SectionKindDef<V extends AppendixView> {
  kind: SectionKind;
  /** As printed: "Appendix 3 – Outcomes, measures and recommendations". */
  title: string;
  /** Its partial, templates/partials/<partial>.hbs. */
  partial: string;
  view(input: SectionInput, number: number): V;
  /** Its table as data, when it has one. */
  table?(view: V): TableData;
  /** The data extracts it is made from, for "Background papers". */
  background?(input: SectionInput, number: number): string[];
}

/** "Data extract for Appendix 1: data/sample/tracker.xlsx, sheet “SIP Summary”". */
export function extractLine(s: SourceFile, appendix: number): string {
  return `Data extract for Appendix ${appendix}: ${s.file}${s.sheet ? `, sheet “${s.sheet}”` : ''}`;
}

/** The common head of a section's view. */
export function appendix(number: number, title: string): Omit<AppendixView, 'sources'> {
  return { number, id: `appendix-${number}`, title };
}
