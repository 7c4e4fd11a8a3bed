/**
 * KPI returns kept wide — one row per measure, a column per month, quarter or financial year — read like
 * the long form, with the same checks and messages naming the exact cell. The workbook was saved by
 * LibreOffice Calc (scripts/make-wide-kpis.ts, then scripts/make-libreoffice-fixtures.sh).
 */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { periodOfHeading, readKpiDefinitions, readKpis } from '../../src/ingest/index.js';
import { DEFAULT_RULES, type ColumnAudit } from '../../src/model/index.js';
import { scoreItem } from '../../src/score/index.js';
import { auditText } from '../../src/render/index.js';
import { fileHandle, problemsFrom, textHandle } from '../helpers/read.js';

const WIDE = 'test/fixtures/libreoffice/kpis-wide.xlsx';

describe('a column heading that names a period', () => {
  it('reads months, quarters of the financial year and financial years; nothing else', () => {
    const p = (t: string, v?: unknown) => periodOfHeading(t, v) && [periodOfHeading(t, v)!.period, periodOfHeading(t, v)!.label];
    expect(p('Apr 2019')).toEqual(['2019-04', 'April 2019']);
    expect(p('April-2019')).toEqual(['2019-04', 'April 2019']);
    expect(p('Apr-19')).toEqual(['2019-04', 'April 2019']);
    expect(p('2019-04')).toEqual(['2019-04', 'April 2019']);
    expect(p('whatever', new Date(Date.UTC(2019, 3, 1)))).toEqual(['2019-04', 'April 2019']);
    expect(p('Q1 2019/20')).toEqual(['2019-06', 'Q1 2019/20']);
    expect(p('Q4 2019/20')).toEqual(['2020-03', 'Q4 2019/20']);
    expect(p('2019/20 Q3')).toEqual(['2019-12', 'Q3 2019/20']);
    expect(p('2019/20')).toEqual(['2020-03', '2019/20']);
    expect(p('2019-2020')).toEqual(['2020-03', '2019/20']);
    // A quarter with a two-digit financial year, and three months named as a range.
    expect(p('Q1 19/20')).toEqual(['2019-06', 'Q1 2019/20']);
    expect(p('19/20 Q4')).toEqual(['2020-03', 'Q4 2019/20']);
    expect(p('Jul-Sep 2019')).toEqual(['2019-09', 'Jul–Sep 2019']);
    expect(p('July to September 19')).toEqual(['2019-09', 'Jul–Sep 2019']);
    expect(p('Nov – Jan 2020')).toEqual(['2020-01', 'Nov 2019–Jan 2020']);
    expect(p('Apr 2019 - Jun 2019')).toEqual(['2019-06', 'Apr–Jun 2019']);
    for (const t of ['Target', 'Measure', '2019/21', 'Q5 2019/20', 'Apr', '2019', 'Aprx-19', '2019-13', '19/20', 'Jul-Aug 2019', 'Apr 2019 - Mar 2020']) expect(periodOfHeading(t), t).toBeUndefined();
  });

  it('a heading that names a period in another form is not read, and said', async () => {
    const audits: ColumnAudit[] = [];
    const text = 'Measure ID,Measure Name,Unit,Polarity,Target,Q1 19/20,Quarter 2 (Jul-Sep),Notes,May\nK1,Caseload,number,lower,18,20,21,fine,22\n';
    const set = await readKpis(textHandle(text, 'k.csv'), { audit: (a) => audits.push(a) });
    expect(set.kpis[0]!.values.map((v) => [v.label, v.value])).toEqual([['Q1 2019/20', 20]]);
    expect(audits.flatMap((a) => a.warnings).map(formatProblem)).toEqual([
      'k.csv › G1: found column "Quarter 2 (Jul-Sep)", which is not read: it names a period, but not in a form read here (a month, "Apr 2019"; a quarter, "Q1 2019/20" or "Apr-Jun 2019"; a financial year, "2019/20"), so its values are left out [PeriodNotRead]',
      'k.csv › I1: found column "May", which is not read: it names a period, but not in a form read here (a month, "Apr 2019"; a quarter, "Q1 2019/20" or "Apr-Jun 2019"; a financial year, "2019/20"), so its values are left out [PeriodNotRead]',
    ]);
  });
});

