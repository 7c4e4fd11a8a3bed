/**
 * A monthly highlight report's scores: for the plan, or for one workstream — its projects and KPIs
 * scored as at the period's end (scoreItem on just that scope), an overall rating with its reason,
 * the milestones due in the month and those missed, and what moved since the last period's snapshot.
 * Pure: the period's end and the previous snapshot are arguments.
 */
import { countRatings, percentOf, type Action, type Counts, type DatedMilestone, type HighlightScope, type HighlightScore, type KpiSet, type Plan, type Rating, type Rules, type Snapshot } from '../model/index.js';
import { scoreItem } from './item.js';
import { overdueMilestones } from './plan.js';

/**
 * The overall rating of a set of projects: red when reds are a quarter or more of those rated, amber
 * when any is red or ambers are a quarter or more, else green; not rated when none is.
 */
export const OVERALL_SHARE = 25;

export function overallRating(c: Counts): Rating {
  if (c.rated === 0) return { status: 'none', reason: `no project is rated (${c.total} in all)` };
  const red = percentOf(c, 'red')!;
  const amber = percentOf(c, 'amber')!;
  const of = `of ${c.rated} rated project${c.rated === 1 ? '' : 's'}`;
  if (red >= OVERALL_SHARE) return { status: 'red', reason: `${c.red} ${of} red (${red}%, ${OVERALL_SHARE}% or more)` };
  if (c.red > 0) return { status: 'amber', reason: `${c.red} ${of} red (${red}%, under ${OVERALL_SHARE}%)` };
  if (amber >= OVERALL_SHARE) return { status: 'amber', reason: `${c.amber} ${of} amber (${amber}%, ${OVERALL_SHARE}% or more)` };
  return { status: 'green', reason: `${c.green + c.blue} ${of} green or complete${c.amber ? `, ${c.amber} amber (${amber}%)` : ''}` };
}

/** The plan narrowed to one scope: all of it, or one workstream's projects and KPIs. */
function narrowed(plan: Plan, kpis: KpiSet | undefined, scope: HighlightScope): { plan: Plan; kpis: KpiSet | undefined } {
  if (scope.kind === 'plan') return { plan, kpis };
  return {
    plan: { ...plan, workstreams: plan.workstreams.filter((w) => w.number === scope.number) },
    kpis: kpis ? { ...kpis, kpis: kpis.kpis.filter((k) => k.workstream === scope.number) } : undefined,
  };
}

export interface HighlightInput {
  scope: HighlightScope;
  plan: Plan;
  kpis: KpiSet | undefined;
  /** The plan's action plan (only the plan's report shows it). */
  actions: readonly Action[] | undefined;
  previous: Snapshot | undefined;
}

export function scoreHighlight(input: HighlightInput, asAt: string, rules: Rules): HighlightScore {
  const key = input.scope.kind === 'plan' ? 'plan' : `workstream-${input.scope.number}`;
  const { plan, kpis } = narrowed(input.plan, input.kpis, input.scope);
  const scored = scoreItem(
    { item: key, plan, kpis, actions: input.scope.kind === 'plan' ? input.actions : undefined, outcomes: undefined, recommendations: undefined, benchmarks: new Map(), previous: input.previous },
    asAt,
    rules,
  );
  const from = `${asAt.slice(0, 7)}-01`;
  const due: DatedMilestone[] = [];
  const missed: DatedMilestone[] = [];
  for (const w of plan.workstreams) {
    for (const project of w.projects) {
      for (const month of project.milestones) {
        for (const milestone of month.milestones) {
          if (!milestone.due) continue;
          if (milestone.due >= from && milestone.due <= asAt) due.push({ project, milestone });
        }
      }
      // Missed: as the overdue-milestone rule counts them (due before the as-at date, not marked done).
      for (const milestone of overdueMilestones(project, asAt)) missed.push({ project, milestone });
    }
  }
  const byDate = (a: DatedMilestone, b: DatedMilestone): number => (a.milestone.due! < b.milestone.due! ? -1 : a.milestone.due! > b.milestone.due! ? 1 : a.project.ref.localeCompare(b.project.ref));
  const previousCounts = input.previous ? countsOf(input.previous) : undefined;
  const scoredPlan = scored.plan;
  if (!scoredPlan) throw new Error('a highlight report is scored with its plan');
  return { scope: input.scope, key, asAt, from, overall: overallRating(scoredPlan.counts), plan: scoredPlan, scored, previousCounts, due: due.sort(byDate), missed: missed.sort(byDate) };
}

/** The project counts a snapshot records. */
export function countsOf(snapshot: Snapshot): Counts {
  return countRatings(Object.values(snapshot.projects).map((e) => ({ status: e.status, reason: '' })));
}
