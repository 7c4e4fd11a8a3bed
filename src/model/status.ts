/**
 * The one status vocabulary, its words, and how statuses compare and add up. Pure.
 */
import type { Rating, Status } from './types.js';
import { STATUSES } from './types.js';

export const STATUS_LABEL: Record<Status, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  blue: 'Blue (complete)',
  grey: 'Grey (no data)',
  none: 'Not rated',
};

/** The word a reason starts with. */
export const STATUS_WORD: Record<Status, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  blue: 'Complete',
  grey: 'No data',
  none: 'Not rated',
};

/**
 * How bad a status is, for "worse" and "worst": red 3, amber 2, green 1, blue 0. Grey and not rated
 * are not on the scale (undefined): moving to or from them is a change, not a worsening.
 */
export function severity(status: Status): number | undefined {
  switch (status) {
    case 'red':
      return 3;
    case 'amber':
      return 2;
    case 'green':
      return 1;
    case 'blue':
      return 0;
    default:
      return undefined;
  }
}

/** Whether `to` is worse than `from` (both on the scale). */
export function isWorse(from: Status, to: Status): boolean {
  const a = severity(from);
  const b = severity(to);
  return a !== undefined && b !== undefined && b > a;
}

/** The worst of some statuses on the scale; undefined when none is. */
export function worst(statuses: readonly Status[]): Status | undefined {
  let out: Status | undefined;
  for (const s of statuses) {
    const v = severity(s);
    if (v !== undefined && (out === undefined || v > severity(out)!)) out = s;
  }
  return out;
}

export function rating(status: Status, reason: string): Rating {
  return { status, reason };
}

export type Counts = Record<Status, number> & {
  total: number;
  /** Items with a rating on the scale (grey and not rated excluded): the percentages' denominator. */
  rated: number;
};

export function emptyCounts(): Counts {
  return { red: 0, amber: 0, green: 0, blue: 0, grey: 0, none: 0, total: 0, rated: 0 };
}

export function countRatings(ratings: readonly Rating[]): Counts {
  const c = emptyCounts();
  for (const r of ratings) {
    c[r.status] += 1;
    c.total += 1;
    if (severity(r.status) !== undefined) c.rated += 1;
  }
  return c;
}

export function addCounts(a: Counts, b: Counts): Counts {
  const c = emptyCounts();
  for (const s of STATUSES) c[s] = a[s] + b[s];
  c.total = a.total + b.total;
  c.rated = a.rated + b.rated;
  return c;
}

/** A status's share of the rated items, in whole percent (undefined when nothing is rated). */
export function percentOf(c: Counts, status: Status): number | undefined {
  if (c.rated === 0 || severity(status) === undefined) return undefined;
  return Math.round((c[status] / c.rated) * 100);
}

/** "41 of 47 rated". */
export function ratedText(c: Counts): string {
  return `${c.rated} of ${c.total} rated`;
}
