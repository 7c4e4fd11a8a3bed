/**
 * A KPI scorecard as a council keeps it: no unit column, the target headed for its year ("Target 24/25"),
 * percentages as cells formatted as percentages, months as date cells, "n/a" and "–" for a month with no
 * figure. Read, with a warning that says how each unit was read; nothing guessed without a word.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { handleFromBytes, noFigure, readKpis, unitOfMeasure } from '../../src/ingest/index.js';
import { DEFAULT_RULES, type ColumnAudit } from '../../src/model/index.js';
import { auditText } from '../../src/render/index.js';
import { rateValue, scoreKpis } from '../../src/score/index.js';
import { problemsFrom, textHandle } from '../helpers/read.js';

type Cell = string | number;

/** Title on row 1, header on row 3 (months as date cells shown "mmm-yy"), a measure a row; `percent` rows formatted as percentages. */
async function scorecard(head: string[], rows: { cells: Cell[]; percent?: boolean }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Scorecard');
  ws.getRow(1).values = ['Corporate Performance Scorecard – Quarter 2 2024/25'];
  const months = [3, 4, 5, 6, 7, 8].map((m) => new Date(Date.UTC(2024, m, 1)));
  const header = ws.getRow(3);
  header.values = [...head, ...months, 'RAG', 'Comments'];
  months.forEach((_, i) => (header.getCell(head.length + 1 + i).numFmt = 'mmm-yy'));
  rows.forEach(({ cells, percent }, i) => {
    const row = ws.getRow(4 + i);
    row.values = cells;
    if (percent) for (let c = head.length; c <= head.length + 6; c++) row.getCell(c).numFmt = '0.0%';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEAD = ['Ref', 'Indicator', 'Good is', 'Target 24/25'];
const ROWS = [
  { cells: ['CP1', 'Household waste recycled', 'High', 0.5, 0.48, 0.49, 0.51, 0.47, 0.46, 0.45, 'A', 'Garden waste down'], percent: true },
  { cells: ['CP2', 'Average days to process new benefit claims', 'Low', 20, 22, 21, 19, 18, 18, 17, 'G', ''] },
  { cells: ['CP3', 'Number of households in temporary accommodation', 'Low', 150, 160, 165, 170, 172, 180, 'n/a', 'R', 'Demand rising'] },
  { cells: ['CP4', '% of major planning applications decided in time', 'High', 90, 100, 95, 'N/A', 80, '–', 92, 'G', ''] },
];

describe('a scorecard with no unit column', () => {
  it('reads each measure’s unit from how its cells show it and its name, and says so in one warning', async () => {
    const audits: ColumnAudit[] = [];
    const set = await readKpis(handleFromBytes(await scorecard(HEAD, ROWS), 'scorecard.xlsx'), { audit: (a) => audits.push(a) });
    expect(audits.flatMap((a) => a.warnings).map(formatProblem)).toEqual([
      'scorecard.xlsx › Scorecard!A3:L3: found no unit column, so each measure\'s unit was read from its name and how its cells show it: CP1 %, CP2 days, CP3 number, CP4 %. If one is wrong, add a Unit column (%, number, days, rate per 10,000) or define the measures in a KPI definitions file [UnitsRead]',
    ]);
    expect(auditText(audits[0]!).find((l) => l.includes('Target 24/25'))).toBe('  D3    "Target 24/25" → target (filled on 4 of 4 rows)');
    expect(set.kpis.map((k) => [k.id, k.unit, k.polarity, k.target])).toEqual([
      ['CP1', 'percent', 'higher', 50],
      ['CP2', 'days', 'lower', 20],
      ['CP3', 'number', 'lower', 150],
      ['CP4', 'percent', 'higher', 90],
    ]);
    expect(set.kpis[0]!.values.map((v) => v.value)).toEqual([48, 49, 51, 47, 46, 45]); // as the cells show them, 48.0%
  });

  it('reads "n/a", "N/A" and "–" as months with no figure, kept as written, not as errors', async () => {
    const set = await readKpis(handleFromBytes(await scorecard(HEAD, ROWS), 'scorecard.xlsx'));
    const cp3 = set.kpis.find((k) => k.id === 'CP3')!;
    expect(cp3.values.at(-1)).toMatchObject({ period: '2024-09', value: undefined, suppressed: 'n/a' });
    const cp4 = set.kpis.find((k) => k.id === 'CP4')!;
    expect(cp4.values.map((v) => v.value ?? v.suppressed)).toEqual([100, 95, 'N/A', 80, '–', 92]);
    expect(rateValue(cp3, cp3.values.at(-1), '2024-10', DEFAULT_RULES.kpis)).toEqual({ status: 'grey', reason: 'No data: the Sep 2024 figure is given as “n/a”' });
  });

  it('still refuses a figure that is neither a number nor a word for none', async () => {
    const rows = [{ cells: ['CP3', 'Households in temporary accommodation', 'Low', 150, 160, 165, 'about 170', 172, 180, 185, 'R', ''] }];
    expect(await problemsFrom(async () => readKpis(handleFromBytes(await scorecard(HEAD, rows), 'scorecard.xlsx')))).toEqual([
      'scorecard.xlsx › Scorecard!G4: found "about 170" as the value for June 2024, expected a number [NotANumber]',
    ]);
  });

  it('with no polarity either, says which the row lacks', async () => {
    const rows = [{ cells: ['CP2', 'Average days to process new benefit claims', 20, 22, 21, 19, 18, 18, 17, 'G', ''] }];
    expect(await problemsFrom(async () => readKpis(handleFromBytes(await scorecard(['Ref', 'Indicator', 'Target'], rows), 'scorecard.xlsx')))).toEqual([
      'scorecard.xlsx › Scorecard!A4: found measure "CP2" with no definition, expected it in name, unit and polarity columns on its rows; its row has no polarity [UnknownMeasure]',
    ]);
  });
});

describe('the rules for a unit and for no figure', () => {
  it('reads a unit from a name or a cell shown as a percentage', () => {
    expect(unitOfMeasure('Household waste recycled', ['48.0%'])).toBe('percent');
    expect(unitOfMeasure('% of calls answered', ['0.91'])).toBe('percent');
    expect(unitOfMeasure('Percentage of invoices paid in 30 days', ['97'])).toBe('percent'); // the name's "percentage" first
    expect(unitOfMeasure('Rate of referrals per 10,000 children', ['512'])).toBe('rate per 10,000');
    expect(unitOfMeasure('Working days lost to sickness per FTE', ['8.2'])).toBe('days');
    expect(unitOfMeasure('Number of households in temporary accommodation', ['185'])).toBe('number');
  });
  it('knows the words for no figure, and no more', () => {
    expect(['n/a', 'N/A', 'TBC', '–', 'c', 'x', 'not available', 'Not due'].map(noFigure)).toEqual(['n/a', 'N/A', 'TBC', '–', 'c', 'x', 'not available', 'Not due']);
    expect(['nil', '0', 'about 170', 'n/a yet', 'none of them'].map(noFigure)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('the scorecard’s own RAG column', () => {
  it('is read for each measure’s latest figure and compared: said in the reason, a kinder one an exception', async () => {
    const set = await readKpis(handleFromBytes(await scorecard(HEAD, ROWS), 'scorecard.xlsx'));
    expect(set.kpis.map((k) => [k.id, k.stated?.status, k.stated?.period, k.stated?.source.cell])).toEqual([
      ['CP1', 'amber', '2024-09', 'K4'],
      ['CP2', 'green', '2024-09', 'K5'],
      ['CP3', 'red', '2024-09', 'K6'],
      ['CP4', 'green', '2024-09', 'K7'],
    ]);
    const snaps = scoreKpis(set, '2024-10-31', DEFAULT_RULES.kpis);
    const byId = Object.fromEntries(snaps.map((s) => [s.kpi.id, s]));
    // CP1: 45.0% against 50.0% is red by the rules; the return says amber, kinder: an exception.
    expect(byId.CP1!.rating.status).toBe('red');
    expect(byId.CP1!.rating.reason).toMatch(/; the return states Amber \(scorecard\.xlsx › Scorecard!K4\)$/);
    expect([byId.CP1!.disagrees, byId.CP1!.statedOtherwise]).toEqual([true, true]);
    // CP2 agrees; CP3 has no figure for September (grey), so nothing is compared.
    expect([byId.CP2!.disagrees, byId.CP2!.statedOtherwise, byId.CP3!.statedOtherwise]).toEqual([false, false, false]);
    expect(byId.CP2!.rating.reason).not.toContain('the return states');
  });

  it('refuses a word that is no rating, as a tracker does', async () => {
    const rows = [{ cells: ['CP2', 'Average days to process new benefit claims', 'Low', 20, 22, 21, 19, 18, 18, 17, 'Amber/Green', ''] }];
    expect(await problemsFrom(async () => readKpis(handleFromBytes(await scorecard(HEAD, rows), 'scorecard.xlsx')))).toEqual([
      'scorecard.xlsx › Scorecard!K4: found "Amber/Green", expected a RAG rating (R, A, G, B; Red, Amber, Green, Blue, Complete; On track, At risk, Off track) [UnknownRating]',
    ]);
  });
});

describe('a long return’s RAG column', () => {
  it('states the rating of its own row’s period: the latest period’s row wins, whatever the order of the rows', async () => {
    const csv = ['Measure ID,Measure Name,Unit,Polarity,Target,Period,Value,RAG', 'K1,Visits on time,%,higher,90,2017-02,85,G', 'K1,Visits on time,%,higher,90,2017-01,91,R'].join('\r\n');
    const set = await readKpis(textHandle(csv, 'kpis.csv'));
    expect(set.kpis[0]!.stated).toEqual({ status: 'green', period: '2017-02', source: { file: 'kpis.csv', cell: 'H2' } });
  });
});
