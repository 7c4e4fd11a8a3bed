/**
 * What scoring gives: every project, action, KPI and outcome with its rating and the reason for it,
 * the counts, the changes since the last paper and the exceptions. Made by score/, shown by render/.
 */
import type { Action, ActionLine } from './actions.js';
import type { BenchmarkSeries, BenchmarkYear } from './benchmarks.js';
import type { Outcome, Recommendation } from './outcomes.js';
import type { ItemKind, Snapshot } from './snapshot.js';
import type { Counts } from './status.js';
import type { Kpi, KpiValue, Milestone, Plan, Project, Rating, Status, Workstream } from './types.js';

export interface ComputedRating extends Rating {
  /** Each rule's verdict, for the reason and the exceptions. */
  criteria: { status: Status; missing: string[]; reason: string } | undefined;
  milestones: { status: Status; overdue: Milestone[]; reason: string } | undefined;
}

export interface ScoredProject {
  project: Project;
  /** The rating shown: the stated RAG when there is one, else the computed one, else grey. */
  rating: Rating;
  /** What the rules give, when they could be applied. */
  computed: ComputedRating | undefined;
  /** The stated RAG differs from the computed one. */
  disagrees: boolean;
}

export interface ScoredWorkstream {
  workstream: Workstream;
  projects: ScoredProject[];
  counts: Counts;
}

export interface ScoredPlan {
  plan: Plan;
  asAt: string;
  workstreams: ScoredWorkstream[];
  counts: Counts;
}

/** One line of an action, rated. */
export interface LineScore {
  line: ActionLine;
  rating: Rating;
  /** Deadline passed, not complete. */
  overdue: boolean;
  /** Working days overdue (when overdue) or left (when due), by the calendar's convention. */
  workingDays: number | undefined;
  completedLate: boolean;
  /** The plan's own status is better than the deadline gives. */
  disagrees: boolean;
}

export interface ScoredAction {
  action: Action;
  /** The action's rating: its one line's, or its worst line's not yet complete (blue when every line is). */
  rating: Rating;
  /** Any line overdue: deadline passed, not complete. */
  overdue: boolean;
  /** Working days overdue or left, of the line that decides the rating. */
  workingDays: number | undefined;
  completedLate: boolean;
  /** The action plan's own status is better than the deadline gives (optimism). */
  disagrees: boolean;
  /** Each line, rated (one for a one-line action). */
  lines: LineScore[];
  /** The line whose rating is the action's. */
  decidedBy: number;
}

/** Where an action plan's actions stand: each action counted once. */
export interface ActionTally {
  total: number;
  complete: number;
  /** Not complete, with a date, not overdue and not due within the rules' "due soon" working days. */
  onTrack: number;
  /** Not complete, due within the rules' "due soon" working days. */
  dueSoon: number;
  overdue: number;
  /** Not complete, with no date to rate against ("Ongoing", "TBC", none). */
  noDate: number;
}

export interface ScoredActionPlan {
  asAt: string;
  tally: ActionTally;
  actions: ScoredAction[];
  /** By recommendation number, in first-seen order. */
  byRecommendation: { recommendation: string; actions: ScoredAction[]; counts: Counts }[];
  counts: Counts;
}

export interface Direction {
  /** The period compared with. */
  period: string;
  from: number;
  to: number;
  arrow: '↑' | '↓' | '→';
  /** "better", "worse", "no change", or undefined when the measure has no good direction. */
  judgement: 'better' | 'worse' | 'no change' | undefined;
  /** "↑ better: +1.2 points on Jan 2017". */
  text: string;
}

export interface BenchmarkRating extends Rating {
  year: string;
}

export interface KpiSnapshot {
  kpi: Kpi;
  latest: KpiValue | undefined;
  previous: KpiValue | undefined;
  /** Values up to and including the as-at month, oldest first. */
  series: KpiValue[];
  rating: Rating;
  /** The return's own RAG for the latest figure is kinder than the rules' rating: an exception. */
  disagrees: boolean;
  /** The return states a rating of its own for the latest figure, other than the rules': said in the reason. */
  statedOtherwise: boolean;
  /** Against the previous period (short term) and the same month last year (long term). */
  shortTerm: Direction | undefined;
  longTerm: Direction | undefined;
  benchmark: BenchmarkRating | undefined;
}

