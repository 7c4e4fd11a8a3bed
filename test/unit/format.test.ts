import { describe, expect, it } from 'vitest';
import { formatLongDate, formatMeetingDateTime, formatPeriod, formatShortDate } from '../../src/render/index.js';
import { formatValue, slug } from '../../src/model/index.js';

describe('dates as councils write them (Europe/London)', () => {
  it.each([
    ['2017-03-13T14:00', 'Monday, 13 March 2017, 2.00 pm'],
    ['2017-03-13T10:30', 'Monday, 13 March 2017, 10.30 am'],
    ['2017-03-13T12:00', 'Monday, 13 March 2017, 12.00 pm'],
    ['2017-03-26T00:15', 'Sunday, 26 March 2017, 12.15 am'], // the night the clocks go forward
    ['2017-10-10T18:00', 'Tuesday, 10 October 2017, 6.00 pm'],
  ])('%s → %s', (iso, text) => {
    expect(formatMeetingDateTime(iso)).toBe(text);
  });
  it('formats dates and months', () => {
    expect(formatLongDate('2017-03-03')).toBe('3 March 2017');
    expect(formatShortDate('2017-02-24')).toBe('24/02/2017');
    expect(formatPeriod('2017-02')).toBe('Feb 2017');
  });
});

describe('figures', () => {
  it('shows a value at its unit’s precision', () => {
    expect(formatValue(86.23, 'percent')).toBe('86.2%');
    expect(formatValue(1204, 'number')).toBe('1,204');
    expect(formatValue(19.6, 'number')).toBe('19.6');
    expect(formatValue(468, 'days')).toBe('468');
    expect(formatValue(61.94, 'rate per 10,000')).toBe('61.9');
  });
  it('makes file-name slugs', () => {
    expect(slug("Update on the Children's Services Plan")).toBe('update-on-the-childrens-services-plan');
    expect(slug('Équipe & Co / 2017')).toBe('equipe-and-co-2017');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('!!!')).toBe('untitled');
  });
});
