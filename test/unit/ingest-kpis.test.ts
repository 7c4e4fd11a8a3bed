import { describe, expect, it } from 'vitest';
import { readKpiDefinitions, readKpis, normalisePeriod, columnLetters, parseNumber } from '../../src/ingest/index.js';
import { formatProblem } from '../../src/errors.js';
import type { ColumnAudit } from '../../src/model/index.js';
import { fileHandle, problemsFrom, textHandle } from '../helpers/read.js';

const csv = textHandle;
const HEADER = 'Measure ID,Measure Name,Unit,Polarity,Target,Period,Value';

describe('the sample KPI return', () => {
  it('reads 24 measures over the 13 months to February 2017, defined in their own file', async () => {
    const { definitions } = await readKpiDefinitions(fileHandle('data/sample/kpi-definitions.csv'));
    const set = await readKpis(fileHandle('data/sample/kpis.csv'), { definitions });
    expect(set.kpis).toHaveLength(24);
    for (const k of set.kpis) expect(k.values.map((v) => v.period)).toEqual([
      '2016-02', '2016-03', '2016-04', '2016-05', '2016-06', '2016-07', '2016-08',
      '2016-09', '2016-10', '2016-11', '2016-12', '2017-01', '2017-02',
    ]);
    const pr01 = set.kpis.find((k) => k.id === 'PR01')!;
    expect(pr01).toMatchObject({ name: 'Assessments completed within 45 working days', unit: 'percent', polarity: 'higher', target: 85, tolerance: { kind: 'relative', value: 0.05 }, workstream: '2' });
    expect(pr01.values.at(-1)).toMatchObject({ period: '2017-02', value: 86.2, source: { file: 'data/sample/kpis.csv', cell: 'C66' } });
    // A suppressed figure is kept as its code, not refused and not dropped.
    expect(set.kpis.find((k) => k.id === 'LA07')!.values.at(-1)).toMatchObject({ period: '2017-02', value: undefined, suppressed: 'c' });
    expect(set.kpis.find((k) => k.id === 'CP04')).toMatchObject({ polarity: 'band', band: { low: 38, high: 46 } });
    expect(pr01.values.at(-1)!.denominator).toBeGreaterThan(0);
    expect(set.kpis.find((k) => k.id === 'LA03')).toMatchObject({ unit: 'rate per 10,000', polarity: 'none', target: undefined });
  });
});

describe('CSV as Excel saves it', () => {
  const body = `${HEADER}\r\nK1,Caseload,number,lower,18,2017-01,20.5\r\nK1,Caseload,number,lower,18,2017-02,19.9\r\n`;
  it('drops a byte-order mark and reads CRLF lines', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
    const set = await readKpis(textHandle(withBom, 'k.csv'));
    expect(set.kpis[0]!.id).toBe('K1');
    expect(set.kpis[0]!.values.map((v) => v.value)).toEqual([20.5, 19.9]);
  });
  it('reads Windows-1252 text (a £ and curly quotes) when the file is not UTF-8', async () => {
    const text = `${HEADER}\r\nK2,“Spend” per child £,number,none,,2017-02,12\r\n`;
    // Windows-1252 puts “ and ” at 0x93 and 0x94, and £ at 0xA3 (as Latin-1 does).
    const cp1252 = Buffer.from(text.replace('“', '\u0093').replace('”', '\u0094'), 'latin1');
    const set = await readKpis(textHandle(cp1252, 'k.csv'));
    expect(set.kpis[0]!.name).toBe('“Spend” per child £');
  });
});

describe('units and polarities in the words definitions use', () => {
  it('reads "Bigger is better", "Minimise", "Rate per 10,000 children" and the like', async () => {
    const text = [
      HEADER,
      'K1,Caseload,No.,Smaller is better,18,2017-01,20',
      'K2,Visits on time,Percentage,Bigger is better,90,2017-01,91',
      'K3,Children in care,"Rate per 10,000 children",Minimise,60,2017-01,58',
      'K4,Stable placements,%,High is good,70,2017-01,68',
    ].join('\n');
    const set = await readKpis(csv(text));
    expect(set.kpis.map((k) => [k.id, k.unit, k.polarity])).toEqual([
      ['K1', 'number', 'lower'],
      ['K2', 'percent', 'higher'],
      ['K3', 'rate per 10,000', 'lower'],
      ['K4', 'percent', 'higher'],
    ]);
  });
});

