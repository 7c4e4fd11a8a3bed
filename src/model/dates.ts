/**
 * Dates as councils write them in spreadsheets, and the free-text states that stand in for dates.
 *
 * Pure, and fast: regular expressions and Date.UTC (luxon's fromFormat per row costs 25 s a million).
 * Every function returns ISO `yyyy-mm-dd` or says why not; none throws.
 *
 * Forms read: 31/03/2017, 31-3-2017, 31.03.2017; 2017-03-31; "31 March 2017", "31st Mar 2017";
 * "09 Mar" (year inferred from the as-at date: the nearest such day); "March 2018", "Mar 2018",
 * "October2017" (that month's last day); Excel serial numbers; real date cells.
 * Two-digit years (03/04/17) are ambiguous and refused unless the caller gives a century.
 * In a deadline's words, the months and periods it names (`monthYearAtEnd`, `periodEnds`: quarters of a
 * financial year, financial years, seasons, school terms), each read as its last day.
 */
import { formatIsoDate } from './numbers.js';

export type DeadlineState = 'complete' | 'in progress' | 'ongoing' | 'to be confirmed' | 'dependent';

export type DateReading =
  | { kind: 'date'; iso: string; /** true when only a month was given ("March 2018" → last day). */ monthOnly?: boolean }
  | { kind: 'state'; state: DeadlineState; text: string }
  | { kind: 'empty' }
  | { kind: 'ambiguous' }
  | { kind: 'invalid' };

export interface DateOptions {
  /** The report's as-at date (ISO), used to infer the year of "09 Mar". */
  asAt: string;
  /** Century for two-digit years (2000 reads 17 as 2017); undefined refuses them. */
  twoDigitYears?: number | undefined;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** The months' names, January first. */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The month a word names ("Sep", "Sept", "September", any case), 1–12, or undefined. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(w));
  if (i >= 0) return i + 1;
  return MONTHS[w];
}

const pad = (n: number): string => String(n).padStart(2, '0');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]!;
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian), without a Date object. */
export function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

export function isoOf(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200 || d > daysInMonth(y, m)) return undefined; // 31/02 and the like
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function lastDayOfMonth(y: number, m: number): string {
  return `${y}-${pad(m)}-${pad(daysInMonth(y, m))}`;
}

/** Excel's day number (1900 date system, with its phantom 29 Feb 1900) → ISO. */
export function fromExcelSerial(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 150000) return undefined;
  const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

const STATES: [RegExp, DeadlineState][] = [
  [/^(complete|completed|done|closed|achieved)\b/i, 'complete'],
  [/^(in progress|in hand|on track|underway|under way|started)\b/i, 'in progress'],
  [/^(ongoing|on going|on-going|continuous|business as usual|bau)\b/i, 'ongoing'],
  [/^(tbc|tba|to be confirmed|to be agreed|tbd|to be determined)\b/i, 'to be confirmed'],
  [/^(dependent|depended|depends|dependant|subject to|linked to|see above|as above)\b/i, 'dependent'],
];

export function deadlineState(text: string): DeadlineState | undefined {
  const t = text.trim();
  for (const [re, state] of STATES) if (re.test(t)) return state;
  return undefined;
}

/**
 * A date in figures without the time after it, as a date-and-time cell saved to CSV (or a system's export)
 * writes it: "28/02/2017 00:00", "2017-02-28T09:30:00.000Z" → the date alone. Other text is kept as it is.
 */
