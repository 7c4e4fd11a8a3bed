/**
 * The action plan: every action with its deadline as written, the officer responsible, progress to date
 * and status (overdue actions say so in words) — grouped as the plan groups them: under the plan's outcomes
 * (seed 001, a line for each recommendation inside), or else by the recommendation each answers.
 */
import { countRatings, STATUS_LABEL, type LineScore, type ScoredAction } from '../../model/index.js';
import { countsView, notGreen, ratingCell, sourceView, src, type CountsView, type RatingCellView, type ReasonView } from '../cells.js';
import { formatLongDate } from '../format.js';
import { appendix, extractLine, type AppendixView, type SectionKindDef, type SectionInput } from './section.js';

export interface ActionPlanView extends AppendixView {
  asAt: string;
  /** "Actions by recommendation, …" or "Actions by outcome and recommendation, …". */
  caption: string;
  groups: {
    /** "Recommendation 3: Thresholds", or the outcome. */
    heading: string;
    counts: CountsView;
    actions: {
      /** "Recommendation 3: …" above the first action of each recommendation, when grouped by outcome. */
      subhead: string;
      /** The recommendation it answers (its number), for the table as data. */
      recommendation: string;
      no: string;
      /** Rows the number spans, when the action has several lines (else undefined: one row). */
      span: number | undefined;
      lines: ActionLineView[];
    }[];
  }[];
  totals: CountsView;
  reasons: ReasonView[];
  reasonsHeading: string;
}

/** A state that says the work has stopped, whatever its deadline says: "On hold", "Paused", "Deferred". */
const HELD = /\b(?:hold|paused|deferred|postponed)\b/i;

/**
 * The plan states a rating of its own, not the one given, on the line that decides the action (not one it
 * has no date for); or it says the work has stopped ("On hold") where the deadline gives no red.
 */
function statedOtherwise(a: ScoredAction): boolean {
  const l = a.lines[a.decidedBy];
  if (l === undefined) return false;
  if (l.line.statedState !== undefined && HELD.test(l.line.statedState)) return true;
  return l.line.statedStatus !== undefined && l.line.statedStatus !== l.rating.status && l.rating.status !== 'grey';
}

export interface ActionLineView {
  action: string;
  deadline: string;
  deadlineSource: string;
  responsible: string;
  progress: string;
  /** The plan's status when it states progress, not a rating ("On hold"), shown above the progress. */
  state: string;
  /** What the plan's own status cell says, rating or state ("Red", "On hold"), for the table as data. */
  planStatus: string;
  rating: RatingCellView;
  /** "Overdue by 12 working days", in words as well as colour. */
  flag: string;
}

type Group = { heading: string; actions: ScoredAction[] };

/** One line of an action as the table shows it: its own deadline, progress and rating. */
function lineView(l: LineScore): ActionLineView {
  const line = l.line;
  return {
    action: line.action,
    deadline: line.deadline.text || '–',
    deadlineSource: src(line.source.deadline),
    responsible: line.responsible,
    progress: line.progress,
    state: line.statedState ?? '',
    planStatus: line.statedState ?? (line.statedStatus !== undefined ? STATUS_LABEL[line.statedStatus] : ''),
    rating: ratingCell(l.rating, line.source.status ?? line.source.deadline),
    flag: l.overdue ? `Overdue by ${l.workingDays} working day${l.workingDays === 1 ? '' : 's'}` : l.completedLate ? 'Completed late' : '',
  };
}

/** The plan's own grouping: by outcome when it has outcome sections, else by recommendation. */
function groupsOf({ scored, recommendations }: SectionInput): { byOutcome: boolean; groups: Group[]; recText: (n: string) => string } {
  const plan = scored.actions!;
  const recText = (n: string): string => recommendations.find((r) => r.number === n)?.text ?? '';
  if (!plan.actions.some((a) => a.action.outcome !== '')) {
    const groups = plan.byRecommendation.map((g) => {
      const text = g.actions[0]?.action.summary || recText(g.recommendation);
      return { heading: `Recommendation ${g.recommendation}${text ? `: ${text}` : ''}`, actions: g.actions };
    });
    return { byOutcome: false, groups, recText };
  }
  const groups: Group[] = [];
  for (const a of plan.actions) {
    const heading = a.action.outcome || 'Other actions';
    const last = groups[groups.length - 1];
    if (last?.heading === heading) last.actions.push(a);
    else groups.push({ heading, actions: [a] });
  }
  return { byOutcome: true, groups, recText };
}

export const actionPlan: SectionKindDef<ActionPlanView> = {
  kind: 'action-plan',
  title: 'Action plan',
  partial: 'action-plan',
  view(input, number) {
    const plan = input.scored.actions!;
    const { byOutcome, groups, recText } = groupsOf(input);
    return {
      ...appendix(number, this.title),
      asAt: formatLongDate(input.scored.asAt),
      caption: `Actions by ${byOutcome ? 'outcome and recommendation' : 'recommendation'}, with deadline, responsible officer, progress and status`,
      groups: groups.map((g) => ({
        heading: g.heading,
        counts: countsView(countRatings(g.actions.map((a) => a.rating))),
        actions: g.actions.map((a, i) => {
          const rec = a.action.recommendation;
          const newRec = byOutcome && rec !== '' && (i === 0 || g.actions[i - 1]!.action.recommendation !== rec);
          return {
            subhead: newRec ? `Recommendation ${rec}${recText(rec) ? `: ${recText(rec)}` : ''}` : '',
            recommendation: rec,
            no: a.action.no,
            span: a.lines.length > 1 ? a.lines.length : undefined,
            lines: a.lines.map(lineView),
          };
        }),
      })),
      totals: countsView(plan.counts),
      // Every rating other than green, and every one the plan itself states otherwise (a lead's own red on an
      // action its deadline rates green is said, never hidden behind the green).
      reasons: plan.actions.filter((a) => (notGreen(a.rating) && a.rating.status !== 'blue') || statedOtherwise(a)).map((a) => ({ id: a.action.no, title: a.action.action, rating: ratingCell(a.rating, a.action.source.deadline) })),
      reasonsHeading: 'Why each rating other than green, or other than the plan states, was given',
      sources: [sourceView(input.sources.actions!)],
    };
  },
  table(a) {
    return {
      columns: ['recommendation', 'no', 'action', 'deadline', 'responsible', 'progress', 'plan status', 'status', 'reason', 'flag', 'status source'],
      rows: a.groups.flatMap((g) =>
        g.actions.flatMap((x) => x.lines.map((l) => ({ recommendation: x.recommendation, no: x.no, action: l.action, deadline: l.deadline, responsible: l.responsible, progress: l.progress, 'plan status': l.planStatus, status: l.rating.label, reason: l.rating.reason, flag: l.flag, 'status source': l.rating.source }))),
      ),
    };
  },
  background({ sources, numbers }, number) {
    // The recommendations list is named under the outcomes appendix when there is one.
    const recs = sources.recommendations && !numbers.has('outcomes') ? [extractLine(sources.recommendations, number)] : [];
    return [extractLine(sources.actions!, number), ...recs];
  },
};
