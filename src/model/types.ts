/**
 * The domain model: the vocabulary of DESIGN.md as types. Every value read from a source keeps
 * a `Source` naming the cell it came from, so any figure in a paper can be traced back.
 */

/** Where a value came from: file (as the user named it), sheet and A1 cell, or CSV line and column. */
export interface Source {
  file: string;
  sheet?: string;
  cell: string;
}

/**
 * The states of a rating: red, amber, green, blue (complete), grey (no data, not due, suppressed,
 * small numbers) and none ("not rated": contextual measures that have no good direction).
 */
export type Status = 'red' | 'amber' | 'green' | 'blue' | 'grey' | 'none';
export const STATUSES: readonly Status[] = ['red', 'amber', 'green', 'blue', 'grey', 'none'];

/** The scored state of a project, action or KPI, always with the reason it was given. */
export interface Rating {
  status: Status;
  reason: string;
}

/** A dated step of a project, as written in a milestone cell (`09 Mar - GM meeting…`, `Agree the data set By Nov 19`). */
export interface Milestone {
  /** The date as written ("09 Mar", "By Nov 19"), or '' when the text carries none. */
  when: string;
  what: string;
  /** The date it falls due, ISO, when `when` is a date (year inferred from the as-at date). */
  due?: string;
  /** The state its cell's fill shows, in a plan on a page (a "Milestone (RAG)" column). */
  status?: Status;
}

/** The milestones in one month column of the tracker. */
export interface MonthMilestones {
  month: string;
  milestones: Milestone[];
  source: Source;
}

export interface Project {
  ref: string;
  title: string;
  lead: string;
  /** The RAG the tracker states; undefined when the cell was blank (and had no rating colour). */
  statedStatus: Status | undefined;
  /** Whether the stated RAG was written in the cell or shown only by its fill colour. */
  ratedBy: 'text' | 'fill';
  commentary: string;
  milestones: MonthMilestones[];
  /** The RAG criteria the tracker records (criterion name → in place?), when it has their columns. */
  criteria?: CriteriaRecord | undefined;
  /** The outcome it serves and how it is measured, when the tracker has those columns (plans on a page). */
  outcome?: string;
  measure?: string;
  source: { row: Source; rating: Source; commentary: Source };
}

/** Each criterion: true in place, false not in place, undefined not recorded (blank cell). */
export type CriteriaRecord = Record<string, boolean | undefined>;

export interface Workstream {
  number: string;
  title: string;
  projects: Project[];
  source: Source;
}

/** Fingerprint of an input file, for provenance and the manifest. */
export interface SourceFile {
  file: string;
  sheet?: string;
  sha256: string;
  bytes: number;
}

/** An improvement plan as read from the tracker. */
export interface Plan {
  title: string;
  workstreams: Workstream[];
  /**
   * Month headings of the milestone columns, in sheet order; '' for the one column of milestones a plan on
   * a page has ("Milestone (RAG) - 21/01/20", a milestone a row, its state the cell's fill).
   */
  months: string[];
  /**
   * The extract's own date, ISO yyyy-mm-dd: from a footer ("Accurate when produced on 24/02/2017") or a
   * dated header ("Milestone (RAG) - 21/01/20"); the latest, when several sheets give one.
   */
  footerAsAt: string | undefined;
  /** How the REFs were made when the tracker has no REF column ("1.3: the 3rd project on sheet 1"). */
  refsMade?: string;
  source: SourceFile;
}

export type Unit = 'percent' | 'number' | 'days' | 'rate per 10,000';
export type Polarity = 'higher' | 'lower' | 'band' | 'none';

export interface KpiValue {
  /** Calendar month, `YYYY-MM`: for a quarter or a financial year (a wide return's columns), its last month. */
  period: string;
  /** How the return names a period that is not a month: "Q1 2019/20", "2019/20". */
  label?: string;
  /** The figure; undefined when it was suppressed (see `suppressed`). */
  value: number | undefined;
  /** What was written instead of a figure: a suppression code ("c", "x", "low"…) or a return's "n/a", "TBC", "–". */
  suppressed?: string;
  numerator?: number;
  denominator?: number;
  source: Source;
}

/** What a measure is, whether defined in its own file or on the rows of the KPI return. */
export interface KpiDefinition {
  id: string;
  name: string;
  unit: Unit;
  polarity: Polarity;
  target: number | undefined;
  /** This measure's own tolerance ("5%" relative to the target; "2" in its unit), over the rules' default. */
  tolerance?: { kind: 'relative' | 'absolute'; value: number } | undefined;
  /** For polarity `band`: the range that is good, inclusive. */
  band?: { low: number; high: number } | undefined;
  /** Workstream number that owns the measure, when given. */
  workstream?: string | undefined;
  source: Source;
}

export interface Kpi extends KpiDefinition {
  values: KpiValue[];
  /**
   * The return's commentary on the measure (what is being done about it): a wide return's on its row; a long
   * return's on the row of the latest period, and none when that row has none (an older month's is not the
   * latest word).
   */
  commentary?: { text: string; source: Source };
  /** The rating the return itself states (its RAG column) for the figure of `period`: compared, never used as the rating. */
  stated?: { status: Status; period: string; source: Source };
}

export interface KpiSet {
  kpis: Kpi[];
  source: SourceFile;
}
