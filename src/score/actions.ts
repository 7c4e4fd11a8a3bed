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
import { addCounts, countRatings, emptyCounts, formatIsoDate, isWorse, severity, STATUS_WORD, type Action, type ActionLine, type ActionRules, type ActionTally, type LineScore, type Rating, type ScoredAction, type ScoredActionPlan, type Status } from '../model/index.js';
import { workingDaysBetween, type Calendar } from './calendar.js';

const STATE_WORDS: Record<string, string> = {
  ongoing: 'Ongoing',
  'to be confirmed': 'To be confirmed (TBC)',
  dependent: 'Dependent on another action',
  'in progress': 'In progress',
  complete: 'Completed',
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const DONE_WORD = String.raw`(?:complete|completed|done)`;
/** A sentence ending "… completed" that is about the future, a negation or a condition. */
const NOT_YET = new RegExp(String.raw`\b(?:to|will|shall|should|would|could|must|not|yet|once|when|until|if|before|after|awaiting|being|be|been|is|are)\s+(?:be\s+|been\s+|being\s+)?${DONE_WORD}$`, 'i');
const ALONE = new RegExp(`^${DONE_WORD}$`, 'i');
const OPENS = /^completed\b(?!\s+(?:by|in|on|within|when|once|after)\b)/i;
const ENDS = new RegExp(`\\b${DONE_WORD}$`, 'i');
/** A part of the work done, not the whole: "First dip sample completed", "Phase One Completed". */
const PART = /\b(?:first|initial|phase\s+(?:one|1|i)\b|stage\s+(?:one|1|i)\b|part(?:ly|ially)?|some|most|half)\b/i;

/**
 * The progress text says the work is done: "Complete", "Completed", "Done", "Action completed.", "… 21 Sept
 * Completed", "Completed Will need to ensure …", "Complete. The panel has agreed …" — a statement, not a
 * sentence that merely holds the word ("… to complete checked-out forms", "to be completed by March", "not
 * yet complete", "Complete the audit"), nor part of the work done ("First dip sample completed", "Phase One
 * Completed", "Analysis completed, on-going intelligence to be included").
 */
export function saysComplete(progress: string): boolean {
  const sentences = progress.trim().split(/(?<=[.;!?])\s+|\n+/).map((c) => c.trim().replace(/[.!;]+$/, '')).filter((c) => c !== '');
  const first = sentences[0] ?? '';
  // Opening with the word: alone, or "Completed" before anything ("Complete the audit" is an instruction).
  if (ALONE.test(first) || OPENS.test(first)) return true;
  const last = sentences.at(-1) ?? '';
  if (!ENDS.test(last)) return false;
  return !NOT_YET.test(last) && !PART.test(last);
}

/**
 * A line is complete when its status says so (blue), a completion date is given, its deadline reads
 * "Completed", or its progress says it is done — unless its stated RAG or state says it is not (red or
 * amber, "Not started", "On hold": the officer's word outranks a reading of the progress text).
 */
function isComplete(a: ActionLine): boolean {
  if (a.statedStatus === 'blue' || a.completedOn !== undefined || a.deadline.state === 'complete') return true;
  return ((a.statedStatus === undefined && a.statedState === undefined) || a.statedStatus === 'green') && saysComplete(a.progress);
}

function reportedOnTrack(a: ActionLine, rules: ActionRules): boolean {
  if (a.statedStatus === 'green') return true;
  const text = a.progress.toLowerCase();
  return rules.onTrackWords.some((w) => text.includes(w.toLowerCase()));
}

/**
 * An action rated. One line: by its deadline and what it says of itself. Several lines: each rated so, and
 * the action by its worst line not yet complete — red when any is overdue, amber when any is due soon and
 * not reported on track — and complete (blue) only when every line is.
 */
export function rateAction(a: Action, asAt: string, cal: Calendar, rules: ActionRules): ScoredAction {
  const lines = a.lines.length > 1 ? a.lines.map((l) => rateLine(l, asAt, cal, rules)) : [rateLine(a, asAt, cal, rules)];
  const n = lines.length;
  let decidedBy = 0;
  if (n > 1) {
    const open = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.rating.status !== 'blue');
    const rank = (st: Status): number => severity(st) ?? 0.5; // grey and not rated below green
    if (open.length > 0) decidedBy = open.reduce((w, c) => (rank(c.l.rating.status) > rank(w.l.rating.status) ? c : w)).i;
  }
  const worst = lines[decidedBy]!;
  const done = lines.filter((l) => l.rating.status === 'blue').length;
  const reason =
    n === 1 ? worst.rating.reason : done === n ? `Complete: all ${n} lines${lines.some((l) => l.completedLate) ? ', some late' : ''}` : `${worst.rating.reason} — line ${decidedBy + 1} of ${n}, “${a.lines[decidedBy]!.action}”; ${done} of ${n} lines complete`;
  return {
    action: a,
    rating: { status: worst.rating.status, reason },
    overdue: lines.some((l) => l.overdue),
    workingDays: worst.workingDays,
    completedLate: lines.some((l) => l.completedLate),
    disagrees: lines.some((l) => l.disagrees),
    lines,
    decidedBy,
  };
}

