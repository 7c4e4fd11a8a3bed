/**
 * How councils write dates and figures. Pure; every date is read and written in Europe/London.
 */
import { DateTime } from 'luxon';
import { formatMonth, type Unit } from '../model/index.js';

export const ZONE = 'Europe/London';

function local(iso: string): DateTime {
  const dt = DateTime.fromISO(iso, { zone: ZONE, locale: 'en-GB' });
  if (!dt.isValid) throw new Error(`not an ISO date: ${iso}`);
  return dt;
}

/** "Monday, 13 March 2017, 2.00 pm" – the meeting date as a council writes it. */
export function formatMeetingDateTime(isoLocal: string): string {
  const dt = local(isoLocal);
  const hour = dt.hour % 12 === 0 ? 12 : dt.hour % 12;
  const suffix = dt.hour < 12 ? 'am' : 'pm';
  return `${dt.toFormat('cccc, d LLLL yyyy')}, ${hour}.${dt.toFormat('mm')} ${suffix}`;
}

/** "13 March 2017". */
export function formatLongDate(iso: string): string {
  return local(iso).toFormat('d LLLL yyyy');
}

/** "Friday, 3 March 2017". */
export function formatDayDate(iso: string): string {
  return local(iso).toFormat('cccc, d LLLL yyyy');
}

/** "24/02/2017". */
export function formatShortDate(iso: string): string {
  return local(iso).toFormat('dd/LL/yyyy');
}

/** "2017-03" → "Mar 2017". */
export function formatPeriod(period: string): string {
  return formatMonth(period); // "Sep 2025", as the reasons and charts name it (the locale's own short month is "Sept")
}

export { formatValue, formatDifference, formatIsoDate, formatMonth } from '../model/index.js';

export const UNIT_LABEL: Record<Unit, string> = {
  percent: '%',
  number: 'Number',
  days: 'Days',
  'rate per 10,000': 'Rate per 10,000',
};
