/**
 * Figures as a paper shows them, shared by scoring (which compares at display precision and words
 * its reasons with them) and rendering. Pure.
 */
import type { Unit } from './types.js';

const DECIMALS: Record<Unit, number> = { percent: 1, number: 0, days: 0, 'rate per 10,000': 1 };

/** Decimal places a value of this unit is shown with (whole-number units show a fraction to 1 place). */
export function decimalsFor(unit: Unit, value: number): number {
  return unit === 'number' && !Number.isInteger(value) ? 1 : DECIMALS[unit];
}

/** Round half away from zero to `places`, as a person rounds (and as the figure is printed). */
export function roundTo(value: number, places: number): number {
  const f = 10 ** places;
  const r = Math.sign(value) * Math.round(Math.abs(value) * f + 1e-9) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** The value as it is printed, as a number: what ratings compare. */
export function displayed(value: number, unit: Unit): number {
  return roundTo(value, decimalsFor(unit, value));
}

/** One formatter per number of places: making an Intl.NumberFormat costs far more than using one. */
const formatters = new Map<number, Intl.NumberFormat>();

function grouped(value: number, places: number): string {
  let f = formatters.get(places);
  if (!f) formatters.set(places, (f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })));
  return f.format(roundTo(value, places));
}

/** A KPI value at its unit's display precision: "86.2%", "1,204", "71.3" (days and rates are shown bare; the unit is labelled beside them). */
export function formatValue(value: number, unit: Unit): string {
  const n = grouped(value, decimalsFor(unit, value));
  return unit === 'percent' ? `${n}%` : n;
}

/**
 * A difference, signed, in the unit's words: "−3.8 points", "+2 days", "+0.4". `places` defaults to
 * the unit's; pass the figures' own (e.g. 1 for caseloads of 19.6 and 23.6: "−4.0").
 */
export function formatDifference(diff: number, unit: Unit, places: number = unit === 'number' ? (Number.isInteger(roundTo(diff, 1)) ? 0 : 1) : DECIMALS[unit]): string {
  const r = roundTo(diff, places);
  const sign = r > 0 ? '+' : r < 0 ? '−' : '±';
  const n = grouped(Math.abs(r), places);
  const words: Record<Unit, string> = {
    percent: r === 1 || r === -1 ? ' point' : ' points',
    number: '',
    days: r === 1 || r === -1 ? ' day' : ' days',
    'rate per 10,000': ' per 10,000',
  };
  return `${sign}${n}${words[unit]}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2018-02-28" → "28 February 2018" (no clock, no zone: a calendar day). */
export function formatIsoDate(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTH_NAMES[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** "2017-02" → "Feb 2017". */
export function formatMonth(period: string): string {
  return `${MONTH_NAMES[Number(period.slice(5, 7)) - 1]!.slice(0, 3)} ${period.slice(0, 4)}`;
}
