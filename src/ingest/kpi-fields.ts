/**
 * The cells a KPI definition and a KPI return share: unit and polarity words, numbers as councils write
 * them ("12.5%", "1,204"), periods in every form a return uses, and the definition fields a row may carry.
 */
import { problem, type Problem } from '../errors.js';
import { financialYearOf, headerKey, MONTH_NAMES, monthNumber, SUPPRESSION_CODES, withoutTime, type Polarity, type Source, type Unit } from '../model/index.js';
import { columnName, type TableRow } from './table.js';

export const UNITS: Record<string, Unit> = {
  '%': 'percent',
  percent: 'percent',
  percentage: 'percent',
  number: 'number',
  count: 'number',
  no: 'number',
  days: 'days',
  'rate per 10 000': 'rate per 10,000',
  'rate per 10000': 'rate per 10,000',
  'per 10 000': 'rate per 10,000',
  'rate per 10k': 'rate per 10,000',
  'rate per 10 000 children': 'rate per 10,000',
  'per 10 000 children': 'rate per 10,000',
};
export const POLARITIES: Record<string, Polarity> = {
  higher: 'higher',
  'higher is better': 'higher',
  high: 'higher',
  'high is good': 'higher',
  'higher is good': 'higher',
  'bigger is better': 'higher',
  maximise: 'higher',
  maximize: 'higher',
  lower: 'lower',
  'lower is better': 'lower',
  low: 'lower',
  'low is good': 'lower',
  'lower is good': 'lower',
  'smaller is better': 'lower',
  minimise: 'lower',
  minimize: 'lower',
  band: 'band',
  'within a band': 'band',
  'in range': 'band',
  'within range': 'band',
  none: 'none',
  'n a': 'none',
  contextual: 'none',
};

const GOOD_ABOVE = /^(?:≥|>=|=>|>|at least|min(?:imum)?\.?:?|no less than|not less than|above|over)\s*|\s*(?:\+|or (?:above|more|higher|over|better)|and above)$/i;
const GOOD_BELOW = /^(?:≤|<=|=<|<|at most|max(?:imum)?\.?:?|no more than|not more than|below|under|less than)\s*|\s*(?:or (?:below|less|lower|under|fewer)|and below)$/i;

/**
 * A target as KPI sheets write it: a number, or a number with the side it is good on — "≥ 85%", ">=85",
 * "at least 85", "85% or above", "85+" (higher is better); "< 15%", "no more than 15", "15 or below"
 * (lower is better).
 */
export function parseTarget(text: string): { value: number | undefined; side?: 'higher' | 'lower' } {
  const plain = parseNumber(text);
  if (plain !== undefined) return { value: plain };
  const t = text.trim();
  if (GOOD_ABOVE.test(t)) return { value: parseNumber(t.replace(GOOD_ABOVE, '')), side: 'higher' };
  if (GOOD_BELOW.test(t)) return { value: parseNumber(t.replace(GOOD_BELOW, '')), side: 'lower' };
  return { value: undefined };
}

/** Thousands grouped by commas or spaces, each group after the first three digits: "1,204", "12 345.6". */
const GROUPED = /^[-+]?\d{1,3}(?:([,\u00a0 ])\d{3})(?:\1\d{3})*(?:\.\d*)?%?$/;

/**
 * Numbers as spreadsheets show them: "86.2", "86.2%", "1,204", "1 204". A comma or a space elsewhere is
 * not a thousands separator — "86,2" (a decimal comma, or a slip for 86.2) is refused, never read as 862 —
 * and "(12)" is not accepted.
 */
export function parseNumber(text: string): number | undefined {
  let t = text.trim().replace(/[\s\u00a0]+%$/, '%'); // "86.2 %"
  if (/[,\s\u00a0]/.test(t)) {
    if (!GROUPED.test(t)) return undefined;
    t = t.replace(/[,\s\u00a0]/g, '');
  }
  t = t.replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  return Number(t);
}

/**
 * `2017-03`, `2017-3`, `Mar 2017`, `March 2017`, `Mar-17`, `Mar '17`, `03/2017`, `01/03/2017` (day first), an Excel
 * date → `2017-03`. A time after a date (`2017-03-01 00:00:00`, `01/03/2017 00:00`: a date-and-time cell
 * saved to CSV, or a system's export) is let go.
 */
