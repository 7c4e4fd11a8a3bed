/**
 * An action plan (seed 001): inspection recommendations answered by actions, each with a deadline as
 * written, the officer responsible and progress to date; every value keeps the cell it came from.
 */
import type { DeadlineState } from './dates.js';
import type { Source, SourceFile, Status } from './types.js';

export interface Deadline {
  /** As written. */
  text: string;
  /** ISO date, when the deadline is a date ("February 2018" → 2018-02-28). */
  date?: string;
  /** When the deadline is a state instead of a date. */
  state?: DeadlineState;
  /** The date was read from a month named among other words ("First phase August 2017"), not written as a date. */
  fromWords?: boolean;
}

/** One line of an action: what is done, by when, by whom, and how it is going. */
export interface ActionLine {
  action: string;
  deadline: Deadline;
  completedOn?: string;
  responsible: string;
  progress: string;
  statedStatus: Status | undefined;
  /** The status cell when it states progress, not a rating ("Not started", "On hold"), as written: the line is rated by its deadline. */
  statedState?: string;
  source: { row: Source; deadline: Source; status: Source | undefined };
}

/**
 * An action: its number, the recommendation it answers and the outcome it serves, and its lines — one
 * number often has several (seed 001: the number written once, or repeated, over several rows). The first
 * line's fields are the action's own; `lines` holds every line, the first included.
 */
export interface Action extends ActionLine {
  no: string;
  /** The inspection recommendation it answers (its number), or '' when the plan does not say. */
  recommendation: string;
  /** The plan's outcome it is grouped under (a section row "Key business outcome: …"), or '' when none. */
  outcome: string;
  summary: string;
  successMeasure: string;
  lines: ActionLine[];
}

export interface ActionPlan {
  actions: Action[];
  source: SourceFile;
}