describe('targets written with the side they are good on', () => {
  it('reads "≥ 85%", "at least 85", "85+", "< 15%", "15 or below" as their number', async () => {
    const text = [
      HEADER,
      'K1,Visits on time,%,higher,≥ 85%,2017-01,86',
      'K2,Assessments on time,%,higher,at least 85,2017-01,84',
      'K3,Audits done,number,higher,85+,2017-01,90',
      'K4,Re-referrals,%,lower,< 15%,2017-01,14',
      'K5,Caseload,number,lower,18 or below,2017-01,19',
    ].join('\n');
    const set = await readKpis(csv(text));
    expect(set.kpis.map((k) => [k.id, k.target])).toEqual([['K1', 85], ['K2', 85], ['K3', 85], ['K4', 15], ['K5', 18]]);
  });
  it('says when the side contradicts the polarity', async () => {
    const text = [HEADER, 'K1,Re-referrals,%,higher,≤ 15%,2017-01,14'].join('\n');
    expect(await problemsFrom(() => readKpis(csv(text)))).toEqual([
      'kpis.csv › E2: found the target "≤ 15%", which says lower is better, on a measure whose polarity says higher is better, expected the two to agree [TargetAgainstPolarity]',
    ]);
  });
});

describe('a long return of quarterly or yearly measures', () => {
  it('reads a quarter of a financial year, or a financial year, as its last month, as a wide return’s headings are', async () => {
    const text = [HEADER, 'Q1,Audits done,number,higher,,Q4 2016/17,40', 'Q1,Audits done,number,higher,,Q1 2017/18,42', 'Q1,Audits done,number,higher,,2017/18 Q2,45', 'Y1,Adoptions,number,higher,,2016/17,31'].join('\n');
    const set = await readKpis(csv(text));
    expect(set.kpis.map((k) => [k.id, k.values.map((v) => [v.period, v.label, v.value, v.source.cell])])).toEqual([
      ['Q1', [['2017-03', 'Q4 2016/17', 40, 'G2'], ['2017-06', 'Q1 2017/18', 42, 'G3'], ['2017-09', 'Q2 2017/18', 45, 'G4']]],
      ['Y1', [['2017-03', '2016/17', 31, 'G5']]],
    ]);
  });
  it('says when a quarter and a month are the same period, and refuses a calendar quarter', async () => {
    const text = [HEADER, 'Q1,Audits done,number,higher,,Mar 2017,40', 'Q1,Audits done,number,higher,,Q4 2016/17,41', 'Q1,Audits done,number,higher,,Q3 2017,42'].join('\n');
    expect(await problemsFrom(() => readKpis(csv(text)))).toEqual([
      'kpis.csv › F3: found a second value for Q1 in Q4 2016/17, kept as 2017-03 (first at F2), expected one per period [DuplicatePeriod]',
      'kpis.csv › F4: found "Q3 2017" as period, expected a month (2017-03, Mar 2017, Mar-17, 01/03/2017), a quarter of a financial year (Q4 2016/17) or a financial year (2016/17) [BadPeriod]',
    ]);
  });
});

describe('numbers as spreadsheets show them', () => {
  it('reads a comma or a space as a thousands separator only where it groups thousands', () => {
    const read = (t: string) => parseNumber(t);
    expect(['86.2', '86.2%', '86.2 %', '1,204', '1 204', '12,345.6', '1,234,567', '-1,204', '1 204 567', '+3'].map(read)).toEqual([86.2, 86.2, 86.2, 1204, 1204, 12345.6, 1234567, -1204, 1204567, 3]);
    // A decimal comma, or a slip for a point, is not 862 or 120: refused, and said.
    for (const t of ['86,2', '1,20', '12,34,567', '1,2345', '86 2', '(12)', '']) expect(read(t), t).toBeUndefined();
  });
  it('says what a comma in a value means when it cannot be one', async () => {
    const text = [HEADER, 'K1,Caseload,number,lower,18,2017-01,"86,2"', 'K1,Caseload,number,lower,18,2017-02,"1,204"'].join('\n');
    expect(await problemsFrom(() => readKpis(csv(text)))).toEqual([
      'kpis.csv › G2: found "86,2" as value, expected a number (a comma or a space only groups thousands, as in 1,204: a decimal is written with a point, 86.2) [NotANumber]',
    ]);
  });
});

describe('a percentage written as a fraction', () => {
  const warned = async (rows: string[]): Promise<string[]> => {
    const audits: ColumnAudit[] = [];
    await readKpis(csv([HEADER, ...rows].join('\n')), { audit: (a) => audits.push(a) });
    return audits.flatMap((a) => a.warnings).map(formatProblem);
  };
  it('is read as written, and said, when every value is between 0 and 1 against a target of 5% or more', async () => {
    expect(await warned(['WF02,Permanent staff,%,higher,85,2017-01,0.79', 'WF02,Permanent staff,%,higher,85,2017-02,0.812', 'WF03,Turnover,%,lower,15,2017-02,14.2'])).toEqual([
      'kpis.csv › G3: found every value of WF02 between 0 and 1 (the latest 0.812) against a target of 85%: if they are fractions (0.862 for 86.2%), they are read as under 1% [PercentAsFraction]',
    ]);
  });
  it('is not suspected of small percentages against a small target, or of a measure that is not a percentage', async () => {
    expect(await warned(['CME,Children missing education,%,lower,2,2017-02,0.4', 'K1,Ratio,number,higher,85,2017-02,0.5', 'WF02,Permanent staff,%,higher,85,2017-02,0.9', 'WF02,Permanent staff,%,higher,85,2017-03,79'])).toEqual([]);
  });
});