export function normalisePeriod(text: string, value?: unknown): string | undefined {
  if (value instanceof Date) return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`;
  const t = withoutTime(text.trim());
  let m = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(t) ?? /^(?<month>\d{1,2})\/(\d{4})$/.exec(t); // 2017-03, 03/2017
  if (m) {
    const [year, month] = m.groups?.month !== undefined ? [m[2]!, Number(m[1])] : [m[1]!, Number(m[2])];
    return month >= 1 && month <= 12 ? ym(Number(year), month) : undefined;
  }
  // A date, day first as in the UK ("01/04/2019", "30.04.19"): what a date cell becomes in a CSV Excel saves.
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(t);
  if (m) {
    const [day, month] = [Number(m[1]), Number(m[2])];
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, '0')}` : undefined;
  }
  m = /^([A-Za-z]{3,9})[\s-]+(\d{4})$/.exec(t);
  if (m) {
    const month = monthNumber(m[1]!);
    return month ? ym(Number(m[2]), month) : undefined;
  }
  return shortYearMonth(t);
}

/** A period a wide return's column heading names: the month its values are for, and how to print it. */
export interface HeadingPeriod {
  /** The period's last month, `YYYY-MM` (a quarter's third month, a financial year's March). */
  period: string;
  /** As printed: "April 2019", "Q1 2019/20", "2019/20". */
  label: string;
  kind: 'month' | 'quarter' | 'year';
}

const ym = (y: number, m: number): string => `${y}-${String(m).padStart(2, '0')}`;
/** "2019/20", "2019-20", "2019/2020": a financial year starting in April of its first year, when the two agree. */
const FINANCIAL_YEAR = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/;
/** "Q1 2019/20", "2019/20 Q1", "Q1 19/20" (with a quarter, a two-digit year is a financial year's). */
const QUARTER = /^(?:Q([1-4])\s*((?:\d{2}|\d{4})\s*[/-]\s*(?:\d{2}|\d{4}))|((?:\d{2}|\d{4})\s*[/-]\s*(?:\d{2}|\d{4}))\s*Q([1-4]))$/i;
/** Three months named as a range: "Jul-Sep 2019", "Jul – Sep 19", "July to September 2019", "Apr 2019 - Jun 2019". */
const MONTH_RANGE = /^([A-Za-z]{3,9})\.?(?:\s*(\d{4}|\d{2}))?\s*(?:[-–—]|to)\s*([A-Za-z]{3,9})\.?,?\s*(\d{4}|\d{2})$/i;

function financialYear(text: string, short = false): number | undefined {
  const m = (short ? /^(\d{2}|\d{4})\s*[/-]\s*(\d{2}|\d{4})$/ : FINANCIAL_YEAR).exec(text.trim());
  return m ? financialYearOf(m[1]!, m[2]!) : undefined;
}

/** A range of three months ("Jul-Sep 2019"): a quarter, kept at its last month and printed as written. */
function monthRange(t: string): HeadingPeriod | undefined {
  const m = MONTH_RANGE.exec(t);
  if (!m) return undefined;
  const [from, to] = [monthNumber(m[1]!), monthNumber(m[3]!)];
  if (from === undefined || to === undefined) return undefined;
  const year = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));
  const endYear = year(m[4]!);
  const startYear = m[2] !== undefined ? year(m[2]) : to >= from ? endYear : endYear - 1;
  if ((endYear - startYear) * 12 + to - from !== 2) return undefined; // a quarter's three months, nothing else
  const short = (n: number): string => MONTH_NAMES[n - 1]!.slice(0, 3);
  return { period: ym(endYear, to), label: `${short(from)}${startYear !== endYear ? ` ${startYear}` : ''}–${short(to)} ${endYear}`, kind: 'quarter' };
}

/**
 * The period a column heading of a wide return names: a month ("Apr 2019", "April-2019", "Apr-19",
 * "2019-04", a date cell), a quarter of the financial year ("Q1 2019/20", "Q1 19/20": April to June
 * 2019), three months named as a range ("Jul-Sep 2019") or a financial year ("2019/20": April 2019 to
 * March 2020). Undefined for any other heading.
 */
export function periodOfHeading(text: string, value?: unknown): HeadingPeriod | undefined {
  const t = text.trim();
  const month = normalisePeriod(t, value) ?? shortYearMonth(t);
  if (month) return { period: month, label: `${MONTH_NAMES[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`, kind: 'month' };
  const q = QUARTER.exec(t);
  if (q) {
    const n = Number(q[1] ?? q[4]);
    const start = financialYear(q[2] ?? q[3]!, true);
    if (start === undefined) return undefined;
    const end = n === 4 ? ym(start + 1, 3) : ym(start, 3 + n * 3);
    return { period: end, label: `Q${n} ${start}/${String((start + 1) % 100).padStart(2, '0')}`, kind: 'quarter' };
  }
  const fy = financialYear(t);
  if (fy !== undefined) return { period: ym(fy + 1, 3), label: `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`, kind: 'year' };
  return monthRange(t);
}