/** One line of an action, rated by its deadline and what it says of itself. */
function rateLine(a: ActionLine, asAt: string, cal: Calendar, rules: ActionRules): LineScore {
  const base = { line: a, overdue: false, workingDays: undefined as number | undefined, completedLate: false };
  const finish = (status: Status, reason: string, extra: Partial<LineScore> = {}): LineScore => {
    const stated = a.statedStatus;
    // Only optimism is an exception: a stated rating better than the one the deadline gives.
    const disagrees = stated !== undefined && isWorse(stated, status);
    // A stated rating that differs is always shown; only optimism is listed as an exception.
    const note =
      stated !== undefined && stated !== status && status !== 'grey' && a.source.status
        ? `; the action plan states ${STATUS_WORD[stated!]} (${formatLocation(a.source.status)})`
        : a.statedState !== undefined && a.source.status
          ? `; the action plan’s status reads “${a.statedState}” (${formatLocation(a.source.status)})`
          : '';
    return { ...base, ...extra, rating: { status, reason: `${reason}${note}` }, disagrees };
  };
  const deadline = a.deadline.date;
  /** The deadline in a reason: its date, and the words it was read from when it was not written as a date. */
  const deadlineText = (iso: string): string => (a.deadline.fromWords ? `“${a.deadline.text}”, read as ${formatIsoDate(iso)}` : formatIsoDate(iso));

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
    return finish('red', `Red: overdue by ${plural(n, 'working day')} (deadline ${deadlineText(deadline)}, not complete at ${formatIsoDate(asAt)})`, { overdue: true, workingDays: n });
  }
  const left = workingDaysBetween(cal, asAt, deadline);
  // A deadline on a weekend or bank holiday just after the as-at date leaves no working day, but is not today.
  const due = deadline === asAt ? `due today, ${formatIsoDate(deadline)}` : left === 0 ? `due ${formatIsoDate(deadline)}, with no working day left` : `due in ${plural(left, 'working day')} (${deadlineText(deadline)})`;
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

/** Where the actions stand, each counted once (by the line that decides its rating): complete, overdue, no date, due soon, else on track. */
export function tallyActions(actions: readonly ScoredAction[], rules: ActionRules): ActionTally {
  const t: ActionTally = { total: actions.length, complete: 0, onTrack: 0, dueSoon: 0, overdue: 0, noDate: 0 };
  for (const a of actions) {
    const deciding = a.lines[a.decidedBy]!;
    if (a.rating.status === 'blue') t.complete += 1;
    else if (a.overdue) t.overdue += 1;
    else if (deciding.line.deadline.date === undefined) t.noDate += 1;
    else if (a.workingDays !== undefined && a.workingDays <= rules.dueSoonWorkingDays) t.dueSoon += 1;
    else t.onTrack += 1;
  }
  return t;
}