describe('bad KPI rows: every problem, with its cell', () => {
  it('reports values, periods, units and polarity that cannot be read', async () => {
    const text = [
      HEADER,
      'K1,Caseload,number,lower,18,2017-01,twenty',
      'K1,Caseload,number,lower,18,Febuary-17,19',
      'K2,Visits,percentage-ish,up,90,2017-02,91',
      'K3,Audits,%,higher,eighty,2017-02,70',
    ].join('\n');
    expect(await problemsFrom(() => readKpis(csv(text)))).toEqual([
      'kpis.csv › G2: found "twenty" as value, expected a number [NotANumber]',
      'kpis.csv › F3: found "Febuary-17" as period, expected a month (2017-03, Mar 2017, Mar-17, 01/03/2017), a quarter of a financial year (Q4 2016/17) or a financial year (2016/17) [BadPeriod]',
      'kpis.csv › C4: found "percentage-ish" as unit, expected one of %, number, days, rate per 10,000 [BadChoice]',
      'kpis.csv › D4: found "up" as polarity, expected one of higher, lower, band, none [BadChoice]',
      'kpis.csv › E5: found "eighty" as target, expected a number [NotANumber]',
    ]);
  });
  it('reports a measure whose definition changes, and a month given twice', async () => {
    const text = [HEADER, 'K1,Caseload,number,lower,18,2017-01,20', 'K1,Caseload,number,higher,18,2017-02,19', 'K1,Caseload,number,lower,18,2017-01,21'].join('\n');
    expect(await problemsFrom(() => readKpis(csv(text)))).toEqual([
      'kpis.csv › D3: found polarity "higher", expected "lower" as on the measure’s first row (A2) [InconsistentKpi]',
      'kpis.csv › F4: found a second value for K1 in 2017-01 (first at F2), expected one per period [DuplicatePeriod]',
    ]);
  });
  it('reports a missing column with the headers it found', async () => {
    expect(await problemsFrom(() => readKpis(csv('Measure ID,Name,Unit,Polarity,Month\nK1,x,%,higher,2017-01\n')))).toEqual([
      'kpis.csv › A1:E1: found headers "Measure ID", "Name", "Unit", "Polarity", "Month", expected a value column (headed "Value" or "Actual" or "Result") [ColumnMissing]',
    ]);
  });
});

describe('helpers', () => {
  it('normalises periods', () => {
    expect(normalisePeriod('2017-3')).toBe('2017-03');
    expect(normalisePeriod('March 2017')).toBe('2017-03');
    expect(normalisePeriod('2017-13')).toBeUndefined();
    // A date cell in a CSV Excel saved: day first, as in the UK; a US date is refused, not misread.
    expect(['01/03/2017', '31/03/2017', '1.3.17', '30-04-2019', '03/31/2017', '32/03/2017'].map((t) => normalisePeriod(t))).toEqual(['2017-03', '2017-03', '2017-03', '2019-04', undefined, undefined]);
    // Excel's mmm-yy, a month first, a date with a time (a date-and-time cell, or a system's export).
    const more = ['Mar-17', "Mar '17", '03/2017', '2017-03-01 00:00:00', '2017-03-01T00:00:00Z', '01/03/2017 00:00', 'Febuary-17', 'Febuary 2017', '13/2017', '2017/03'];
    expect(more.map((t) => normalisePeriod(t))).toEqual(['2017-03', '2017-03', '2017-03', '2017-03', '2017-03', '2017-03', undefined, undefined, undefined, undefined]);
  });
  it('reads the months of a long return as Excel writes date cells into a CSV: "01/04/2019", "Jun-19"', async () => {
    const text = [HEADER, 'K1,Caseload,number,lower,18,01/04/2019,20', 'K1,Caseload,number,lower,18,31/05/2019,19', 'K1,Caseload,number,lower,18,Jun-19,18'].join('\n');
    expect((await readKpis(csv(text))).kpis[0]!.values.map((v) => [v.period, v.value])).toEqual([
      ['2019-04', 20],
      ['2019-05', 19],
      ['2019-06', 18],
    ]);
  });
  it('names columns as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('the KPI row rules', () => {
  it('the direct check agrees with the zod schema on every edge case', async () => {
    const { kpiRowSchema, kpiRowValid } = await import('../../src/ingest/kpis.js');
    const periods = [undefined, '2017-02', '2017-13', '2017-00', '2017-2', '17-02', '2017-02-01', ''];
    const numbers = [undefined, 0, -1, 1.5, Number.NaN, Infinity, -Infinity, 1e308];
    for (const period of periods)
      for (const value of numbers)
        for (const denominator of numbers) {
          const row = { period, value, numerator: value, denominator };
          expect(kpiRowValid(row), JSON.stringify(row)).toBe(kpiRowSchema.safeParse(row).success);
        }
  });
});