export function withoutTime(text: string): string {
  return text.replace(/^([\d/.-]+)[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?$/, '$1');
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** "28 February 2017", "28-Feb-17" (Excel's d-mmm-yy saved to CSV): a two-digit year only as the config allows. */
const D_MONTH_Y = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]*([A-Za-z]{3,9})\.?,?[\s-]*(\d{4}|\d{2})$/;
const D_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]*([A-Za-z]{3,9})\.?$/;
/** "March 2017", "Mar-17" (Excel's mmm-yy saved to CSV), "Mar '17": the month's last day. Not "June 30", which may be a day. */
const MONTH_Y = /^([A-Za-z]{3,9})\.?,?(?:\s*(\d{4})|\s*(?:-|['’])\s*(\d{2}))$/;

/** A year as written: four digits, or two with the config's century (undefined when it sets none). */
function yearOf(text: string, options: DateOptions): number | undefined {
  if (text.length === 4) return Number(text);
  return options.twoDigitYears === undefined ? undefined : options.twoDigitYears + Number(text);
}

/** Read a cell as a date or a deadline state. `value` may be a Date, an Excel serial, or text. */
export function readDate(value: unknown, options: DateOptions): DateReading {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { kind: 'invalid' };
    return { kind: 'date', iso: `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}` };
  }
  if (typeof value === 'number') {
    const iso = fromExcelSerial(value);
    return iso ? { kind: 'date', iso } : { kind: 'invalid' };
  }
  const text = String(value ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'empty' };

  const day = withoutTime(text);
  let m = DMY.exec(day);
  if (m) {
    const y = yearOf(m[3]!, options);
    if (y === undefined) return { kind: 'ambiguous' };
    const iso = isoOf(y, Number(m[2]), Number(m[1]));
    return iso ? { kind: 'date', iso } : { kind: 'invalid' };
  }
  m = YMD.exec(day);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { kind: 'date', iso } : { kind: 'invalid' };
  }
  // A word that is not a month ("Ongoing 17") is left for the states below.
  m = D_MONTH_Y.exec(text);
  const ofDay = m ? monthNumber(m[2]!) : undefined;
  if (m && ofDay) {
    const y = yearOf(m[3]!, options);
    if (y === undefined) return { kind: 'ambiguous' };
    const iso = isoOf(y, ofDay, Number(m[1]));
    return iso ? { kind: 'date', iso } : { kind: 'invalid' };
  }
  m = MONTH_Y.exec(text);
  const alone = m ? monthNumber(m[1]!) : undefined;
  if (m && alone) {
    const y = yearOf(m[2] ?? m[3]!, options);
    return y === undefined ? { kind: 'ambiguous' } : { kind: 'date', iso: lastDayOfMonth(y, alone), monthOnly: true };
  }
  m = D_MONTH.exec(text);
  if (m) {
    const month = monthNumber(m[2]!);
    if (!month) return { kind: 'invalid' };
    const iso = nearestYear(Number(m[1]), month, options.asAt);
    return iso ? { kind: 'date', iso } : { kind: 'invalid' };
  }
  const state = deadlineState(text);
  if (state) return { kind: 'state', state, text };
  return { kind: 'invalid' };
}

/** A month and a year, at the end of a text: "By Nov 19", "Apr 21 – Oct 22" (its end), "March 2020", "Nov-19". */
const MONTH_YEAR_AT_END = /(?:^|[\s(,;:–—-])(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[\s'’-]*(\d{4}|\d{2})\)?[.\s]*$/i;

/**
 * The month a text ends on, written with its year: "By Nov 19" → 30 November 2019, in a plan of those
 * years (a two-digit year is read in the century that puts it within 20 years of the as-at date; "Feb 20"
 * in a 2020 plan is February 2020, never the 20th of February). The last day of that month, and the words
 * that name it; undefined when the text ends on no such month.
 */
export function monthYearAtEnd(text: string, asAt: string): { iso: string; words: string; index: number } | undefined {
  const m = MONTH_YEAR_AT_END.exec(text);
  if (!m) return undefined;
  const month = monthNumber(m[1]!);
  if (!month) return undefined;
  let year = Number(m[2]);
  if (m[2]!.length === 2) {
    const at = Number(asAt.slice(0, 4));
    year += Math.round((at - year) / 100) * 100;
    if (Math.abs(year - at) > 20) return undefined;
  }
  const start = m.index + (m[0].length - m[0].trimStart().length);
  return { iso: lastDayOfMonth(year, month), words: text.slice(start).trim(), index: start };
}

/** A period named in a deadline's words, read as its last day. */
export interface PeriodEnd {
  iso: string;
  /** What the period is, for the warning: "Q3 of the financial year 2017/18 (October to December 2017)". */
  period: string;
}

/** The first year of a financial year written "2017/18", "2017-18", "2017/2018", "17/18" (its two years in turn), else undefined. */
export function financialYearOf(first: string, second: string): number | undefined {
  const y = Number(first.length === 2 ? `20${first}` : first);
  const next = second.length === 2 ? Math.floor((y + 1) / 100) * 100 + Number(second) : Number(second);
  return next === y + 1 && y >= 1990 && y <= 2100 ? y : undefined;
}
const FY = String.raw`(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})`;
const QUARTER_THEN_YEAR = new RegExp(String.raw`\bQ(?:tr|uarter)?\.?\s*([1-4])\b[\s,:–-]*(?:of\s+)?(?:FY\s*|financial\s+year\s+)?${FY}\b`, 'gi');
const YEAR_THEN_QUARTER = new RegExp(String.raw`\b(?:FY\s*)?${FY}\s*[,:–-]?\s*Q(?:tr|uarter)?\.?\s*([1-4])\b`, 'gi');
const YEAR_ALONE = /\b(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{4}|\d{2})\b/gi;
const SEASON = /\b(spring|summer|autumn|winter)(\s+term)?\s*,?\s*(\d{4})\b/gi;
/** "w/c 14/10/2024", "Week commencing 14 October 2024", "w/b 14.10.2024": a week named by its first day. */
const WEEK_OF = /\b(?:w\/[cb]|w\.[cb]\.?|week\s+(?:commencing|beginning|starting))\.?\s*:?\s*(?:(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}))\b/gi;
/** A season's or a school term's last month (winter: the February after), and its months in words. */
const SEASONS: Record<string, { last: number; months: string; term?: { last: number; months: string } }> = {
  spring: { last: 5, months: 'March to May', term: { last: 3, months: 'January to March' } },
  summer: { last: 8, months: 'June to August', term: { last: 7, months: 'April to July' } },
  autumn: { last: 11, months: 'September to November', term: { last: 12, months: 'September to December' } },
  winter: { last: 2, months: '' }, // December to the February after: said with its years
};

/**
 * The periods a deadline's words name, each read as its last day: a quarter of a financial year (April
 * to March: "Q3 2017/18" → 31 December 2017), a financial year ("2017/18", "FY 2017-18" → 31 March 2018),
 * a season or a school term ("Autumn 2017" → 30 November 2017, "Autumn term 2017" → 31 December 2017), a
 * week named by its first day ("w/c 14/10/2024" → 20 October 2024). A quarter of a calendar year ("Q3 2017": which year's third quarter?) is not read.
 */
export function periodEnds(text: string): PeriodEnd[] {
  const out: PeriodEnd[] = [];
  const quarters: [number, number][] = []; // where each quarter was found, so its year is not read again alone
  const quarter = (q: number, y: number): PeriodEnd => {
    const [first, last] = [[4, 6], [7, 9], [10, 12], [1, 3]][q - 1]!;
    const year = q === 4 ? y + 1 : y;
    return { iso: lastDayOfMonth(year, last!), period: `Q${q} of the financial year ${y}/${String(y + 1).slice(2)} (${MONTH_NAMES[first! - 1]} to ${MONTH_NAMES[last! - 1]} ${year})` };
  };
  for (const m of text.matchAll(QUARTER_THEN_YEAR)) {
    const y = financialYearOf(m[2]!, m[3]!);
    if (y !== undefined) out.push(quarter(Number(m[1]), y)), quarters.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(YEAR_THEN_QUARTER)) {
    const y = financialYearOf(m[1]!, m[2]!);
    if (y !== undefined) out.push(quarter(Number(m[3]), y)), quarters.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(YEAR_ALONE)) {
    const y = financialYearOf(m[1]!, m[2]!);
    if (y === undefined || quarters.some(([a, b]) => m.index < b && m.index + m[0].length > a)) continue;
    out.push({ iso: lastDayOfMonth(y + 1, 3), period: `the financial year ${y}/${String(y + 1).slice(2)} (April ${y} to March ${y + 1})` });
  }
  for (const m of text.matchAll(WEEK_OF)) {
    const [y, mo, d] = m[3] !== undefined ? [Number(m[3]), Number(m[2]), Number(m[1])] : [Number(m[6]), monthNumber(m[5]!) ?? 0, Number(m[4])];
    const first = isoOf(y, mo, d);
    if (first === undefined) continue;
    const last = new Date(Date.UTC(y, mo - 1, d + 6)).toISOString().slice(0, 10);
    out.push({ iso: last, period: `the week commencing ${formatIsoDate(first)} (to ${formatIsoDate(last)})` });
  }
  for (const m of text.matchAll(SEASON)) {
    const name = m[1]!.toLowerCase();
    const y = Number(m[3]);
    const season = SEASONS[name]!;
    const term = m[2] && season.term;
    const { last, months } = term || season;
    const year = name === 'winter' ? y + 1 : y;
    const words = term ? `the ${name} term ${y}` : `${name} ${y}`;
    out.push({ iso: lastDayOfMonth(year, last), period: `${words} (${name === 'winter' ? `December ${y} to February ${y + 1}` : months})` });
  }
  return out;
}

/** "09 Mar" as at 2017-02-24 → 2017-03-09: of the years around the as-at date, the nearest such day. */
export function nearestYear(day: number, month: number, asAt: string): string | undefined {
  const y = Number(asAt.slice(0, 4));
  const at = dayNumber(y, Number(asAt.slice(5, 7)), Number(asAt.slice(8, 10)));
  let best: string | undefined;
  let bestGap = Infinity;
  for (const year of [y - 1, y, y + 1]) {
    const iso = isoOf(year, month, day);
    if (!iso) continue;
    const gap = Math.abs(dayNumber(year, month, day) - at);
    if (gap < bestGap) {
      best = iso;
      bestGap = gap;
    }
  }
  return best;
}
