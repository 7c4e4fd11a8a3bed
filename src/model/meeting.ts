/**
 * A meeting as its config describes it: the committee, date and venue, the agenda (papers built here,
 * included PDFs, standing items, items to follow), each paper's sources, the rules in force and the
 * council's style. Made by config/ from meeting.yaml; read by every stage after it.
 */
import type { Rules } from './rules.js';

/** A file the config names, as the user wrote it and as it resolves. */
export interface FileRef {
  /** Absolute path. */
  path: string;
  /** Relative to the working directory: what messages and provenance show. */
  display: string;
  /** The folders it must be inside (followed through symlinks when opened); absent with --allow-outside. */
  within?: readonly string[] | undefined;
  /** The config file that names it (as shown), for messages. */
  namedIn?: string | undefined;
}

/** A table source: file, optional sheet, extra header aliases. */
export interface TableRef extends FileRef {
  sheet: string | undefined;
  columns: Record<string, string[]> | undefined;
}

/** A tracker: a table, its RAG fill colours, and the sheets to read when it is several (each a workstream). */
export interface TrackerRef extends TableRef {
  colours: StatusColours | undefined;
  sheets?: 'all' | string[] | undefined;
}

export interface BenchmarkRef {
  la: string;
  neighbours: FileRef;
  measures: Record<string, FileRef & { column: string; where: Record<string, string> | undefined }>;
}

/** Fill colours read as ratings, by status (hex, e.g. FF0000), over the defaults (model/colour.ts). */
export type StatusColours = Partial<Record<'red' | 'amber' | 'green' | 'blue' | 'grey', string[]>>;

/**
 * The kinds of section a paper is made of, each an appendix: the RAG summary sheet (from a tracker), the
 * KPI scorecard with its benchmarks (from a KPI return), outcomes → measures → recommendations (from an
 * outcomes map), the action plan, the exceptions, and how ratings are calculated.
 */
export const SECTION_KINDS = ['rag-summary', 'kpi-scorecard', 'outcomes', 'action-plan', 'exceptions', 'rules'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** The sources a paper's sections are made from: an item names at least one. */
export type SectionSource = 'tracker' | 'kpis' | 'actions' | 'outcomes';

/** What each section is made from: any one of these sources. */
export const SECTION_SOURCES: Record<SectionKind, readonly SectionSource[]> = {
  'rag-summary': ['tracker'],
  'kpi-scorecard': ['kpis'],
  outcomes: ['outcomes'],
  'action-plan': ['actions'],
  exceptions: ['tracker', 'kpis', 'actions'],
  rules: ['tracker', 'kpis', 'actions'],
};

/** The sections an item's sources make, in the order papers print them (what `sections:` defaults to). */
export function sectionsFor(has: Readonly<Record<SectionSource, boolean>>): SectionKind[] {
  return SECTION_KINDS.filter((kind) => SECTION_SOURCES[kind].some((s) => has[s]));
}

export interface ItemConfig {
  number: string;
  title: string;
  narrative: FileRef;
  /** The project tracker, when the paper has one. */
  tracker: TrackerRef | undefined;
  kpis: TableRef | undefined;
  kpiDefinitions: TableRef | undefined;
  actions: (TableRef & { colours: StatusColours | undefined }) | undefined;
  outcomes: TableRef | undefined;
  recommendations: TableRef | undefined;
  benchmarks: BenchmarkRef | undefined;
  /** Last paper's saved snapshot, when given. */
  previous: FileRef | undefined;
  /** The paper's sections, in order: the config's `sections:`, else those its sources make (`sectionsFor`). */
  sections: SectionKind[];
  /**
   * Exempt (Part II). Without `appendices`, the whole item: in the confidential pack only, the public agenda
   * lists it with no content. With them, only those appendices: the paper is public, they are not.
   */
  exempt?: Exemption | undefined;
  /**
   * In a public copy, the appendices withheld as exempt (their sources not read): each printed as its
   * title and paragraph. Set by the build (pipeline/meeting.ts), never by the config.
   */
  withheld?: { paragraph: number; appendices: SectionKind[] } | undefined;
}

/**
 * Why an item is exempt: the paragraph (1–7) of Part 1 of Schedule 12A to the Local Government Act 1972
 * that describes the information it holds (3: anyone's financial or business affairs; 1: an individual…).
 */
export interface Exemption {
  paragraph: number;
  /** Only these appendices of a paper are exempt (each made from a source of its own); absent: the whole item. */
  appendices?: SectionKind[] | undefined;
}

/** The appendices that can be exempt on their own: each is made from a source of its own, withheld with it. */
export const EXEMPT_APPENDIX_KINDS = ['rag-summary', 'kpi-scorecard', 'outcomes', 'action-plan'] as const satisfies readonly SectionKind[];

/**
 * One entry of the agenda, in order: a paper built here, an included PDF, a standing item, one to follow,
 * or an exempt paper or PDF as the public agenda shows it (its title and paragraph, nothing else).
 */
export type AgendaEntry =
  | { kind: 'paper'; number: string; title: string; item: ItemConfig; toFollow: boolean }
  | { kind: 'pdf'; number: string; title: string; pdf: FileRef; exempt?: Exemption | undefined }
  | { kind: 'standing'; number: string; title: string; text: string | undefined }
  | { kind: 'toFollow'; number: string; title: string }
  | { kind: 'exempt'; number: string; title: string; exempt: Exemption };

export interface Membership {
  chair: string | undefined;
  viceChair: string | undefined;
  members: string[];
  coopted: string[];
  parentGovernors: string[];
  vacancies: number;
}

export interface MeetingConfig {
  file: FileRef;
  council: string;
  committee: string;
  start: string;
  venue: string;
  asAt: string;
  /** The browser the config names (`browser:`), resolved; else PAPERS_CHROMIUM or the usual places. */
  browser: string | undefined;
  dateOfIssue: string | undefined;
  limits: { maxBytes: number; maxRows: number; maxInflatedBytes: number; maxIncludedPages: number };
  dates: { twoDigitYears: number | undefined };
  /** The rating rules in force (defaults with the config's `scoring:` laid over them). */
  rules: Rules;
  /** The council's look (`style:`), when set. */
  style: StyleConfig;
  /** The papers this product builds, in agenda order. */
  items: ItemConfig[];
  /** Every agenda item, in order (papers among them). */
  agenda: AgendaEntry[];
  membership: Membership | undefined;
  contacts: string[];
  notices: { invitation: string | undefined; accessibility: string | undefined; translations: { language: string; lang: string; text: string }[] };
  declarations: string | undefined;
  pack: { blankPages: boolean };
  /** Each paper, and the pack, also published in large print (no text under 16pt). */
  largePrint: boolean;
}

export interface StyleConfig {
  logo: FileRef | undefined;
  /** A .docx whose styles the Word copies use (`style.wordTemplate`). */
  wordTemplate?: FileRef | undefined;
  colours: Partial<Record<'red' | 'amber' | 'green' | 'blue' | 'grey' | 'accent', string>>;
  font: string | undefined;
}

/** The program that makes the outputs: its name and version, and the hash of its code (publish/keys.ts). */
export interface Tool {
  name: string;
  version: string;
  /** The SHA-256 of the running program's code and its locked dependencies (publish/keys.ts `withCode`). */
  code?: string | undefined;
}
