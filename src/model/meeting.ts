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

export interface BenchmarkRef {
  la: string;
  neighbours: FileRef;
  measures: Record<string, FileRef & { column: string; where: Record<string, string> | undefined }>;
}

export interface ItemConfig {
  number: string;
  title: string;
  narrative: FileRef;
  tracker: TableRef & { colours: Partial<Record<'red' | 'amber' | 'green' | 'blue' | 'grey', string[]>> | undefined };
  kpis: TableRef | undefined;
  kpiDefinitions: TableRef | undefined;
  actions: TableRef | undefined;
  outcomes: TableRef | undefined;
  recommendations: TableRef | undefined;
  benchmarks: BenchmarkRef | undefined;
  /** Last paper's saved snapshot, when given. */
  previous: FileRef | undefined;
}

/** One entry of the agenda, in order: a paper built here, an included PDF, a standing item, or one to follow. */
export type AgendaEntry =
  | { kind: 'paper'; number: string; title: string; item: ItemConfig; toFollow: boolean }
  | { kind: 'pdf'; number: string; title: string; pdf: FileRef }
  | { kind: 'standing'; number: string; title: string; text: string | undefined }
  | { kind: 'toFollow'; number: string; title: string };

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
  dateOfIssue: string | undefined;
  limits: { maxBytes: number; maxRows: number; maxInflatedBytes: number };
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
}

export interface StyleConfig {
  logo: FileRef | undefined;
  colours: Partial<Record<'red' | 'amber' | 'green' | 'blue' | 'grey' | 'accent', string>>;
  font: string | undefined;
}
