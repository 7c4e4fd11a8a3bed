/**
 * Working days in England and Wales: Monday to Friday, less bank holidays (the bundled GOV.UK list)
 * and the council's closure days. Pure; dates are ISO `yyyy-mm-dd` calendar days (no clock, no zone).
 *
 * Counting convention (configurable, see rules.ts): the working days *from* A *to* B count the days
 * after A up to and including B — start excluded, end included — so an action due on Friday is
 * "overdue by 1 working day" on the Monday after. Spans that run backwards count negative: between(B, A) = −between(A, B).
 */
import { dayNumber, type WorkingDayRules } from '../model/index.js';
import { COVERED, ENGLAND_AND_WALES } from './bank-holidays.js';

export interface Calendar {
  /** Day numbers of non-working weekdays, with what each is. */
  readonly closed: ReadonlyMap<number, string>;
  readonly countStart: boolean;
  readonly countEnd: boolean;
  /** Years the holiday list covers: outside them only weekends are known. */
  readonly covered: { from: number; to: number };
}

export function dayOf(iso: string): number {
  return dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** ISO date of a day number. */
export function isoOfDay(day: number): string {
  const d = new Date(day * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function makeCalendar(rules: WorkingDayRules): Calendar {
  const closed = new Map<number, string>();
  for (const h of ENGLAND_AND_WALES) closed.set(dayOf(h.date), h.title);
  for (const c of rules.closures) if (!closed.has(dayOf(c))) closed.set(dayOf(c), 'council closure day');
  return { closed, countStart: rules.countStart, countEnd: rules.countEnd, covered: COVERED };
}

export function isWorkingDay(cal: Calendar, iso: string): boolean {
  const day = dayOf(iso);
  const w = weekday(day);
  return w !== 0 && w !== 6 && !cal.closed.has(day);
}

/** Working days in the closed range of day numbers [a, b] (a ≤ b). */
function workingIn(cal: Calendar, a: number, b: number): number {
  if (b < a) return 0;
  // Whole weeks hold five weekdays; count the remainder day by day.
  const span = b - a + 1;
  const weeks = Math.floor(span / 7);
  let n = weeks * 5;
  for (let d = a + weeks * 7; d <= b; d++) {
    const w = weekday(d);
    if (w !== 0 && w !== 6) n += 1;
  }
  for (const day of cal.closed.keys()) {
    const w = weekday(day);
    if (day >= a && day <= b && w !== 0 && w !== 6) n -= 1;
  }
  return n;
}

/** Working days from `from` to `to`, by the calendar's convention; negative when `to` is earlier. */
export function workingDaysBetween(cal: Calendar, from: string, to: string): number {
  const a = dayOf(from);
  const b = dayOf(to);
  if (b < a) return -workingDaysBetween(cal, to, from);
  if (a === b) return cal.countStart && cal.countEnd && isWorkingDay(cal, from) ? 1 : 0;
  return workingIn(cal, cal.countStart ? a : a + 1, cal.countEnd ? b : b - 1);
}

/** The date `n` working days after `from` (n ≥ 0): the n-th working day after it. */
export function addWorkingDays(cal: Calendar, from: string, n: number): string {
  let day = dayOf(from);
  let left = n;
  while (left > 0) {
    day += 1;
    const w = weekday(day);
    if (w !== 0 && w !== 6 && !cal.closed.has(day)) left -= 1;
  }
  return isoOfDay(day);
}

/** Non-working weekdays (bank holidays, closures) in (from, to], for reasons: "including Good Friday". */
export function closuresBetween(cal: Calendar, from: string, to: string): string[] {
  const [a, b] = [dayOf(from), dayOf(to)].sort((x, y) => x - y) as [number, number];
  return [...cal.closed.entries()]
    .filter(([day]) => day > a && day <= b && weekday(day) !== 0 && weekday(day) !== 6)
    .sort((x, y) => x[0] - y[0])
    .map(([, what]) => what);
}
