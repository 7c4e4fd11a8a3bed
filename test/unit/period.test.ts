/** Reporting periods: months in Europe/London, whatever the clock's zone. */
import { describe, expect, it } from 'vitest';
import { latestCompletePeriod, parsePeriod, pathForPeriod, periodEnd, periodLabel, previousPeriod } from '../../src/model/index.js';

describe('periods', () => {
  it('reads YYYY-MM and nothing else', () => {
    expect(parsePeriod('2026-11')).toBe('2026-11');
    expect(parsePeriod(' 2026-01 ')).toBe('2026-01');
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-11', 'November 2026', '2026-11-01', '']) expect(parsePeriod(bad), bad).toBeUndefined();
  });

  it('steps back a month across a year', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-03')).toBe('2026-02');
  });

  it('ends on the last day of the month, leap years included', () => {
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2023-02')).toBe('2023-02-28');
    expect(periodEnd('2026-11')).toBe('2026-11-30');
    expect(periodLabel('2026-11')).toBe('November 2026');
  });

  it('takes the latest complete month as at now in Europe/London', () => {
    expect(latestCompletePeriod(new Date('2026-11-22T12:00:00Z'))).toBe('2026-10');
    // 23:30 UTC on 30 November is 23:30 in London (GMT): November is not over yet.
    expect(latestCompletePeriod(new Date('2026-11-30T23:30:00Z'))).toBe('2026-10');
    // 23:30 UTC on 31 July is 00:30 on 1 August in London (BST): July is complete.
    expect(latestCompletePeriod(new Date('2026-07-31T23:30:00Z'))).toBe('2026-07');
    expect(latestCompletePeriod(new Date('2027-01-01T00:00:00Z'))).toBe('2026-12');
  });

  it('puts the period into a path', () => {
    expect(pathForPeriod('extracts/{period}/kpis.csv', '2026-11')).toBe('extracts/2026-11/kpis.csv');
    expect(pathForPeriod('extracts/{year}/{month}/tracker.xlsx', '2026-01')).toBe('extracts/2026/01/tracker.xlsx');
    expect(pathForPeriod('kpi-definitions.csv', '2026-11')).toBe('kpi-definitions.csv');
  });
});