describe('a wide return saved by LibreOffice Calc', () => {
  it('reads date-cell month headings, each value from its own cell; a blank is no data, "c" is suppressed', async () => {
    const audits: ColumnAudit[] = [];
    const set = await readKpis(fileHandle(WIDE), { sheet: 'Monthly', audit: (a) => audits.push(a) }).catch((e) => e);
    // WF01's "see note" is refused (below); the rest is read as the long form would be.
    expect(formatProblem(set.problems[0])).toBe(`${WIDE} › Monthly!H6: found "see note" as the value for June 2019, expected a number [NotANumber]`);
    expect(set.problems).toHaveLength(1);
    expect(auditText(audits[0]!)).toEqual([
      `columns of ${WIDE} › Monthly (header on row 3, 3 rows read):`,
      '  A3    "Measure ID" → measure ID (filled on 3 of 3 rows)',
      '  B3    "Measure Name" → name (filled on 3 of 3 rows)',
      '  C3    "Unit" → unit (filled on 3 of 3 rows)',
      '  D3    "Polarity" → polarity (filled on 3 of 3 rows)',
      '  E3    "Target" → target (filled on 3 of 3 rows)',
      ...['F', 'G', 'H', 'I', 'J', 'K'].map((c, i) => expect.stringMatching(new RegExp(`^  ${c}3 +".+" → values for ${['April', 'May', 'June', 'July', 'August', 'September'][i]} 2019$`))),
      '  not in this table (optional): RAG, commentary',
    ]);
  });

  it('reads the good rows of the monthly sheet with their cells', async () => {
    const fixed = Buffer.from(['Measure ID,Measure Name,Unit,Polarity,Target,Apr 2019,May 2019,Jun 2019', 'PR01,Re-referrals,percent,lower,22,23.1,,24.0', 'CP01,Second plans,percent,lower,18,19.5,c,20.1'].join('\r\n'));
    const set = await readKpis(textHandle(fixed, 'wide.csv'));
    expect(set.kpis.map((k) => [k.id, k.values.map((v) => [v.period, v.value ?? v.suppressed, v.source.cell])])).toEqual([
      ['PR01', [['2019-04', 23.1, 'F2'], ['2019-06', 24, 'H2']]],
      ['CP01', [['2019-04', 19.5, 'F3'], ['2019-05', 'c', 'G3'], ['2019-06', 20.1, 'H3']]],
    ]);
  });

  it('reads quarters and financial years at their last month, keeping their own names', async () => {
    const q = await readKpis(fileHandle(WIDE), { sheet: 'Quarterly' });
    expect(q.kpis[0]!.values.map((v) => [v.period, v.label, v.value, v.source.cell])).toEqual([
      ['2019-06', 'Q1 2019/20', 81.2, 'F2'],
      ['2019-09', 'Q2 2019/20', 83.1, 'G2'],
    ]);
    const y = await readKpis(fileHandle(WIDE), { sheet: 'Annual' });
    expect(y.kpis[0]!.values.map((v) => [v.period, v.label, v.value])).toEqual([
      ['2018-03', '2017/18', 61],
      ['2019-03', '2018/19', 63],
      ['2020-03', '2019/20', 64],
    ]);
  });

  it('reads a value typed as "23.1%" (0.231 in a percentage format) as 23.1, as the cell shows it; a plain number as it is', async () => {
    const set = await readKpis(fileHandle(WIDE), { sheet: 'Percentages' });
    const [pr, la] = set.kpis;
    expect([pr!.id, pr!.target]).toEqual(['PR01', 22]);
    expect(pr!.values.map((v) => [v.period, v.value, v.source.cell])).toEqual([
      ['2019-04', 23.1, 'F2'],
      ['2019-05', 22.8, 'G2'],
      ['2019-06', 24, 'H2'],
    ]);
    expect(la!.values.map((v) => v.value)).toEqual([61, 63, 64]);
  });
});