/** "Apr-19", "Apr 19", "Apr '19": how Excel shows a month (and writes a "mmm-yy" date cell into a CSV); the century is 2000. */
export function shortYearMonth(t: string): string | undefined {
  const m = /^([A-Za-z]{3,9})(?:[\s-]|\s?['’])(\d{2})$/.exec(t);
  const month = m ? monthNumber(m[1]!) : undefined;
  return month ? ym(2000 + Number(m![2]), month) : undefined;
}

/** Column index (0-based) → spreadsheet letters. */
export function columnLetters(index: number): string {
  return columnName(index + 1);
}

export type Getter<F extends string> = (f: F) => string;

export function cellReader<F extends string>(row: TableRow, columns: Partial<Record<F, number>>, at: (a: string) => Source) {
  const get: Getter<F> = (f) => (columns[f] === undefined ? '' : row.text(columns[f]!));
  const where = (f: F): Source => at(`${columnName(columns[f] ?? 1)}${row.number}`);
  return { get, where };
}

/** The definition fields a row may carry, each read and checked; problems are pushed. */
export function readDefinitionFields<F extends 'name' | 'unit' | 'polarity' | 'target'>(
  get: Getter<F>,
  where: (f: F) => Source,
  problems: Problem[],
): { name: string; unit: Unit | undefined; polarity: Polarity | undefined; target: number | undefined; ok: boolean; given: Record<string, boolean> } {
  let ok = true;
  const unitText = get('unit' as F);
  const unit = unitText === '' ? undefined : UNITS[unitText === '%' ? '%' : headerKey(unitText)];
  if (unitText !== '' && !unit) {
    problems.push(problem('BadChoice', { field: 'unit', found: unitText, choices: ['%', 'number', 'days', 'rate per 10,000'] }, where('unit' as F)));
    ok = false;
  }
  const polarityText = get('polarity' as F);
  const polarity = polarityText === '' ? undefined : POLARITIES[headerKey(polarityText)];
  if (polarityText !== '' && !polarity) {
    problems.push(problem('BadChoice', { field: 'polarity', found: polarityText, choices: ['higher', 'lower', 'band', 'none'] }, where('polarity' as F)));
    ok = false;
  }
  const targetText = get('target' as F);
  const read = targetText === '' ? undefined : parseTarget(targetText);
  const target = read?.value;
  if (targetText !== '' && target === undefined) {
    problems.push(problem('NotANumber', { field: 'target', found: targetText }, where('target' as F)));
    ok = false;
  }
  // "≥ 85%" on a measure where lower is better: one of the two is wrong.
  if (read?.side !== undefined && (polarity === 'higher' || polarity === 'lower') && read.side !== polarity) {
    problems.push(problem('TargetAgainstPolarity', { found: targetText, side: read.side, polarity }, where('target' as F)));
    ok = false;
  }
  return { name: get('name' as F), unit, polarity, target, ok, given: { unit: unitText !== '', polarity: polarityText !== '', target: targetText !== '' } };
}

const PERCENT_NAME = /%|\bper ?cent(?:age)?\b|\bproportion\b/i;
const PER_10K = /\bper\s+10[, ]?000\b|\bper\s+10k\b/i;
const DAYS = /\bdays?\b/i;

/**
 * A measure's unit when the return has no unit column (most scorecards have none): a percentage when a
 * cell of its row shows "%" (a cell formatted as one) or its name says so ("% of…", "Percentage of…");
 * a rate per 10,000, or days, when its name says so; else a number. The reader says what it read.
 */
export function unitOfMeasure(name: string, shown: readonly string[]): Unit {
  if (shown.some((t) => t.trimEnd().endsWith('%')) || PERCENT_NAME.test(name)) return 'percent';
  if (PER_10K.test(name)) return 'rate per 10,000';
  return DAYS.test(name) ? 'days' : 'number';
}

/** What returns write for a month with no figure, beside DfE's suppression codes: "n/a", "TBC", "–", "not available". */
const NO_FIGURE = new Set(['n/a', 'na', 'n.a.', 'n.a', 'n/k', 'tbc', 'tba', '–', '—', 'nr', 'not available', 'not yet available', 'no data', 'awaited', 'not due', 'not reported']);

/** The text written instead of a figure ("c", "n/a", "–"), or undefined for any other text. */
export function noFigure(text: string): string | undefined {
  if (text === '' || text.length > 17) return undefined;
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return undefined; // most cells: a figure, known from its first digit
  const key = text.toLowerCase();
  return SUPPRESSION_CODES.has(key) || NO_FIGURE.has(key) ? text : undefined;
}
