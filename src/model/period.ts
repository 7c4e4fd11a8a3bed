/**
 * A reporting Period: a calendar month, written `2026-11`, as monthly highlight reports and their
 * extracts are named. Pure: "today" is always an argument (the clock is injected by the caller), and
 * months are counted in Europe/London, where the councils are.
 */
import { DateTime } from 'luxon';

/** `2026-11`. */
export type Period = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The period written `YYYY-MM`, or undefined when the text is not one. */
export function parsePeriod(text: string): Period | undefined {
  const m = PERIOD.exec(text.trim());
  return m ? `${m[1]}-${m[2]}` : undefined;
}

function monthOf(period: Period): DateTime {
  const m = PERIOD.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  return DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone: 'Europe/London' });
}

/** The month before: `2026-01` → `2025-12`. */
export function previousPeriod(period: Period): Period {
  return monthOf(period).minus({ months: 1 }).toFormat('yyyy-MM');
}

/** `n` months before: `2017-02`, 12 → `2016-02`. */
export function monthsBefore(period: Period, n: number): Period {
  const i = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The last day of the period, the date its report speaks as at: `2024-02` → `2024-02-29`. */
export function periodEnd(period: Period): string {
  return monthOf(period).endOf('month').toISODate()!;
}

/** "November 2026". */
export function periodLabel(period: Period): string {
  return monthOf(period).setLocale('en-GB').toFormat('LLLL yyyy');
}

/**
 * The latest complete month at `now`, in Europe/London: at 23:30 UTC on 31 July it is already 00:30 on
 * 1 August in London (BST), so July is complete.
 */
export function latestCompletePeriod(now: Date): Period {
  return DateTime.fromJSDate(now, { zone: 'Europe/London' }).startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
}

/** A path written with `{period}` (and `{year}`, `{month}`) for one period: `extracts/{period}/kpis.csv`. */
export function pathForPeriod(template: string, period: Period): string {
  const [year, month] = period.split('-') as [string, string];
  return template.replaceAll('{period}', period).replaceAll('{year}', year).replaceAll('{month}', month);
}
