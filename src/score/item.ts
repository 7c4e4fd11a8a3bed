/**
 * Score one agenda item: whichever of its plan, actions, KPIs and outcomes it has, as at a date, by the
 * rules in force, compared with the last paper's snapshot. Pure: the same inputs always give the same result, whatever the
 * day it runs (there is no clock here; the as-at date is an argument).
 */
import { formatIsoDate, type Action, type BenchmarkSeries, type BenchmarkYear, type KpiSet, type Outcome, type Plan, type Recommendation, type Rules, type ScoredItemResult, type Snapshot } from '../model/index.js';
import { scoreActions } from './actions.js';
import { makeCalendar } from './calendar.js';
import { checkCoverage } from './coverage.js';
import { changesSince, exceptionsOf, snapshotOf } from './changes.js';
import { scoreKpis } from './kpis.js';
import { scorePlan } from './plan.js';
import { rollUpOutcomes } from './rollup.js';

export interface ItemInput {
  /** The item's number, to label its snapshot. */
  item: string;
  /** The project tracker, read as a plan (a paper without one rates actions and KPIs only). */
  plan: Plan | undefined;
  actions: readonly Action[] | undefined;
  kpis: KpiSet | undefined;
  outcomes: readonly Outcome[] | undefined;
  recommendations: readonly Recommendation[] | undefined;
  /** DfE benchmark series by KPI ID. */
  benchmarks: ReadonlyMap<string, BenchmarkSeries>;
  /** The last paper's snapshot, when there is one. */
  previous: Snapshot | undefined;
}

/** The benchmark year a paper as at `asAt` can fairly quote: the latest year ending before the as-at year. */
export function benchmarkYear(series: BenchmarkSeries, asAt: string): BenchmarkYear | undefined {
  const limit = Number(asAt.slice(0, 4)) - 1;
  const endYear = (p: string): number => (/^\d{6}$/.test(p) ? Number(p.slice(0, 2) + p.slice(4)) : Number(p.slice(0, 4)));
  return [...series.years].reverse().find((y) => endYear(y.period) <= limit);
}

export function scoreItem(input: ItemInput, asAt: string, rules: Rules): ScoredItemResult {
  const calendar = makeCalendar(rules.workingDays);
  const plan = input.plan ? scorePlan(input.plan, asAt, rules.projects) : undefined;
  const actions = input.actions ? scoreActions(input.actions, asAt, calendar, rules.actions) : undefined;
  const benchmarkYears = new Map([...input.benchmarks].map(([id, series]) => [id, { series, year: benchmarkYear(series, asAt) }]));
  const kpis = input.kpis ? scoreKpis(input.kpis, asAt, rules.kpis, benchmarkYears) : [];
  const outcomes = input.outcomes ? rollUpOutcomes(input.outcomes, kpis) : [];
  const coverage = input.outcomes
    ? checkCoverage({ recommendations: input.recommendations ?? [], actions: input.actions, outcomes: input.outcomes, kpis: input.kpis ? kpis.map((k) => k.kpi) : undefined })
    : undefined;
  const scored = { asAt, plan, actions, kpis };
  const snapshot = snapshotOf(input.item, scored);
  const changes = input.previous ? changesSince(input.previous, snapshot) : undefined;
  const exceptions = exceptionsOf(scored, changes, formatIsoDate);
  return { asAt, plan, actions, kpis, outcomes, coverage, benchmarkYears, snapshot, changes, exceptions };
}