describe('wide returns: the same checks as the long form', () => {
  it('takes each measure’s definition from the definitions file, and keeps only the months asked for', async () => {
    const { definitions } = await readKpiDefinitions(textHandle('Measure ID,Measure Name,Unit,Polarity,Target\r\nPR01,Re-referrals,percent,lower,22\r\n', 'defs.csv'));
    const set = await readKpis(textHandle('ID,Measure,2019-03,2019-04,2019-05\r\nPR01,Re-referrals,22.0,23.1,22.8\r\n', 'wide.csv'), { definitions, keep: { from: '2019-04' } });
    expect(set.kpis[0]).toMatchObject({ id: 'PR01', unit: 'percent', polarity: 'lower', target: 22 });
    expect(set.kpis[0]!.values.map((v) => v.period)).toEqual(['2019-04', '2019-05']);
  });

  it('a measure on two rows with a value for the same month, and two columns for one month, are refused by cell', async () => {
    const twice = 'ID,Measure,Unit,Polarity,Apr 2019,May 2019\r\nK1,Caseload,number,lower,20,21\r\nK1,Caseload,number,lower,,22\r\n';
    expect(await problemsFrom(() => readKpis(textHandle(twice, 'wide.csv')))).toEqual(['wide.csv › F3: found a second value for K1 in May 2019 (first at F2), expected one per period [DuplicatePeriod]']);
    const columns = 'ID,Measure,Unit,Polarity,Apr 2019,2019-04\r\nK1,Caseload,number,lower,20,21\r\n';
    expect(await problemsFrom(() => readKpis(textHandle(columns, 'wide.csv')))).toEqual(['wide.csv › F1: found a second value for every measure in April 2019 (first at E1), expected one per period [DuplicatePeriod]']);
  });

  it('neither a period and value column nor a column per period: says both ways to fix it', async () => {
    const none = 'ID,Measure,Unit,Polarity,Latest\r\nK1,Caseload,number,lower,20\r\n';
    expect(await problemsFrom(() => readKpis(textHandle(none, 'k.csv')))).toEqual([
      'k.csv › A1:E1: found headers "ID", "Measure", "Unit", "Polarity", "Latest", expected a period column ("Period" or "Month") and a value column ("Value" or "Actual" or "Result"), or a column for each period ("Apr 2019", "2019-04", "Q1 2019/20", "2019/20") [NoPeriods]',
    ]);
  });
});

describe('the return’s commentary on each measure', () => {
  it('a wide return’s is its row’s, and reaches the exceptions as the corrective action reported', async () => {
    const text = 'Ref,Indicator,Unit,Good is,Target,Apr-24,May-24,Commentary\nCS01,Re-referrals,%,Lower,20,22,24,Audit of step-downs under way\nCS02,Assessments in 45 days,%,Higher,85,88,90,\n';
    const set = await readKpis(textHandle(text, 'k.csv'));
    expect(set.kpis.map((k) => [k.id, k.commentary])).toEqual([
      ['CS01', { text: 'Audit of step-downs under way', source: { file: 'k.csv', cell: 'H2' } }],
      ['CS02', undefined],
    ]);
    const scored = scoreItem({ item: '1', plan: undefined, actions: undefined, kpis: set, outcomes: undefined, recommendations: undefined, benchmarks: new Map(), previous: undefined }, '2024-06-30', DEFAULT_RULES);
    expect(scored.exceptions.map((e) => [e.id, e.rating.status, e.correctiveAction])).toEqual([['CS01', 'red', 'Audit of step-downs under way']]);
  });

  it('a long return’s is the latest period’s row’s, and none when that row has none', async () => {
    const text = 'Measure ID,Measure Name,Unit,Polarity,Target,Period,Value,Comments\nK1,Caseload,number,lower,18,2024-08,21,Agency staff leaving\nK1,Caseload,number,lower,18,2024-09,20,New starters in post\nK2,Visits,percent,higher,90,2024-08,80,Recording backlog\nK2,Visits,percent,higher,90,2024-09,85,\n';
    const set = await readKpis(textHandle(text, 'k.csv'));
    expect(set.kpis.map((k) => [k.id, k.commentary?.text, k.commentary?.source.cell])).toEqual([
      ['K1', 'New starters in post', 'H3'],
      ['K2', undefined, undefined],
    ]);
  });
});
