import { describe, expect, it } from 'vitest';
import { deadlineState, fromExcelSerial, nearestYear, readDate } from '../../src/model/index.js';

const asAt = '2017-02-24';

describe('UK dates in every form officers write', () => {
  it.each([
    ['31/03/2017', '2017-03-31'],
    ['1/3/2017', '2017-03-01'],
    ['31-03-2017', '2017-03-31'],
    ['31.03.2017', '2017-03-31'],
    ['2017-03-31', '2017-03-31'],
    ['31 March 2017', '2017-03-31'],
    ['31st Mar 2017', '2017-03-31'],
    ['9 Jan 2017', '2017-01-09'],
    ['28 February 2017', '2017-02-28'],
  ])('%s → %s', (text, iso) => {
    expect(readDate(text, { asAt })).toEqual({ kind: 'date', iso });
  });

  it.each([
    ['March 2018', '2018-03-31'],
    ['February 2018', '2018-02-28'],
    ['February 2016', '2016-02-29'],
    ['October2017', '2017-10-31'],
    ['Sept 2017', '2017-09-30'],
    ['Mar 2017', '2017-03-31'],
  ])('a month alone, %s, is that month’s last day (%s)', (text, iso) => {
    expect(readDate(text, { asAt })).toEqual({ kind: 'date', iso, monthOnly: true });
  });

  it('takes the year of "09 Mar" from the as-at date: the nearest such day', () => {
    expect(readDate('09 Mar', { asAt })).toEqual({ kind: 'date', iso: '2017-03-09' });
    expect(readDate('20 Dec', { asAt })).toEqual({ kind: 'date', iso: '2016-12-20' });
    expect(readDate('15 Jan', { asAt: '2017-12-20' })).toEqual({ kind: 'date', iso: '2018-01-15' });
    expect(nearestYear(29, 2, '2017-02-24')).toBe('2016-02-29');
  });

  it('reads real date cells and Excel serial numbers', () => {
    expect(readDate(new Date(Date.UTC(2017, 3, 10)), { asAt })).toEqual({ kind: 'date', iso: '2017-04-10' });
    expect(readDate(42825, { asAt })).toEqual({ kind: 'date', iso: '2017-03-31' });
    expect(fromExcelSerial(1)).toBe('1899-12-31');
    expect(fromExcelSerial(61)).toBe('1900-03-01');
  });

  it('refuses a two-digit year unless the config gives a century', () => {
    expect(readDate('03/04/17', { asAt })).toEqual({ kind: 'ambiguous' });
    expect(readDate('03/04/17', { asAt, twoDigitYears: 2000 })).toEqual({ kind: 'date', iso: '2017-04-03' });
  });

  it('reads what Excel writes into a CSV for its date formats: d-mmm-yy, mmm-yy, a date with a time', () => {
    expect(readDate('28/02/2017 00:00', { asAt })).toEqual({ kind: 'date', iso: '2017-02-28' });
    expect(readDate('28/02/2017 14:30:05', { asAt })).toEqual({ kind: 'date', iso: '2017-02-28' });
    expect(readDate('2017-02-28T09:30:00.000Z', { asAt })).toEqual({ kind: 'date', iso: '2017-02-28' });
    for (const t of ['28-Feb-17', '28 Feb 17', 'Mar-17', "Mar '17", 'Mar-17 00:00']) expect(readDate(t, { asAt }).kind, t).toBe(t === 'Mar-17 00:00' ? 'invalid' : 'ambiguous');
    expect(readDate('28-Feb-17', { asAt, twoDigitYears: 2000 })).toEqual({ kind: 'date', iso: '2017-02-28' });
    expect(readDate('Mar-17', { asAt, twoDigitYears: 2000 })).toEqual({ kind: 'date', iso: '2017-03-31', monthOnly: true });
    expect(readDate('Sept ’17', { asAt, twoDigitYears: 2000 })).toEqual({ kind: 'date', iso: '2017-09-30', monthOnly: true });
    // A day after a month is not a year; a word that is not a month is left to be a state.
    expect(readDate('June 30', { asAt, twoDigitYears: 2000 }).kind).toBe('invalid');
    expect(readDate('Ongoing 17', { asAt })).toEqual({ kind: 'state', state: 'ongoing', text: 'Ongoing 17' });
  });

  it('says so for what is not a date', () => {
    for (const t of ['31/02/2017', 'soon', '13/13/2017', 'Marchember 2017', '32 Mar']) expect(readDate(t, { asAt }).kind).toBe('invalid');
    expect(readDate('', { asAt })).toEqual({ kind: 'empty' });
  });
});

describe('deadline states are kept as states, not errors', () => {
  it.each([
    ['Completed', 'complete'],
    ['Complete', 'complete'],
    ['In progress', 'in progress'],
    ['On track', 'in progress'],
    ['Ongoing', 'ongoing'],
    ['On-going', 'ongoing'],
    ['TBC', 'to be confirmed'],
    ['To be confirmed', 'to be confirmed'],
    ['Depended upon above', 'dependent'],
    ['Dependent on 3.01', 'dependent'],
  ])('%s → %s', (text, state) => {
    expect(deadlineState(text)).toBe(state);
    expect(readDate(text, { asAt })).toEqual({ kind: 'state', state, text });
  });
});
