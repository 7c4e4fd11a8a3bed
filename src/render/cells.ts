/**
 * The small views every table shares: a rating cell (colour, letter, label, reason and the cell it came
 * from), counts with percentages of the rated, a reason under a table, a source file's provenance. Pure.
 */
import { formatLocation } from '../errors.js';
import { percentOf, ratedText, STATUS_LABEL, type Counts, type Rating, type Source, type SourceFile, type Status } from '../model/index.js';
import { formatShortDate } from './format.js';

export const LETTER: Record<Status, string> = { red: 'R', amber: 'A', green: 'G', blue: 'B', grey: '–', none: 'N/A' };

export interface RatingCellView {
  status: Status;
  letter: string;
  label: string;
  reason: string;
  source: string;
}

export interface CountsView {
  red: number;
  amber: number;
  green: number;
  blue: number;
  grey: number;
  total: number;
  /** "41 of 47 rated", and each rated status's share of the rated. */
  rated: string;
  percent: { red: string; amber: string; green: string; blue: string };
}

/** A rating that is not green, with its reason, for the list under a table. */
export interface ReasonView {
  id: string;
  title: string;
  rating: RatingCellView;
}

export interface SourceView {
  file: string;
  sheet: string | undefined;
  sha256: string;
  /** "extract dated 24/02/2017", when the extract says when it was produced. */
  dated: string;
}

/** "data/sample/tracker.xlsx › SIP Summary!D9": what a `data-source` attribute says. */
export const src = (s: Source): string => formatLocation(s);

export const sourceView = (s: SourceFile, dated?: string): SourceView => ({ file: s.file, sheet: s.sheet, sha256: s.sha256, dated: dated ? `extract dated ${formatShortDate(dated)}` : '' });

export function countsView(c: Counts): CountsView {
  const pc = (st: Status): string => {
    const p = percentOf(c, st);
    return p === undefined ? '–' : `${p}%`;
  };
  return {
    red: c.red,
    amber: c.amber,
    green: c.green,
    blue: c.blue,
    grey: c.grey + c.none,
    total: c.total,
    rated: ratedText(c),
    percent: { red: pc('red'), amber: pc('amber'), green: pc('green'), blue: pc('blue') },
  };
}

export function ratingCell(rating: Rating, source: Source | undefined): RatingCellView {
  return { status: rating.status, letter: LETTER[rating.status], label: STATUS_LABEL[rating.status], reason: rating.reason, source: source ? src(source) : '' };
}

export const notGreen = (r: Rating): boolean => r.status !== 'green';
