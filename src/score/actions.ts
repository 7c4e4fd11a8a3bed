/**
 * Ratings for the actions of an action plan (seed 001). Pure; the as-at date is an argument.
 *
 * Rules (rules.ts, printed in the paper):
 * - Complete (status "Completed"/blue, a completion date, or a deadline cell saying "Completed") →
 *   blue; "completed late" when the completion date is after the deadline.
 * - No deadline → grey.
 * - A deadline that is a state ("Ongoing", "TBC", "Depended upon above", "In progress") is reported
 *   as that state: the stated RAG if the plan gives one, else grey. Never an error, never overdue.
 * - Deadline passed (as-at date after it) and not complete → red, "overdue by N working days".
 * - Due within `dueSoonWorkingDays` and not reported on track → amber; otherwise green.
 * - A stated RAG that differs from the rules' rating is shown and listed as an exception.
 */
import { formatLocation } from '../errors.js';
import { addCounts, countRatings, emptyCounts, formatIsoDate, STATUS_WORD, type Action, type ActionRules, type ActionTally, type Rating, type ScoredAction, type ScoredActionPlan, type Status } from '../model/index.js';
import { workingDaysBetween, type Calendar } from './calendar.js';

const STATE_WORDS: Record<string, string> = {
  ongoing: 'Ongoing',
  'to be confirmed': 'To be confirmed (TBC)',
  dependent: 'Dependent on another action',
  'in progress': 'In progress',
  complete: 'Completed',
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function isComplete(a: Action): boolean {
  return a.statedStatus === 'blue' || a.completedOn !== undefined || a.deadline.state === 'complete';
}

function reportedOnTrack(a: Action, rules: ActionRules): boolean {
  if (a.statedStatus === 'green') return true;
  const text = a.progress.toLowerCase();
  return rules.onTrackWords.some((w) => text.includes(w.toLowerCase()));
}

export function rateAction(a: Action, asAt: string, cal: Calendar, rules: ActionRules): ScoredAction {
  const base = { action: a, overdue: false, workingDays: undefined as number | undefined, completedLate: false };
  const finish = (status: Status, reason: string, extra: Partial<ScoredAction> = {}): ScoredAction => {
    const stated = a.statedStatus;
    const disagrees = stated !== undefined && stated !== status && status !== 'grey';
    const note = disagrees && a.source.status ? `; the action plan states ${STATUS_WORD[stated!]} (${formatLocation(a.source.status)})` : '';
    return { ...base, ...extra, rating: { status, reason: `${reason}${note}` }, disagrees };
  };
  const deadline = a.deadline.date;

  if (isComplete(a)) {
    if (a.completedOn !== undefined && deadline !== undefined && a.completedOn > deadline) {
      const late = workingDaysBetween(cal, deadline, a.completedOn);
      return finish('blue', `Complete, late: completed on ${formatIsoDate(a.completedOn)}, ${plural(late, 'working day')} after the deadline of ${formatIsoDate(deadline)}`, { completedLate: true, workingDays: late });
    }
    const on = a.completedOn !== undefined ? ` on ${formatIsoDate(a.completedOn)}` : '';
    return finish('blue', `Complete${on}${deadline !== undefined && a.completedOn !== undefined ? `, by the deadline of ${formatIsoDate(deadline)}` : ''}`);
  }
  if (a.deadline.state !== undefined) {
    const state = STATE_WORDS[a.deadline.state] ?? a.deadline.state;
    const what = `deadline “${a.deadline.text}” gives no date to rate against`;
    if (a.statedStatus !== undefined && a.source.status) {
      return { ...base, rating: { status: a.statedStatus, reason: `${STATUS_WORD[a.statedStatus]} as stated in the action plan (${formatLocation(a.source.status)}); the ${what}` }, disagrees: false };
    }
    return finish('grey', `${state}: the ${what}`);
  }
  if (deadline === undefined) return finish('grey', 'No data: no deadline set');

  if (asAt > deadline) {
    const n = workingDaysBetween(cal, deadline, asAt);
    return finish('red', `Red: overdue by ${plural(n, 'working day')} (deadline ${formatIsoDate(deadline)}, not complete at ${formatIsoDate(asAt)})`, { overdue: true, workingDays: n });
  }
  const left = workingDaysBetween(cal, asAt, deadline);
  // A deadline on a weekend or bank holiday just after the as-at date leaves no working day, but is not today.
  const due = deadline === asAt ? `due today, ${formatIsoDate(deadline)}` : left === 0 ? `due ${formatIsoDate(deadline)}, with no working day left` : `due in ${plural(left, 'working day')} (${formatIsoDate(deadline)})`;
  if (left <= rules.dueSoonWorkingDays) {
    if (reportedOnTrack(a, rules)) return finish('green', `Green: ${due}, reported on track`, { workingDays: left });
    return finish('amber', `Amber: ${due}, within ${rules.dueSoonWorkingDays} working days, and not reported on track`, { workingDays: left });
  }
  return finish('green', `Green: ${due}`, { workingDays: left });
}

export function scoreActions(actions: readonly Action[], asAt: string, cal: Calendar, rules: ActionRules): ScoredActionPlan {
  const scored = actions.map((a) => rateAction(a, asAt, cal, rules));
  const groups = new Map<string, ScoredAction[]>();
  for (const s of scored) {
    const key = s.action.recommendation;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const byRecommendation = [...groups].map(([recommendation, list]) => ({ recommendation, actions: list, counts: countRatings(list.map((s) => s.rating)) }));
  const counts = byRecommendation.reduce((acc, g) => addCounts(acc, g.counts), emptyCounts());
  return { asAt, tally: tallyActions(scored, rules), actions: scored, byRecommendation, counts };
}

/** Where the actions stand, each counted once: complete, overdue, no date, due soon, else on track. */
export function tallyActions(actions: readonly ScoredAction[], rules: ActionRules): ActionTally {
  const t: ActionTally = { total: actions.length, complete: 0, onTrack: 0, dueSoon: 0, overdue: 0, noDate: 0 };
  for (const a of actions) {
    if (a.rating.status === 'blue') t.complete += 1;
    else if (a.overdue) t.overdue += 1;
    else if (a.action.deadline.date === undefined) t.noDate += 1;
    else if (a.workingDays !== undefined && a.workingDays <= rules.dueSoonWorkingDays) t.dueSoon += 1;
    else t.onTrack += 1;
  }
  return t;
}