export interface OutcomeRollup {
  outcome: Outcome;
  /** Each measure the map names, in its order, with the KPI it is (when the paper's KPI return has it). */
  measures: { text: string; source: Outcome['measures'][number]['source']; kpi: KpiSnapshot | undefined }[];
  /** The measures found among the KPIs, in the map's order. */
  kpis: KpiSnapshot[];
  counts: Counts;
}

export interface Coverage {
  /** Recommendations no action answers (undefined: the paper has no action plan to check against). */
  recommendationsWithoutAction: Recommendation[] | undefined;
  /** Actions whose recommendation no outcome with a measure is linked to (undefined: no action plan). */
  actionsWithoutMeasure: Action[] | undefined;
  /** Measures no outcome names (undefined: no KPI return). */
  measuresWithoutOutcome: Kpi[] | undefined;
  /** Numbers missing from the recommendations list's run (1 to 14 with 11 absent: ["11"]); empty when none. */
  missingRecommendations: string[];
}

export interface Move {
  kind: ItemKind;
  id: string;
  title: string;
  from: Status;
  to: Status;
  worse: boolean;
  better: boolean;
}

export interface ValueChange {
  id: string;
  title: string;
  from: { value: number | undefined; period: string | undefined };
  to: { value: number | undefined; period: string | undefined };
}

export interface Changes {
  /** The previous snapshot's as-at date. */
  since: string;
  moved: Move[];
  added: { kind: ItemKind; id: string; title: string }[];
  closed: { kind: ItemKind; id: string; title: string }[];
  values: ValueChange[];
}

export interface Exception {
  kind: ItemKind;
  id: string;
  title: string;
  rating: Rating;
  /** Why it is an exception: red, worsened since the last paper, rated worse by the rules than stated. */
  why: ('red' | 'worsened' | 'disagrees')[];
  /** "Amber → Red since 24 January 2017", when it worsened. */
  movement?: string | undefined;
  /** The corrective action the officer supplied (the commentary or progress), when there is one. */
  correctiveAction: string;
}

export interface ScoredItem {
  asAt: string;
  /** Undefined when the paper has no project tracker. */
  plan: ScoredPlan | undefined;
  actions: ScoredActionPlan | undefined;
  kpis: KpiSnapshot[];
}

export interface ScoredItemResult {
  asAt: string;
  /** Undefined when the paper has no project tracker. */
  plan: ScoredPlan | undefined;
  actions: ScoredActionPlan | undefined;
  kpis: KpiSnapshot[];
  outcomes: OutcomeRollup[];
  /** Recommendations without actions, actions without measures, measures without outcomes (when the item has an outcomes map). */
  coverage: Coverage | undefined;
  /** The benchmark year quoted for each KPI with a benchmark. */
  benchmarkYears: Map<string, { series: BenchmarkSeries; year: BenchmarkYear | undefined }>;
  snapshot: Snapshot;
  changes: Changes | undefined;
  exceptions: Exception[];
}

/** What a highlight report covers: the whole plan, or one workstream (by its number in the tracker). */
export type HighlightScope = { kind: 'plan' } | { kind: 'workstream'; number: string; title: string };

export interface DatedMilestone {
  project: Project;
  milestone: Milestone;
}

export interface HighlightScore {
  scope: HighlightScope;
  /** The snapshot label: `plan` or `workstream-3`. */
  key: string;
  asAt: string;
  /** Month start (ISO), for "due this month". */
  from: string;
  overall: Rating;
  /** The plan, scored (a highlight report always has one). */
  plan: ScoredPlan;
  scored: ScoredItemResult;
  /** Counts at the previous period's snapshot, when there is one. */
  previousCounts: Counts | undefined;
  due: DatedMilestone[];
  missed: DatedMilestone[];
}
