/**
 * Working days and the bundled bank holidays. The list is checked against an independent
 * computation of the statutory rules (Easter by the Gregorian computus, first/last Mondays,
 * substitute days) plus the four one-off changes, so a slip in the data cannot go unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES } from '../../src/score/bank-holidays.js';
import { addWorkingDays, closuresBetween, isWorkingDay, makeCalendar, workingDaysBetween } from '../../src/score/index.js';
import { DEFAULT_RULES } from '../../src/model/index.js';

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
const plus = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(y: number): Date {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return day(y, month, ((h + l - 7 * m + 114) % 31) + 1);
}
const mondays = (y: number, m: number): Date[] => {
  const out: Date[] = [];
  for (let d = day(y, m, 1); d.getUTCMonth() === m - 1; d = plus(d, 1)) if (d.getUTCDay() === 1) out.push(d);
  return out;
};
/** New Year, Christmas and Boxing Day move to the next weekdays not already taken. */
function substituted(fixed: Date[]): Date[] {
  const taken = new Set<string>();
  const out: Date[] = [];
  for (const f of fixed) {
    let d = f;
    while (d.getUTCDay() === 0 || d.getUTCDay() === 6 || taken.has(iso(d))) d = plus(d, 1);
    taken.add(iso(d));
    out.push(d);
  }
  return out;
}

function statutory(y: number): string[] {
  const e = easterSunday(y);
  const earlyMay = y === 2020 ? day(2020, 5, 8) : mondays(y, 5)[0]!; // 2020: moved to VE day
  const spring = y === 2022 ? day(2022, 6, 2) : mondays(y, 5).at(-1)!; // 2022: moved for the Platinum Jubilee
  const oneOff: Record<number, Date[]> = { 2022: [day(2022, 6, 3), day(2022, 9, 19)], 2023: [day(2023, 5, 8)] };
  return [
    ...substituted([day(y, 1, 1)]),
    plus(e, -2),
    plus(e, 1),
    earlyMay,
    spring,
    mondays(y, 8).at(-1)!,
    ...substituted([day(y, 12, 25), day(y, 12, 26)]),
    ...(oneOff[y] ?? []),
  ]
    .map(iso)
    .sort();
}

describe('the bundled bank holidays (England and Wales)', () => {
  it.each(Array.from({ length: 13 }, (_, i) => 2015 + i))('%i matches the statutory rules and one-off changes', (y) => {
    const listed = ENGLAND_AND_WALES.filter((h) => h.date.startsWith(`${y}-`)).map((h) => h.date).sort();
    expect(listed).toEqual(statutory(y));
  });
  it('include the 2022 and 2023 one-off holidays by name', () => {
    const titles = new Map(ENGLAND_AND_WALES.map((h) => [h.date, h.title]));
    expect(titles.get('2022-06-03')).toBe('Platinum Jubilee bank holiday');
    expect(titles.get('2022-09-19')).toBe('Bank Holiday for the State Funeral of Queen Elizabeth II');
    expect(titles.get('2023-05-08')).toBe('Bank holiday for the coronation of King Charles III');
  });
});

describe('working days', () => {
  const cal = makeCalendar(DEFAULT_RULES.workingDays);
  it('skip weekends and bank holidays', () => {
    expect(isWorkingDay(cal, '2017-04-13')).toBe(true); // Thursday before Easter
    expect(isWorkingDay(cal, '2017-04-14')).toBe(false); // Good Friday
    expect(isWorkingDay(cal, '2017-04-15')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2022-09-19')).toBe(false); // State Funeral
  });
  it.each([
    // from, to, count: start day excluded, end day included
    ['2017-02-24', '2017-02-27', 1], // Friday → Monday
    ['2017-02-24', '2017-02-24', 0],
    ['2017-04-13', '2017-04-18', 1], // across Good Friday and Easter Monday
    ['2022-05-31', '2022-06-07', 3], // across the Platinum Jubilee holidays (2 and 3 June)
    ['2017-03-03', '2017-02-24', -5], // backwards counts negative
    ['2017-02-24', '2017-10-31', 172],
  ] as const)('%s → %s is %i', (from, to, n) => {
    expect(workingDaysBetween(cal, from, to)).toBe(n);
  });
  it('the convention is configurable: both ends included', () => {
    const both = makeCalendar({ ...DEFAULT_RULES.workingDays, countStart: true });
    expect(workingDaysBetween(both, '2017-02-24', '2017-02-27')).toBe(2);
    expect(workingDaysBetween(both, '2017-02-24', '2017-02-24')).toBe(1);
  });
  it('council closure days are not working days', () => {
    const closed = makeCalendar({ ...DEFAULT_RULES.workingDays, closures: ['2017-12-27', '2017-12-28', '2017-12-29'] });
    expect(workingDaysBetween(closed, '2017-12-22', '2018-01-02')).toBe(1); // only 2 Jan
    expect(closuresBetween(closed, '2017-12-22', '2018-01-02')).toEqual(['Christmas Day', 'Boxing Day', 'council closure day', 'council closure day', 'council closure day', 'New Year’s Day']);
  });
  it('adding working days lands on a working day', () => {
    expect(addWorkingDays(cal, '2017-04-12', 2)).toBe('2017-04-18');
    expect(addWorkingDays(cal, '2017-02-24', 20)).toBe('2017-03-24');
  });
});
